import { type Proposal, type Scenario, scoreTerms } from "../../../../shared/index";
import type { ClientView } from "../../core/mergeView";
import { t } from "../../texts";
import { clockTime, type Labels, signed } from "./labels";

const T = t.facilitator.console.proposals;

/** Proposals across the table: the open ones with what each would make the draft worth, then the rest. */
export function ProposalsPanel({
  view,
  labels,
  scenario,
}: {
  view: ClientView;
  labels: Labels;
  scenario: Scenario | null;
}) {
  const open = view.proposals.filter((p) => p.status === "open");
  const closed = view.proposals.filter((p) => p.status !== "open").reverse();
  const worth = (terms: Record<string, string>) => {
    if (!scenario) return null;
    try {
      return scoreTerms(scenario, terms);
    } catch {
      return null;
    }
  };
  const now = worth(view.draft.terms);
  return (
    <section className="card con-proposals-panel" aria-labelledby="con-proposals-title">
      <h2 id="con-proposals-title">{T.title(open.length)}</h2>
      {open.length === 0 ? (
        <p className="hint">{T.none}</p>
      ) : (
        <ol className="con-proposals">
          {open.map((p) => (
            <ProposalItem
              key={p.id}
              p={p}
              labels={labels}
              sides={view.scenario?.sides ?? []}
              after={worth({ ...view.draft.terms, ...p.terms })}
              now={now}
            />
          ))}
        </ol>
      )}
      {closed.length > 0 && (
        <details>
          <summary>{T.closedTitle(closed.length)}</summary>
          <ol className="con-proposals">
            {closed.map((p) => (
              <ProposalItem
                key={p.id}
                p={p}
                labels={labels}
                sides={view.scenario?.sides ?? []}
                after={null}
                now={null}
              />
            ))}
          </ol>
        </details>
      )}
    </section>
  );
}

function ProposalItem({
  p,
  labels,
  sides,
  after,
  now,
}: {
  p: Proposal;
  labels: Labels;
  sides: { id: string; name: string }[];
  after: Record<string, number> | null;
  now: Record<string, number> | null;
}) {
  return (
    <li className={`con-proposal con-proposal-${p.status}`} data-testid={`console-proposal-${p.id}`}>
      <div>
        <strong>{T.route(labels.side(p.from), labels.side(p.to))}</strong>{" "}
        <span className={`fac-status fac-status-${p.status}`}>{T.status[p.status]}</span>
      </div>
      <div className="hint">
        {T.by(labels.seat(p.by), labels.phase(p.phase), clockTime(p.at))}
        {p.inReplyTo && ` · ${T.reply}`}
      </div>
      <ul>
        {Object.entries(p.terms).map(([issue, option]) => (
          <li key={issue}>
            {labels.issue(issue)}: <strong>{labels.option(issue, option)}</strong>
          </li>
        ))}
      </ul>
      {p.note && <p className="con-note">“{p.note}”</p>}
      {after && now && (
        <p className="hint">
          {T.ifAccepted(
            sides.map((s) => `${s.name} ${after[s.id]} (${signed((after[s.id] ?? 0) - (now[s.id] ?? 0))})`).join(", "),
          )}
        </p>
      )}
      {p.status !== "open" && p.closedBy && (
        <p className="hint">
          {T.closedBy(T.status[p.status] ?? p.status, labels.seat(p.closedBy))}
          {p.closeNote && ` “${p.closeNote}”`}
        </p>
      )}
    </li>
  );
}
