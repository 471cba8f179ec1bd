import { useId, useState } from "react";
import { rulesOf, versionForView } from "../../../../shared/rulesVersions";
import type { GameProps } from "../../core/gameProps";
import { t } from "../../texts";
import { SendFooter } from "./SendFooter";
import { useMove } from "./useMove";

const T = t.control.ruling;

/**
 * Control's ruling on the draft (rules version 4): impose a term (an issue on the agenda, an
 * option) or strike one the draft holds, with the reason both sides are told. The server judges
 * the rule; the lists offer only what it would accept.
 */
export function RulingForm({ view, send }: Pick<GameProps, "view" | "send">) {
  const move = useMove(send);
  const [kind, setKind] = useState<"impose" | "strike">("impose");
  const [issue, setIssue] = useState("");
  const [option, setOption] = useState("");
  const [reason, setReason] = useState("");
  const [sent, setSent] = useState(false);
  const id = useId();
  if (view.outcome) return null;
  const allowed = rulesOf(versionForView(view.rulesVersion)).controlRulings;
  const issues = view.scenario?.issues ?? [];
  const choices = issues.filter((i) =>
    kind === "impose" ? view.phase.agenda.includes(i.id) : view.draft.terms[i.id] !== undefined,
  );
  const options = issues.find((i) => i.id === issue)?.options ?? [];
  const ready =
    choices.some((i) => i.id === issue) &&
    (kind === "strike" || options.some((o) => o.id === option)) &&
    reason.trim().length > 0;
  const choose = (k: "impose" | "strike") => {
    setKind(k);
    setIssue("");
    setOption("");
  };

  return (
    <section className="card con-ruling" aria-labelledby={`${id}-title`} data-testid="ruling-form">
      <h2 id={`${id}-title`}>{T.title}</h2>
      {!allowed ? (
        <p className="hint">{T.olderRules(view.rulesVersion)}</p>
      ) : (
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (!ready) return;
            setSent(false);
            const ok = await move.run({
              type: "ruling",
              kind,
              issue,
              ...(kind === "impose" ? { option } : {}),
              reason: reason.trim(),
            });
            if (ok) {
              setIssue("");
              setOption("");
              setReason("");
              setSent(true);
            }
          }}
        >
          <p className="hint">{T.hint}</p>
          <div className="con-radios">
            {(["impose", "strike"] as const).map((k) => (
              <span className="fac-check" key={k}>
                <input
                  type="radio"
                  id={`${id}-${k}`}
                  name={`${id}-kind`}
                  checked={kind === k}
                  onChange={() => choose(k)}
                  data-testid={`ruling-${k}`}
                />
                <label htmlFor={`${id}-${k}`}>{T[k]}</label>
              </span>
            ))}
          </div>
          <label htmlFor={`${id}-issue`}>{T.issueLabel}</label>
          <select
            id={`${id}-issue`}
            value={issue}
            onChange={(e) => {
              setIssue(e.target.value);
              setOption("");
            }}
            data-testid="ruling-issue"
          >
            <option value="">{T.choose}</option>
            {choices.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
          {kind === "impose" && (
            <>
              <label htmlFor={`${id}-option`}>{T.optionLabel}</label>
              <select
                id={`${id}-option`}
                value={option}
                onChange={(e) => setOption(e.target.value)}
                data-testid="ruling-option"
              >
                <option value="">{T.choose}</option>
                {options.map((o) => (
                  <option key={o.id} value={o.id} disabled={view.draft.terms[issue] === o.id}>
                    {o.label}
                  </option>
                ))}
              </select>
            </>
          )}
          <label htmlFor={`${id}-reason`}>{T.reasonLabel}</label>
          <textarea
            id={`${id}-reason`}
            rows={2}
            maxLength={1000}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              setSent(false);
            }}
            data-testid="ruling-reason"
          />
          <SendFooter
            label={T.send}
            testId="ruling-send"
            disabled={move.busy || !ready}
            error={move.error}
            sent={sent ? T.sent : null}
          />
        </form>
      )}
    </section>
  );
}
