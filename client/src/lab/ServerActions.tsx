import { useState } from "react";
import { type ScenarioProblem, scenarioProblems, scenarioValidated, uploaded } from "../../../shared/contract/index";
import { ApiFailure, api } from "../core/api";
import { ErrorText } from "../facilitator/ErrorText";
import { describeError } from "../facilitator/errors";
import { t } from "../texts";

const T = t.lab.server;

type Said = { tone: "ok" | "error"; text: string } | null;

/**
 * The server is the authority: "Validate" asks it (POST /api/scenarios/validate, nothing stored)
 * and "Publish" uploads the draft as a scenario of this key (POST /api/scenarios). Either answer's
 * problems replace the browser's own in the problems list.
 */
export function ServerActions({
  text,
  keyValue,
  onProblems,
  onPublished,
}: {
  text: string;
  keyValue: string;
  onProblems: (problems: ScenarioProblem[]) => void;
  onPublished: () => void;
}) {
  const [busy, setBusy] = useState<"validate" | "publish" | null>(null);
  const [said, setSaid] = useState<Said>(null);

  const body = (): unknown => {
    try {
      return JSON.parse(text);
    } catch {
      return undefined;
    }
  };

  async function validate() {
    const doc = body();
    if (doc === undefined) return setSaid({ tone: "error", text: T.notJson });
    setBusy("validate");
    setSaid(null);
    try {
      const r = await api("/api/scenarios/validate", scenarioValidated, { method: "POST", token: keyValue, body: doc });
      onProblems(r.problems);
      const errors = r.problems.filter((p) => p.severity === "error").length;
      setSaid(r.ok ? { tone: "ok", text: T.valid(r.problems.length) } : { tone: "error", text: T.invalid(errors) });
    } catch (err) {
      setSaid({ tone: "error", text: describeError(err) });
    } finally {
      setBusy(null);
    }
  }

  async function publish() {
    const doc = body();
    if (doc === undefined) return setSaid({ tone: "error", text: T.notJson });
    setBusy("publish");
    setSaid(null);
    try {
      const r = await api("/api/scenarios", uploaded, { method: "POST", token: keyValue, body: doc });
      onProblems(r.warnings);
      setSaid({ tone: "ok", text: T.published(r.id, r.version) });
      onPublished();
    } catch (err) {
      const listed = err instanceof ApiFailure ? scenarioProblems.safeParse(err.error.details) : null;
      if (listed?.success) {
        onProblems(listed.data.problems);
        const errors = listed.data.problems.filter((p) => p.severity === "error").length;
        setSaid({ tone: "error", text: T.invalid(errors) });
      } else if (err instanceof ApiFailure && err.error.code === "scenario_exists") {
        setSaid({ tone: "error", text: T.exists });
      } else setSaid({ tone: "error", text: describeError(err) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <div className="lab-actions">
      <button
        type="button"
        className="secondary"
        onClick={validate}
        disabled={busy !== null}
        data-testid="lab-validate"
      >
        {busy === "validate" ? T.validating : T.validate}
      </button>
      <button type="button" onClick={publish} disabled={busy !== null} data-testid="lab-publish">
        {busy === "publish" ? T.publishing : T.publish}
      </button>
      {said?.tone === "ok" && (
        <p className="fac-ok" role="status" data-testid="lab-server-said">
          {said.text}
        </p>
      )}
      {said?.tone === "error" && (
        <div data-testid="lab-server-said">
          <ErrorText message={said.text} />
        </div>
      )}
    </div>
  );
}
