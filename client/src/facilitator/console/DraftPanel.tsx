import { lazy, Suspense } from "react";
import { type Analysis, isSettled, settledCount } from "../../../../shared/index";
import type { ClientView } from "../../core/mergeView";
import { t } from "../../texts";
import { TableWrap } from "../TableWrap";
import { type Labels, signed } from "./labels";

// The chart library loads only when a console shows its first chart.
const FrontierChart = lazy(() => import("./FrontierChart"));

const T = t.facilitator.console.draft;

/** The draft, issue by issue, what it is worth to each side, and where it stands against the frontier. */
export function DraftPanel({
  view,
  labels,
  analysis,
}: {
  view: ClientView;
  labels: Labels;
  analysis: Analysis | null;
}) {
  const scenario = view.scenario;
  const secrets = view.secrets;
  if (!scenario || !secrets) return null;
  const sides = scenario.sides;
  const draft = view.draft;
  const live = secrets.scores.live.sides;
  const reservations = secrets.scores.reservations;
  const pointsOf = (sideId: string, issueId: string, optionId: string) => {
    const issue = scenario.issues.find((i) => i.id === issueId);
    const k = issue?.options.findIndex((o) => o.id === optionId) ?? -1;
    return secrets.sides.find((s) => s.id === sideId)?.points[issueId]?.[k];
  };
  const [a, b] = [sides[0]!, sides[1]!];
  const draftPoint = { a: live[a.id] ?? 0, b: live[b.id] ?? 0 };

  return (
    <section className="card con-draft" aria-labelledby="con-draft-title" data-testid="console-draft">
      <h2 id="con-draft-title">{T.title(draft.version)}</h2>
      <p>
        {draft.signedBy.length ? T.signedBy(draft.signedBy.map(labels.side).join(", ")) : T.unsigned}
        {" · "}
        {T.settled(settledCount(scenario, draft.terms), scenario.issues.length, scenario.rules.minimumIssues)}
      </p>
      <TableWrap label={T.caption}>
        <table className="fac-table con-draft-table">
          <caption className="visually-hidden">{T.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{T.issue}</th>
              <th scope="col">{T.option}</th>
              {sides.map((s) => (
                <th scope="col" key={s.id} className="num">
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {scenario.issues.map((issue) => {
              const optionId = draft.terms[issue.id];
              const shown = optionId ?? issue.noDeal;
              const settledIn = draft.settledIn[issue.id];
              return (
                <tr key={issue.id} data-testid={`console-draft-${issue.id}`}>
                  <th scope="row">
                    {issue.title}
                    {view.phase.agenda.includes(issue.id) && !view.outcome && (
                      <div className="con-agenda">
                        <span aria-hidden="true">▸ </span>
                        {T.onAgenda}
                      </div>
                    )}
                  </th>
                  <td>
                    {optionId ? (
                      <>
                        {labels.option(issue.id, optionId)}
                        {!isSettled(issue, draft.terms) ? (
                          <div className="hint">{T.atNoDeal}</div>
                        ) : (
                          settledIn && <div className="hint">{T.settledIn(labels.phase(settledIn))}</div>
                        )}
                      </>
                    ) : (
                      <>
                        <em>{T.open}</em>{" "}
                        <span className="hint">{T.noDeal(labels.option(issue.id, issue.noDeal))}</span>
                      </>
                    )}
                  </td>
                  {sides.map((s) => (
                    <td key={s.id} className={optionId ? "num" : "num hint"}>
                      {pointsOf(s.id, issue.id, shown) ?? "—"}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>

      <h3>{view.outcome ? (view.outcome.agreement ? T.scoresTitleSigned : T.scoresTitleOver) : T.scoresTitle}</h3>
      <TableWrap label={T.scoresCaption}>
        <table className="fac-table" data-testid="console-scores">
          <caption className="visually-hidden">{T.scoresCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{T.side}</th>
              <th scope="col" className="num">
                {T.draftWorth}
              </th>
              <th scope="col" className="num">
                {T.reservation}
              </th>
              <th scope="col">{T.versus}</th>
            </tr>
          </thead>
          <tbody>
            {sides.map((s) => {
              const worth = live[s.id] ?? 0;
              const res = reservations[s.id] ?? 0;
              const margin = worth - res;
              return (
                <tr key={s.id}>
                  <th scope="row">{s.name}</th>
                  <td className="num" data-testid={`console-live-${s.id}`}>
                    {worth}
                  </td>
                  <td className="num">{res}</td>
                  <td className={margin > 0 ? "con-good" : margin < 0 ? "con-bad" : ""}>
                    <span aria-hidden="true">{margin > 0 ? "▲ " : margin < 0 ? "▼ " : "= "}</span>
                    {margin > 0 ? T.above(margin) : margin < 0 ? T.below(-margin) : T.equal}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      {analysis?.deal && (
        <ul className="con-facts">
          <li>{analysis.deal.onFrontier ? T.onFrontier : T.offFrontier(analysis.deal.pointsLeftOnTable)}</li>
          <li>{T.joint(analysis.deal.joint, analysis.maxJoint.joint)}</li>
          {analysis.nash && analysis.deal.nashGap && (
            <li>
              {T.nashGap(
                sides.map((s) => `${s.name} ${analysis.nash!.scores[s.id]}`).join(", "),
                sides.map((s) => `${s.name} ${signed(analysis.deal!.nashGap![s.id] ?? 0)}`).join(", "),
              )}
            </li>
          )}
          <li>{T.better(analysis.deal.better.packages, analysis.totalPackages)}</li>
        </ul>
      )}

      <figure className="con-chart" data-testid="frontier-chart" aria-labelledby="con-chart-caption">
        <figcaption id="con-chart-caption">{T.chartCaption(a.name, b.name)}</figcaption>
        {analysis ? (
          <Suspense fallback={<p className="hint">{T.chartLoading}</p>}>
            <FrontierChart
              sideA={a.name}
              sideB={b.name}
              frontier={analysis.frontier.map((p) => ({ a: p.scores[a.id] ?? 0, b: p.scores[b.id] ?? 0 }))}
              reservations={{ a: reservations[a.id] ?? 0, b: reservations[b.id] ?? 0 }}
              draft={draftPoint}
              nash={analysis.nash ? { a: analysis.nash.scores[a.id] ?? 0, b: analysis.nash.scores[b.id] ?? 0 } : null}
            />
          </Suspense>
        ) : (
          <p className="hint">{T.noAnalysis}</p>
        )}
      </figure>
    </section>
  );
}
