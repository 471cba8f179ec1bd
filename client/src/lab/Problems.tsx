import { useId, useMemo } from "react";
import type { Problem } from "../../../shared/scenario/crossCheck";
import { t } from "../texts";
import { jsonErrorOffset, lineOf, offsetOf, pathOffsets } from "./jsonPaths";

const T = t.lab.problems;

/**
 * Every problem of the draft, errors first, each with its severity, its JSON path and the line
 * it points at; a click puts the editor's cursor there.
 */
export function Problems({
  text,
  problems,
  checking,
  onJump,
  title = T.title,
  testId = "lab-problems",
}: {
  text: string;
  problems: Problem[] | null;
  checking: boolean;
  onJump: (offset: number) => void;
  title?: string;
  testId?: string;
}) {
  const headingId = useId();
  const offsets = useMemo(() => pathOffsets(text), [text]);
  const where = (p: Problem) =>
    p.path === "$" && p.message.startsWith("not valid JSON")
      ? jsonErrorOffset(text, p.message)
      : offsetOf(offsets, p.path);
  const sorted = problems ? [...problems].sort((x, y) => rank(x) - rank(y)) : null;
  const errors = problems?.filter((p) => p.severity === "error").length ?? 0;
  return (
    <section className="card lab-problems" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId}>{title}</h2>
      <p className="hint" aria-live="polite" data-testid={`${testId}-summary`}>
        {checking ? T.checking : sorted && (sorted.length === 0 ? T.none : T.count(errors, sorted.length - errors))}
      </p>
      {sorted && sorted.length > 0 && (
        <ul className="lab-problem-list">
          {sorted.map((p, i) => {
            const at = where(p);
            return (
              <li
                // biome-ignore lint/suspicious/noArrayIndexKey: two problems may share a path and a message
                key={i}
                className={`lab-problem lab-${p.severity}`}
                data-testid="lab-problem"
                data-severity={p.severity}
              >
                <span className="lab-severity">{p.severity === "error" ? T.error : T.warning}</span>{" "}
                {at === null ? (
                  <code className="fac-path">{p.path}</code>
                ) : (
                  <button type="button" className="link lab-jump" onClick={() => onJump(at)}>
                    <code className="fac-path">{p.path}</code> <span className="hint">{T.line(lineOf(text, at))}</span>
                  </button>
                )}{" "}
                <span className="lab-message">{p.message}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

const rank = (p: Problem) => (p.severity === "error" ? 0 : 1);
