import { lazy, Suspense } from "react";
import type { Summary } from "../../../shared/bots/index";
import type { ChartSeries } from "../debrief/ScoreSpaceChart";
import { t } from "../texts";
import { Histogram } from "./Histogram";
import type { Outcome, PlaytestAsk, PlaytestRun } from "./runPlaytest";

const ScoreSpaceChart = lazy(() => import("../debrief/ScoreSpaceChart"));
const T = t.lab.playtest;
const P = t.lab.preview;
const DEAL = "#b35c00";
const NO_DEAL = "#a4161a";

const pct = (x: number) => `${Math.round(x * 100)}%`;
const num = (x: number) => (Number.isInteger(x) ? `${x}` : x.toFixed(1));

/** Each distinct outcome once (500 games land on a few dozen pairs): the chart draws marks, not counts. */
export function distinctOutcomes(
  outcomes: readonly Outcome[],
  agreement: boolean,
): { a: number; b: number; label: string }[] {
  const counts = new Map<string, { a: number; b: number; n: number }>();
  for (const o of outcomes) {
    if (o.agreement !== agreement) continue;
    const k = `${o.a},${o.b}`;
    const c = counts.get(k);
    if (c) c.n++;
    else counts.set(k, { a: o.a, b: o.b, n: 1 });
  }
  return [...counts.values()].map((c) => ({ a: c.a, b: c.b, label: `${c.n}×` }));
}

/** A playtest's distribution: agreement, endings, walk-aways, scores, distances, issues, injects. */
export function PlaytestResults({ run, ask }: { run: PlaytestRun; ask: PlaytestAsk }) {
  const { report, sides } = run;
  const name = (id: string) => sides.find((s) => s.id === id)?.name ?? id;
  const scores = (by: Record<string, number> | null) =>
    by ? sides.map((s) => `${s.name} ${num(by[s.id] ?? 0)}`).join(", ") : P.noNash;
  const series: ChartSeries[] = [
    { key: "deals", name: T.dealMark, points: distinctOutcomes(run.outcomes, true), shape: "circle", color: DEAL },
    {
      key: "nodeals",
      name: T.noDealMark,
      points: distinctOutcomes(run.outcomes, false),
      shape: "cross",
      color: NO_DEAL,
    },
  ];
  const quartiles = (s: Summary | null) =>
    s ? [s.min, s.q1, s.median, s.q3, s.max, s.mean].map(num) : Array.from({ length: 6 }, () => "–");
  return (
    <div className="lab-results" data-testid="lab-results">
      <p className="hint">{T.summary(report.games, ask.seed)}</p>
      <dl className="lab-figures">
        <dt>{T.agreementRate}</dt>
        <dd data-testid="lab-agreement-rate">{T.agreements(report.agreements, report.games, report.agreementRate)}</dd>
        <dt>{T.endings}</dt>
        <dd data-testid="lab-endings">
          {Object.entries(report.endings)
            .map(([reason, n]) => T.ending(reason, n))
            .join(", ")}
        </dd>
        <dt>{T.walkAways}</dt>
        <dd data-testid="lab-walkaways-run">
          {Object.keys(report.walkAways).length === 0
            ? T.none
            : Object.entries(report.walkAways)
                .map(([side, n]) => T.walkAway(name(side), n))
                .join(", ")}
        </dd>
      </dl>

      <h3>{T.scoresTitle}</h3>
      <table className="fac-table lab-quartiles" data-testid="lab-quartiles">
        <thead>
          <tr>
            <th scope="col">{T.sideCol}</th>
            {T.quartiles.map((q) => (
              <th scope="col" key={q} className="num">
                {q}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sides.map((s) => (
            <tr key={s.id} data-side={s.id}>
              <th scope="row">{s.name}</th>
              {quartiles(report.scores[s.id] ?? null).map((v, i) => (
                <td key={T.quartiles[i]} className="num">
                  {v}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="lab-histograms">
        <Histogram side={sides[0].name} values={run.outcomes.map((o) => o.a)} />
        <Histogram side={sides[1].name} values={run.outcomes.map((o) => o.b)} />
      </div>

      <h3>{T.dealsTitle}</h3>
      <dl className="lab-figures" data-testid="lab-deal-figures">
        <dt>{T.onFrontier}</dt>
        <dd>{pct(report.frontier.onFrontier)}</dd>
        <dt>{T.leftOnTable}</dt>
        <dd>{T.spread(report.frontier.pointsLeftOnTable)}</dd>
        <dt>{T.frontierDistance}</dt>
        <dd data-testid="lab-frontier-distance">{T.spread(report.frontier.distance)}</dd>
        <dt>{T.nashDistance}</dt>
        <dd data-testid="lab-nash-distance">{T.spread(report.nashDistance)}</dd>
      </dl>

      <h3>{T.cloudTitle}</h3>
      <Suspense fallback={<p className="hint">{P.chartLoading}</p>}>
        <ScoreSpaceChart
          sideA={sides[0].name}
          sideB={sides[1].name}
          cloud={[]}
          frontier={run.frontier}
          reservations={run.reservations}
          series={series}
          summary={T.cloudSummary(report.games)}
          height={320}
        />
      </Suspense>

      <h3>{T.issuesTitle}</h3>
      <table className="fac-table" data-testid="lab-issues">
        <thead>
          <tr>
            <th scope="col">{T.issueCol}</th>
            <th scope="col" className="num">
              {T.settledCol}
            </th>
            <th scope="col">{T.phasesCol}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(report.issues).map(([issue, x]) => (
            <tr key={issue} data-issue={issue}>
              <th scope="row">
                <code className="fac-path">{issue}</code>
              </th>
              <td className="num">{pct(x.settled)}</td>
              <td>
                {Object.entries(x.phases)
                  .map(([phase, n]) => T.phaseCount(phase, n))
                  .join(", ") || T.none}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {report.injects.length > 0 && (
        <>
          <h3>{T.injectsTitle}</h3>
          <table className="fac-table" data-testid="lab-inject-effects">
            <thead>
              <tr>
                <th scope="col">{P.injectCol}</th>
                <th scope="col" className="num">
                  {T.playedCol}
                </th>
                <th scope="col" className="num">
                  {T.withCol}
                </th>
                <th scope="col" className="num">
                  {T.withoutCol}
                </th>
                <th scope="col">{T.zoneCol}</th>
                <th scope="col">{T.nashCol}</th>
              </tr>
            </thead>
            <tbody>
              {report.injects.map((i) => (
                <tr key={i.id} data-inject={i.id}>
                  <th scope="row">
                    {i.title} <code className="fac-path">{i.id}</code>
                  </th>
                  <td className="num">{i.played.toLocaleString("en")}</td>
                  <td className="num">{i.withIt.games === 0 ? "–" : pct(i.withIt.agreementRate)}</td>
                  <td className="num">{i.without.games === 0 ? "–" : pct(i.without.agreementRate)}</td>
                  <td>{T.arrow(pct(i.figures.zopaBefore), pct(i.figures.zopaAfter))}</td>
                  <td>{T.arrow(scores(i.figures.nashBefore), scores(i.figures.nashAfter))}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <p className="hint">
        {T.refusals(report.refusals.count)} · {T.unfinished(report.unfinished)}
      </p>
    </div>
  );
}
