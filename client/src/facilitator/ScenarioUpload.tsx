import { useId, useState } from "react";
import { type ScenarioProblem, scenarioProblems, uploadChecked, uploaded } from "../../../shared/contract/index";
import { ApiFailure, api } from "../core/api";
import { t } from "../texts";
import { requireFacilitatorKey } from "./access";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";

const T = t.facilitator.upload;

/**
 * Upload a scenario file (JSON). The server checks it and answers with every problem at once,
 * each against its JSON path; they are listed here so a teacher can fix them all in one pass:
 * the errors (which refuse the upload) first, then the warnings (a scenario that plays, but
 * perhaps not as meant), which also come back with a successful upload or check.
 */
export function ScenarioUpload({ onUploaded }: { onUploaded: (id: string, version: number) => void }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<{ file: string; list: ScenarioProblem[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // A dry run: every problem, and nothing stored (the server's ?dryRun=true).
  const [checkOnly, setCheckOnly] = useState(false);

  async function upload(input: HTMLInputElement) {
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    setProblems(null);
    setError(null);
    setDone(null);
    try {
      let doc: unknown;
      try {
        doc = JSON.parse(await file.text());
      } catch (err) {
        setError(T.notJson(file.name, (err as Error).message));
        return;
      }
      const r = await api(`/api/scenarios?dryRun=${checkOnly}`, checkOnly ? uploadChecked : uploaded, {
        method: "POST",
        token: requireFacilitatorKey(),
        body: doc,
      });
      if (r.warnings.length > 0) setProblems({ file: file.name, list: r.warnings });
      if (checkOnly) {
        setDone(r.warnings.length > 0 ? T.checkedWithWarnings(r.id, r.version) : T.checked(r.id, r.version));
        return;
      }
      setDone(T.uploaded(r.id, r.version));
      onUploaded(r.id, r.version);
    } catch (err) {
      // The problems as the scenario routes send invalid_scenario's details: path, message, severity.
      const listed = err instanceof ApiFailure ? scenarioProblems.safeParse(err.error.details) : null;
      if (err instanceof ApiFailure && err.status === 400 && listed?.success) {
        setProblems({ file: file.name, list: listed.data.problems });
      } else if (err instanceof ApiFailure && err.status === 409) {
        // A taken or built-in id says so in its own words; the same version asks for a new one.
        setError(err.error.code === "scenario_exists" ? T.exists : err.error.message);
      } else if (err instanceof ApiFailure && err.status === 413) {
        setError(T.tooLarge);
      } else {
        setError(describeError(err));
      }
    } finally {
      setBusy(false);
      // The same file can be chosen again once it is fixed.
      input.value = "";
    }
  }

  const errors = problems?.list.filter((p) => p.severity === "error") ?? [];
  const warnings = problems?.list.filter((p) => p.severity === "warning") ?? [];
  return (
    <div className="fac-upload">
      <label htmlFor={id}>{T.label}</label>
      <p className="hint" id={`${id}-hint`}>
        {T.hint}{" "}
        <a href="/api/scenario-schema.json" target="_blank" rel="noreferrer">
          {T.schema}
        </a>
      </p>
      <label className="fac-check">
        <input
          type="checkbox"
          checked={checkOnly}
          onChange={(e) => setCheckOnly(e.currentTarget.checked)}
          data-testid="scenario-check-only"
        />{" "}
        {T.checkOnly}
      </label>
      <input
        id={id}
        type="file"
        accept=".json,application/json"
        aria-describedby={`${id}-hint`}
        data-testid="scenario-upload"
        disabled={busy}
        onChange={(e) => upload(e.currentTarget)}
      />
      {busy && <p aria-live="polite">{T.checking}</p>}
      {done && (
        <p className="fac-ok" role="status">
          {done}
        </p>
      )}
      <ErrorText message={error} />
      {problems && errors.length > 0 && (
        <div className="fac-problems" role="alert" data-testid="upload-problems">
          <p className="error">{T.errors(errors.length, problems.file)}</p>
          <ProblemList list={errors} label={T.error} />
        </div>
      )}
      {problems && warnings.length > 0 && (
        <div className="fac-problems fac-warnings" data-testid="upload-warnings">
          <p>{T.warnings(warnings.length, problems.file)}</p>
          <ProblemList list={warnings} label={T.warning} />
        </div>
      )}
    </div>
  );
}

function ProblemList({ list, label }: { list: ScenarioProblem[]; label: string }) {
  return (
    <ul>
      {list.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: two problems may share a path
        <li key={i} data-severity={p.severity}>
          <span className="visually-hidden">{label}: </span>
          <code className="fac-path">{p.path}</code> <span>{p.message}</span>
        </li>
      ))}
    </ul>
  );
}
