import { lazy, Suspense } from "react";
import type { Zone } from "../../../shared/scenario/playability";
import type { ChartSeries } from "../debrief/ScoreSpaceChart";
import { t } from "../texts";
import type { LabCheck } from "./check";

const ScoreSpaceChart = lazy(() => import("../debrief/ScoreSpaceChart"));
const T = t.lab.preview;
const NASH = "#1e6b35";
const FORECAST = "#b35c00";

/** A zone the preview did not compute (too much work for one validation) says so. */
const zoneCell = (z: Zone | null) => (z ? T.zoneCell(z.packages, z.share) : T.notComputed);

/**
 * The analytics preview of a sound draft: the zone of agreement, each side's walk-away, the Nash
 * package and the forecast, the frontier on a chart, and each inject's effect on the zone (just
 * before it fires, just after), as shared/scenario/playability.ts computes them. While an edit is
 * being checked the last preview stays, dimmed, rather than blinking out at every keystroke.
 */
export function Preview({ check, stale }: { check: LabCheck | null; stale: boolean }) {
  const preview = check?.preview;
  if (!check || !preview || check.sides.length !== 2) {
    return (
      <section className="card lab-preview" aria-labelledby="lab-preview-title" data-testid="lab-preview">
        <h2 id="lab-preview-title">{T.title}</h2>
        <p className="hint">{T.unavailable}</p>
      </section>
    );
  }
  const [A, B] = check.sides as [LabCheck["sides"][number], LabCheck["sides"][number]];
  const scores = (by: Record<string, number>) => T.scores(check.sides.map((s) => [s.name, by[s.id] ?? 0]));
  const pair = (by: Record<string, number>) => ({ a: by[A.id] ?? 0, b: by[B.id] ?? 0 });
  // An inject that leaves the figure as it was says "unchanged" rather than repeating it.
  const short = (by: Record<string, number> | null) => (by ? `${by[A.id] ?? 0}/${by[B.id] ?? 0}` : T.noneShort);
  const beforeAfter = (
    x: { before: Record<string, number> | null; after: Record<string, number> | null } | undefined,
  ) =>
    !x
      ? T.notComputed
      : short(x.before) === short(x.after)
        ? T.unchanged(short(x.after))
        : `${short(x.before)} → ${short(x.after)}`;
  const series: ChartSeries[] = [
    ...(preview.nash
      ? [
          {
            key: "nash",
            name: T.nashMark,
            points: [pair(preview.nash.scores)],
            shape: "triangle" as const,
            color: NASH,
          },
        ]
      : []),
    ...(check.forecast
      ? [
          {
            key: "forecast",
            name: T.forecastMark,
            points: [pair(check.forecast)],
            shape: "star" as const,
            color: FORECAST,
          },
        ]
      : []),
  ];
  return (
    <section
      className={`card lab-preview${stale ? " lab-stale" : ""}`}
      aria-labelledby="lab-preview-title"
      aria-busy={stale}
      data-testid="lab-preview"
    >
      <h2 id="lab-preview-title">{T.title}</h2>
      <dl className="lab-figures">
        <dt>{T.zone}</dt>
        <dd data-testid="lab-zone">
          {T.zoneValue(preview.zone.packages, preview.zone.share)} · {T.packages(preview.totalPackages)}
        </dd>
        <dt>{T.walkAways}</dt>
        <dd data-testid="lab-walkaways">{scores(preview.reservations)}</dd>
        <dt>{T.nash}</dt>
        <dd data-testid="lab-nash">{preview.nash ? scores(preview.nash.scores) : T.noNash}</dd>
        {check.forecast && (
          <>
            <dt>{T.forecast}</dt>
            <dd data-testid="lab-forecast">{scores(check.forecast)}</dd>
          </>
        )}
        <dt>{T.frontier(preview.frontier.length)}</dt>
        <dd />
      </dl>
      <Suspense fallback={<p className="hint">{T.chartLoading}</p>}>
        <ScoreSpaceChart
          sideA={A.name}
          sideB={B.name}
          cloud={check.cloud}
          frontier={preview.frontier.map((p) => pair(p.scores))}
          reservations={pair(preview.reservations)}
          series={series}
          summary={T.chartSummary(A.name, B.name, preview.frontier.length)}
          height={340}
        />
      </Suspense>
      <h3>{T.injects}</h3>
      {preview.injects.length === 0 ? (
        <p className="hint">{T.noInjects}</p>
      ) : (
        <table className="fac-table lab-injects" data-testid="lab-injects">
          <thead>
            <tr>
              <th scope="col">{T.injectCol}</th>
              <th scope="col">{T.whenCol}</th>
              <th scope="col">{T.beforeCol}</th>
              <th scope="col">{T.afterCol}</th>
              <th scope="col">{T.nashCol(A.name, B.name)}</th>
              <th scope="col">{T.forecastCol(A.name, B.name)}</th>
            </tr>
          </thead>
          <tbody>
            {preview.injects.map((i, k) => (
              <tr key={i.id} data-testid="lab-inject" data-inject={i.id}>
                <th scope="row">
                  {i.title} <code className="fac-path">{i.id}</code>
                </th>
                <td>{i.when === "deck" ? T.deck : T.scheduled(i.when)}</td>
                <td className="num">{zoneCell(i.before)}</td>
                <td
                  className={`num${i.after && i.before && i.after.packages < i.before.packages ? " lab-shrinks" : ""}`}
                >
                  {zoneCell(i.after)}
                </td>
                <td data-testid="lab-inject-nash">{beforeAfter(check.injects[k]?.nash)}</td>
                <td data-testid="lab-inject-forecast">{beforeAfter(check.injects[k]?.forecast)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
