import { lazy, Suspense, useEffect, useMemo, useState } from "react";
import {
  type ClassSummary,
  classList,
  exportedRecord,
  type GameSummary,
  gameList,
} from "../../../shared/contract/index";
import { type Analysis, analyze, type Outcome, type Scenario } from "../../../shared/index";
import { api } from "../core/api";
import { Link } from "../core/router";
import { storage } from "../core/storage";
import { thinPairs } from "../debrief/model";
import type { ChartSeries } from "../debrief/ScoreSpaceChart";
import { sideName } from "../replay/labels";
import { describeLoadError, exportPath } from "../replay/record";
import { t } from "../texts";
import { BotBaseline } from "./BotBaseline";
import { ClassResults } from "./ClassResults";
import { IssuesTable, RolesTable } from "./Comparisons";
import { type CohortFigures, cohortFigures } from "./figures";
import { type Loaded, nameOf } from "./loaded";
import "../debrief/debrief.css";

const ScoreSpaceChart = lazy(() => import("../debrief/ScoreSpaceChart"));

const T = t.replay.cohort;

type Listed = GameSummary;

type Ending = { agreement: boolean; sides: Record<string, number>; reason: string | null };

/** A finished game's outcome as the chart plots it (the contract has parsed it on arrival). */
function endingOf(outcome: Outcome | null): Ending | null {
  return outcome ? { agreement: outcome.agreement, sides: outcome.scores.sides, reason: outcome.reason } : null;
}

/** A scenario's games' colours: a marker per game would be too many; agreements and no-deals differ by shape. */
const AGREED = "#b35c00";
const FAILED = "#a4161a";
const NASH = "#1e6b35";

/**
 * `/facilitator/cohort/:scenarioId`: every game of a scenario this facilitator ran (a class with
 * several tables), side by side, and every outcome on one chart against the frontier. The frontier
 * drawn is the scenario's as the first listed game's record holds it, before any inject's shifts (each
 * table may have drawn different cards); games of another version of the scenario are listed but
 * not plotted. Each game's own figures ("left on the table", its point) come from its own record,
 * on its points after its injects, by the debrief's function (figures.ts).
 */
export function Cohort({ scenarioId }: { scenarioId: string }) {
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = storage.facilitatorKey();

  useEffect(() => {
    if (!key) return;
    let live = true;
    (async () => {
      try {
        const games = await api(`/api/games?scenarioId=${encodeURIComponent(scenarioId)}`, gameList, {
          token: key,
        });
        let scenario: Scenario | null = null;
        let analysis: Analysis | null = null;
        let analysisError: string | null = null;
        // Newest first: the newest game's version is the one the class played last.
        const first = games[0];
        if (first) {
          try {
            const record = await api(exportPath(first.gameId, "format=json"), exportedRecord, { token: key });
            scenario = record.scenario;
            analysis = analyze(record.scenario);
          } catch (err) {
            analysisError = describeLoadError(err);
          }
        }
        // Every finished game's record, for its figures after its own injects; one that fails to
        // load shows "—" rather than a figure computed on the wrong points.
        const figures: Record<string, CohortFigures> = {};
        await Promise.all(
          games
            .filter((g) => g.outcome !== null)
            .map(async (g) => {
              try {
                const record = await api(exportPath(g.gameId, "format=json"), exportedRecord, { token: key });
                figures[g.gameId] = cohortFigures(record);
              } catch {
                // Left out: the row shows "—".
              }
            }),
        );
        // The class names are for the filter only: without them the filter shows each class's id.
        const classes = await api("/api/classes", classList, { token: key }).catch(() => [] as ClassSummary[]);
        if (live) setData({ games, scenario, analysis, analysisError, figures, classes });
      } catch (err) {
        if (live) setError(describeLoadError(err));
      }
    })();
    return () => {
      live = false;
    };
  }, [key, scenarioId]);

  return (
    <main className="page deb cohort" id="main" data-testid="cohort">
      <nav className="deb-nav no-print" aria-label={t.replay.common.nav}>
        <Link to="/facilitator">{t.replay.common.dashboard}</Link>
        <button type="button" onClick={() => window.print()} data-testid="cohort-print">
          {t.replay.debrief.print}
        </button>
      </nav>
      <header className="deb-header">
        <p className="deb-kicker">{T.kicker}</p>
        <h1>{data?.scenario?.title ?? scenarioId}</h1>
        {data && <p className="hint">{T.subtitle(data.games.length)}</p>}
      </header>
      {!key && (
        <p role="alert" className="error">
          {T.noKey}
        </p>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {key && !data && !error && <p>{t.common.loading}</p>}
      {data && <CohortBody data={data} />}
    </main>
  );
}

function CohortBody({ data: all }: { data: Loaded }) {
  // `?class=<id>` opens on one class's games and `&view=results` on its projected results, so a
  // class's page can link straight to them.
  const query = new URLSearchParams(window.location.search);
  const [classId, setClassId] = useState(query.get("class") ?? "");
  const [projected, setProjected] = useState(query.get("view") === "results");
  // The filter's choices: every class that has a game here, and the games outside any class.
  const classIds = [...new Set(all.games.map((g) => g.classId ?? ""))];
  const className = (id: string) =>
    id === "" ? T.alone : (all.classes.find((c) => c.classId === id)?.title ?? T.unnamedClass(id));
  const data: Loaded =
    classId === "" ? all : { ...all, games: all.games.filter((g) => (g.classId ?? "-") === classId) };
  const { games, scenario } = data;
  const version = scenario?.version ?? null;
  const sides = scenario?.sides ?? [];
  const finished = games.filter((g) => endingOf(g.outcome) !== null);
  const agreed = finished.filter((g) => endingOf(g.outcome)!.agreement).length;
  const controls = (
    <div className="cohort-controls no-print">
      {classIds.some((id) => id !== "") ? (
        <label>
          {T.classFilter}{" "}
          <select value={classId} onChange={(e) => setClassId(e.target.value)} data-testid="cohort-class-filter">
            <option value="">{T.allClasses}</option>
            {classIds.map((id) => (
              <option key={id || "-"} value={id || "-"}>
                {className(id)}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <button type="button" onClick={() => setProjected(!projected)} data-testid="cohort-results-toggle">
        {projected ? T.showFull : T.showResults}
      </button>
    </div>
  );
  if (projected) {
    return (
      <>
        {controls}
        <ClassResults data={data} />
      </>
    );
  }

  return (
    <>
      {controls}
      <section className="card deb-section" aria-labelledby="co-table-title">
        <h2 id="co-table-title">{T.tableTitle}</h2>
        <p>{T.counts(games.length, finished.length, agreed)}</p>
        {games.length === 0 ? (
          <p className="hint">{T.none}</p>
        ) : (
          <div className="deb-table-wrap">
            <table className="deb-table" data-testid="cohort-table">
              <caption className="visually-hidden">{T.tableCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{T.game}</th>
                  <th scope="col">{T.status}</th>
                  <th scope="col">{T.agreement}</th>
                  {sides.map((s) => (
                    <th scope="col" key={s.id}>
                      {s.name}
                    </th>
                  ))}
                  <th scope="col">{T.joint}</th>
                  <th scope="col">{T.left}</th>
                  <th scope="col">{T.open}</th>
                </tr>
              </thead>
              <tbody>
                {games.map((g) => {
                  const e = endingOf(g.outcome);
                  const joint = e ? sides.reduce((n, s) => n + (e.sides[s.id] ?? 0), 0) : null;
                  const sameVersion = version === null || g.scenarioVersion === version;
                  return (
                    <tr key={g.gameId} data-testid={`cohort-row-${g.gameId}`}>
                      <th scope="row">
                        {g.label ? (
                          <>
                            <strong>{g.label}</strong> · {g.title}
                          </>
                        ) : (
                          g.title
                        )}
                        <div className="hint">
                          {new Date(g.createdAt).toLocaleString()}
                          {!sameVersion && ` · ${T.version(g.scenarioVersion)}`}
                          {g.forkedFrom && ` · ${T.forked}`}
                        </div>
                      </th>
                      <td>{T.statusOf(g.status, g.phase)}</td>
                      <td>{e ? (e.agreement ? T.yes : T.no(e.reason)) : "—"}</td>
                      {sides.map((s) => (
                        <td key={s.id}>{e ? (e.sides[s.id] ?? "—") : "—"}</td>
                      ))}
                      <td>{joint ?? "—"}</td>
                      <td data-testid={`cohort-left-${g.gameId}`}>
                        {data.figures[g.gameId]?.pointsLeftOnTable ?? "—"}
                      </td>
                      <td className="deb-links no-print">
                        <Link to={`/debrief/${encodeURIComponent(g.gameId)}`}>{T.debrief}</Link>{" "}
                        <Link to={`/replay/${encodeURIComponent(g.gameId)}`}>{T.replay}</Link>{" "}
                        <Link to={`/facilitator/games/${encodeURIComponent(g.gameId)}`}>{T.setup}</Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <CohortChart data={data} />
      <IssuesTable data={data} />
      <RolesTable data={data} />
    </>
  );
}
function CohortChart({ data }: { data: Loaded }) {
  const { games, scenario, analysis, analysisError } = data;
  const cloud = useMemo(() => (analysis ? thinPairs(analysis.pairs) : []), [analysis]);
  const [baselineOn, setBaselineOn] = useState(false);
  const [baseline, setBaseline] = useState<ChartSeries[]>([]);
  if (!scenario || !analysis) {
    return (
      <section className="card deb-section" data-testid="cohort-chart">
        <h2>{T.chartTitle}</h2>
        <p className="hint">{analysisError ?? T.noChart}</p>
      </section>
    );
  }
  const [idA, idB] = analysis.sides;
  const nameA = sideName(scenario, idA);
  const nameB = sideName(scenario, idB);
  const plotted = games.filter((g) => g.scenarioVersion === scenario.version && endingOf(g.outcome));
  // A game's point from its own figures: with no deal, its reservations after its injects, which
  // the chart's lines (the scenario's) may not show, so the label says where they were.
  const point = (g: Listed) => {
    const f = data.figures[g.gameId];
    const e = endingOf(g.outcome)!;
    const at = f ? f.point : { a: e.sides[idA] ?? 0, b: e.sides[idB] ?? 0 };
    const label =
      f && !f.agreement && f.shiftedReservations
        ? T.ownReservations(nameOf(g), nameA, nameB, f.reservations)
        : nameOf(g);
    // Each game's name written on its mark: a class's three tables are told apart at a glance.
    return { ...at, label, tag: nameOf(g) };
  };
  const series: ChartSeries[] = [
    ...(analysis.nash
      ? [
          {
            key: "nash",
            name: t.replay.debrief.nashMark,
            points: [{ a: analysis.nash.scores[idA] ?? 0, b: analysis.nash.scores[idB] ?? 0 }],
            shape: "triangle" as const,
            color: NASH,
          },
        ]
      : []),
    {
      key: "agreed",
      name: T.agreedMark,
      points: plotted.filter((g) => endingOf(g.outcome)!.agreement).map(point),
      shape: "star",
      color: AGREED,
    },
    {
      key: "failed",
      name: T.failedMark,
      points: plotted.filter((g) => !endingOf(g.outcome)!.agreement).map(point),
      shape: "cross",
      color: FAILED,
    },
    ...baseline,
  ];
  return (
    <section className="card deb-section deb-chart" aria-labelledby="co-chart-title" data-testid="cohort-chart">
      <h2 id="co-chart-title">{T.chartTitle}</h2>
      <p className="hint">{T.chartHint(plotted.length)}</p>
      <BotBaseline scenario={scenario} on={baselineOn} onToggle={setBaselineOn} onSeries={setBaseline} />
      <Suspense fallback={<p className="hint">{t.replay.debrief.chartLoading}</p>}>
        <ScoreSpaceChart
          sideA={nameA}
          sideB={nameB}
          cloud={cloud}
          frontier={analysis.frontier.map((p) => ({ a: p.scores[idA] ?? 0, b: p.scores[idB] ?? 0 }))}
          reservations={{ a: analysis.reservations[idA] ?? 0, b: analysis.reservations[idB] ?? 0 }}
          series={series}
          summary={T.chartSummary(
            nameA,
            nameB,
            plotted.map((g) => `${nameOf(g)}: ${point(g).a}/${point(g).b}`),
          )}
        />
      </Suspense>
    </section>
  );
}
