import { useState } from "react";
import { isSettled, settledCount } from "../../../shared/index";
import { t } from "../texts";
import type { Model } from "./model";

/**
 * Every issue and its options: where the draft stands, what each option is worth to this side,
 * whether the issue is on the agenda now and in this role's portfolio. Descriptions on demand.
 */
export function AgendaBoard({ m }: { m: Model }) {
  const { view, scenario, side } = m;
  const a = t.seat.board;
  const settled = settledCount(scenario, view.draft.terms);
  return (
    <section className="panel" aria-labelledby="board-title" data-testid="agenda-board">
      <div className="panel-head">
        <h2 id="board-title">{a.title}</h2>
        <p className="panel-meta">
          {a.draftSummary(view.draft.version, settled, scenario.issues.length, scenario.rules.minimumIssues)}
        </p>
      </div>
      <p className="hint">{a.intro(side.name, m.otherSide.name)}</p>
      <ul className="issues">
        {scenario.issues.map((issue) => (
          <IssueRow key={issue.id} m={m} issueId={issue.id} />
        ))}
      </ul>
    </section>
  );
}

function IssueRow({ m, issueId }: { m: Model; issueId: string }) {
  const [open, setOpen] = useState(false);
  const { view, role } = m;
  const a = t.seat.board;
  const issue = m.issue(issueId)!;
  // Only what someone acting now can move: the Stockholm round's agenda names issues no minister holds.
  const onAgenda = m.agenda.includes(issue.id);
  const yours = role.portfolio.includes(issue.id);
  const inDraft = view.draft.terms[issue.id];
  const settledIn = view.draft.settledIn[issue.id];
  // Named in the draft at its no-deal option: in the draft, but not settled (the signing rule's isSettled).
  const settled = isSettled(issue, view.draft.terms);
  const detailsId = `issue-details-${issue.id}`;
  const phaseTitle = (id: string | undefined) => m.scenario.phases.find((p) => p.id === id)?.title;
  return (
    <li className={onAgenda ? "issue" : "issue issue-off"} data-testid={`issue-${issue.id}`}>
      <div className="issue-head">
        <h3>{issue.title}</h3>
        <span className={onAgenda ? "tag tag-on" : "tag tag-off"}>
          <span aria-hidden="true">{onAgenda ? "● " : "○ "}</span>
          {onAgenda ? a.onAgenda : a.offAgenda}
        </span>
        <span className={yours ? "tag tag-on" : "tag tag-off"}>
          <span aria-hidden="true">{yours ? "★ " : "☆ "}</span>
          {yours ? a.yours : a.notYours}
        </span>
        <span className={settled ? "tag tag-settled" : "tag tag-off"}>
          <span aria-hidden="true">{settled ? "✓ " : "… "}</span>
          {settled ? a.settled(phaseTitle(settledIn)) : inDraft ? a.atNoDeal : a.unsettled}
        </span>
        <button
          type="button"
          className="link-button"
          aria-expanded={open}
          aria-controls={detailsId}
          onClick={() => setOpen(!open)}
        >
          {open ? a.hideDetails : a.showDetails}
          <span className="visually-hidden"> {issue.title}</span>
        </button>
      </div>
      <ol className="options" aria-label={a.optionsOf(issue.title)}>
        {issue.options.map((o) => {
          const pts = m.points(issue.id, o.id);
          const here = inDraft === o.id;
          return (
            <li
              key={o.id}
              className={here ? "option option-draft" : "option"}
              data-testid={`board-${issue.id}-${o.id}`}
            >
              <span className="option-label">{o.label}</span>
              {here && (
                <span className="option-mark">
                  <span aria-hidden="true">✓ </span>
                  {a.inDraft}
                </span>
              )}
              {!inDraft && o.id === issue.noDeal && <span className="option-nodeal">{a.noDealDefault}</span>}
              <span className="option-points">{pts === null ? "—" : t.common.points(pts)}</span>
            </li>
          );
        })}
      </ol>
      {open && (
        <div className="issue-details" id={detailsId}>
          <p>{issue.description}</p>
          <dl>
            {issue.options.map((o) => (
              <div key={o.id}>
                <dt>{o.label}</dt>
                <dd>{o.description}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
    </li>
  );
}
