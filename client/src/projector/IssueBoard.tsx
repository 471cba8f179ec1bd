import { agendaInPlay, isSettled, settledCount } from "../../../shared/index";
import type { ClientView } from "../core/mergeView";
import { t } from "../texts";

const T = t.projector.issues;

/** Where each issue stands in the draft: the option agreed so far, or "open". Never any points. */
export function IssueBoard({ view }: { view: ClientView }) {
  const scenario = view.scenario;
  if (!scenario) return null;
  // The signing rule's count (shared isSettled), not the number of issues the draft names.
  const settled = settledCount(scenario, view.draft.terms);
  // On the table: the agenda's issues that someone acting in this phase holds, not the whole agenda.
  const phase = scenario.phases[view.phase.index];
  const agenda = phase
    ? agendaInPlay(
        { agenda: view.phase.agenda, acting: phase.acting },
        scenario.roles,
        view.seats.map((s) => s.id),
      )
    : view.phase.agenda;
  // The tag matters only when some issues are off the table.
  const partial = scenario.issues.some((i) => !agenda.includes(i.id));
  // The draft's signatures are per side (side ids), so they are named by the side's name.
  const signedBy = view.draft.signedBy.map((id) => scenario.sides.find((s) => s.id === id)?.name ?? id).join(", ");
  return (
    <section className="proj-issues" aria-labelledby="proj-issues-title">
      <h2 id="proj-issues-title">{T.title(settled, scenario.issues.length)}</h2>
      {signedBy && <p className="proj-signed">{T.signedBy(signedBy)}</p>}
      <ul className="proj-issue-list">
        {scenario.issues.map((issue) => {
          const optionId = view.draft.terms[issue.id];
          const named = optionId ? (issue.options.find((o) => o.id === optionId)?.label ?? optionId) : null;
          const label = isSettled(issue, view.draft.terms) ? named : null;
          const onAgenda = agenda.includes(issue.id);
          return (
            <li
              key={issue.id}
              className={label ? "proj-issue proj-issue-settled" : "proj-issue"}
              data-testid={`projector-issue-${issue.id}`}
            >
              <span className="proj-issue-title">
                {issue.title}
                {partial && onAgenda && <span className="proj-tag">{T.onAgenda}</span>}
              </span>
              <span className="proj-issue-state">
                {label ? (
                  <>
                    <span aria-hidden="true">✓ </span>
                    {label}
                  </>
                ) : (
                  <span className="proj-open">
                    <span aria-hidden="true">… </span>
                    {named ? T.atNoDeal(named) : T.open}
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
