import { lazy, Suspense, useEffect, useMemo } from "react";
import { isSettled } from "../../../shared/index";
import { useTableTitle } from "../common/TableTitle";
import { Link } from "../core/router";
import { seatParam, seatPath, withSeat } from "../core/seatPaths";
import { issueTitle, optionLabel, optionPoints, phaseTitle, roleTitle, sideName } from "../replay/labels";
import { credentialsFor, type GameRecord, useRecord, viewerOf } from "../replay/record";
import { t } from "../texts";
import type { CurveData } from "./ConcessionChart";
import { ControlInterventions } from "./ControlInterventions";
import { ending } from "./ending";
import { LastDraft } from "./LastDraft";
import { debriefOf, type Debrief as Model, thinPairs } from "./model";
import type { ChartSeries } from "./ScoreSpaceChart";
import { talkingPointsOf } from "./talkingPoints";
import "./debrief.css";

const ScoreSpaceChart = lazy(() => import("./ScoreSpaceChart"));
const ConcessionChart = lazy(() => import("./ConcessionChart"));

const T = t.replay.debrief;

// Shapes as well as colours tell the marks apart (the legend names them).
export const DEAL = "#b35c00";
export const NASH = "#1e6b35";
export const FORECAST = "#6a3d9a";
const LAST_DRAFT = "#a4161a";

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "±0");
const minutes = (at: number, start: number | null) => (start === null ? 0 : Math.max(0, (at - start) / 60_000));

/** The page of the seat the debrief was opened for, or the game's seat chooser. */
const backToGame = (gameId: string) => {
  const seat = seatParam();
  return seat ? seatPath(gameId, seat) : `/play/${encodeURIComponent(gameId)}`;
};

/** `/debrief/:gameId`: the after-action report of one game, printable. */
export function Debrief({ gameId }: { gameId: string }) {
  const rec = useRecord(gameId);
  return (
    <main className="page deb" id="main" data-testid="debrief">
      {rec.status === "loading" && <p>{t.common.loading}</p>}
      {rec.status === "error" && (
        <>
          <h1>{T.title}</h1>
          <p role="alert" className={rec.forbidden ? "deb-closed" : "error"} data-testid="debrief-unavailable">
            {rec.forbidden ? T.notYet : rec.message}
          </p>
          <p>
            <Link to={backToGame(gameId)}>{T.backToGame}</Link>
          </p>
        </>
      )}
      {rec.status === "ready" && <Report gameId={gameId} record={rec.record} />}
    </main>
  );
}

function Report({ gameId, record }: { gameId: string; record: GameRecord }) {
  const model = useMemo(() => {
    try {
      return debriefOf(record);
    } catch (err) {
      return err instanceof Error ? err : new Error(String(err));
    }
  }, [record]);
  const viewer = viewerOf(gameId);
  if (model instanceof Error) {
    return (
      <p role="alert" className="error">
        {T.failed(model.message)}
      </p>
    );
  }
  const isFacilitator = viewer === "facilitator";
  if (!model.over && !isFacilitator) {
    return (
      <p className="deb-closed" data-testid="debrief-unavailable">
        {T.notYet}
      </p>
    );
  }
  return <Body gameId={gameId} model={model} isFacilitator={isFacilitator} record={record} />;
}

function Body({
  gameId,
  model,
  isFacilitator,
  record,
}: {
  gameId: string;
  model: Model;
  isFacilitator: boolean;
  record: GameRecord;
}) {
  const table = useTableTitle(gameId, credentialsFor(gameId)[0] ?? null, T.title);
  const s = model.scenario;
  const a = model.analysis;
  const [idA, idB] = a.sides;
  const nameA = sideName(s, idA);
  const nameB = sideName(s, idB);
  const first = record.events[0]?.at;
  // On paper every table is shown: the folded ones open before printing.
  useEffect(() => {
    const open = () => {
      for (const d of document.querySelectorAll<HTMLDetailsElement>("details.deb-details")) d.open = true;
    };
    const media = window.matchMedia("print");
    const onMedia = (e: MediaQueryListEvent) => e.matches && open();
    window.addEventListener("beforeprint", open);
    media.addEventListener("change", onMedia);
    return () => {
      window.removeEventListener("beforeprint", open);
      media.removeEventListener("change", onMedia);
    };
  }, []);
  const date = first ? new Date(first).toLocaleString() : "";
  const headline = !model.over
    ? T.live
    : model.agreement
      ? T.agreement
      : model.reason === "walkAway" && model.walkedAwayBy
        ? T.walkedAway(sideName(s, model.walkedAwayBy))
        : T.noAgreement;

  return (
    <>
      <nav className="deb-nav no-print" aria-label={t.replay.common.nav}>
        {isFacilitator && <Link to={`/facilitator/games/${encodeURIComponent(gameId)}`}>{t.replay.common.setup}</Link>}
        <Link to={withSeat(`/replay/${encodeURIComponent(gameId)}`, seatParam())} testId="debrief-replay-link">
          {t.replay.common.replay}
        </Link>
        {isFacilitator && (
          <Link to={`/facilitator/cohort/${encodeURIComponent(s.id)}`} testId="debrief-cohort-link">
            {t.replay.common.cohort}
          </Link>
        )}
        <button type="button" onClick={() => window.print()} data-testid="debrief-print">
          {T.print}
        </button>
      </nav>

      {/* Page 1, the page a teacher projects: outcome, both scores, the chart, three talking points. */}
      <div className="deb-page1" data-testid="debrief-summary">
        <header className="deb-header">
          <p className="deb-kicker">
            {/* A class's table: its label first, so three tables' reports are told apart. */}
            {table?.label ? `${table.label} · ${T.kicker}` : T.kicker}
          </p>
          <h1>{s.title}</h1>
          <p className="hint">{T.subtitle(gameId, date, record.events.length)}</p>
          <p
            className={`deb-headline ${model.agreement && model.over ? "deb-good" : ""}`}
            data-testid="debrief-outcome"
          >
            {headline}
          </p>
          {/* How it ended, in the outcome's own words (a last call's end is told from a plain deadline). */}
          {model.over && model.reason !== "walkAway" && <p data-testid="debrief-ending">{ending(model)}</p>}
          {model.foldError && (
            <p role="alert" className="error">
              {t.replay.replay.foldError(model.foldError.seq, model.foldError.message)}
            </p>
          )}
        </header>
        <SideScores model={model} />
        <TalkingPoints model={model} />
        <ChartSection model={model} />
      </div>

      {s.debriefQuestions.length > 0 && (
        <section
          className="card deb-section deb-questions"
          aria-labelledby="deb-questions-title"
          data-testid="debrief-questions"
        >
          <h2 id="deb-questions-title">{T.questionsTitle}</h2>
          <ol>
            {s.debriefQuestions.map((q) => (
              <li key={q}>{q}</li>
            ))}
          </ol>
        </section>
      )}

      <section className="card deb-section" aria-labelledby="deb-facts-title">
        <h2 id="deb-facts-title">{T.factsTitle}</h2>
        <ul className="deb-facts">
          <li>
            {model.agreement
              ? a.deal!.onFrontier
                ? T.onFrontier
                : T.offFrontier
              : T.noDealFacts(model.point.a + model.point.b)}
          </li>
          <li>{T.joint(model.point.a + model.point.b, a.maxJoint.joint)}</li>
          {a.nash && (
            <li>
              {T.nash(
                `${nameA} ${a.nash.scores[idA]}`,
                `${nameB} ${a.nash.scores[idB]}`,
                Math.round(
                  Math.hypot(model.point.a - (a.nash.scores[idA] ?? 0), model.point.b - (a.nash.scores[idB] ?? 0)),
                ),
              )}
            </li>
          )}
          <li>{T.forecast(`${nameA} ${a.forecast.scores[idA]}`, `${nameB} ${a.forecast.scores[idB]}`)}</li>
          <li>{T.zopa(Math.round(a.zopa.share * 100), a.totalPackages)}</li>
        </ul>
      </section>

      <RoleScores model={model} />
      <LastDraft model={model} />
      <ControlInterventions model={model} record={record} />
      <TermsTable model={model} />
      <LeftOnTable model={model} />
      <BetterPackages model={model} />

      {/* The appendix: every proposal, charted and tabled; on paper it starts on a page of its own. */}
      <div className="deb-appendix" data-testid="debrief-appendix">
        <p className="deb-kicker">{T.appendixTitle}</p>
        <Concessions model={model} />
      </div>
    </>
  );
}

function TalkingPoints({ model }: { model: Model }) {
  const p = talkingPointsOf(model);
  return (
    <section className="card deb-section deb-points" aria-labelledby="deb-points-title" data-testid="debrief-points">
      <h2 id="deb-points-title">{T.pointsTitle}</h2>
      <ol>
        <li data-testid="debrief-point-left">{T.pointLeft(p.left.points, p.left.joint, p.left.best)}</li>
        <li data-testid="debrief-point-closest">
          {p.closest ? T.pointClosest(p.closest.proposalId, p.closest.sides) : T.pointNoProposal}
        </li>
        <li data-testid="debrief-point-moved">
          {p.moved ? T.pointMoved(p.moved.title, p.moved.changes, p.moved.options) : T.pointNotMoved}
        </li>
      </ol>
    </section>
  );
}

function SideScores({ model }: { model: Model }) {
  return (
    <section className="card deb-section" aria-labelledby="deb-scores-title" data-testid="debrief-scores">
      <h2 id="deb-scores-title">{T.scoresTitle}</h2>
      <div className="deb-table-wrap">
        <table className="deb-table">
          <caption>{T.sidesCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{T.side}</th>
              <th scope="col">{T.score}</th>
              <th scope="col">{T.reservation}</th>
              <th scope="col">{T.margin}</th>
              <th scope="col">{T.nashCol}</th>
              <th scope="col">{T.forecastCol}</th>
            </tr>
          </thead>
          <tbody>
            {model.sides.map((row) => (
              <tr key={row.id} data-testid={`debrief-side-${row.id}`}>
                <th scope="row">{row.name}</th>
                <td>{row.score}</td>
                <td>{row.reservation}</td>
                <td className={row.margin >= 0 ? "deb-pos" : "deb-neg"}>
                  {signed(row.margin)} {row.margin >= 0 ? T.above : T.below}
                </td>
                <td>{row.nash ?? "—"}</td>
                <td>{row.forecast}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function RoleScores({ model }: { model: Model }) {
  const s = model.scenario;
  return (
    <section className="card deb-section" aria-labelledby="deb-roles-title" data-testid="debrief-roles">
      <h2 id="deb-roles-title">{T.rolesTitle}</h2>
      <div className="deb-table-wrap">
        <table className="deb-table">
          <caption>{T.rolesCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{T.role}</th>
              <th scope="col">{T.side}</th>
              <th scope="col">{T.score}</th>
              <th scope="col">{T.objectives}</th>
              <th scope="col">{T.noDealCol}</th>
              <th scope="col">{T.marginNoDeal}</th>
            </tr>
          </thead>
          <tbody>
            {model.roles.map((r) => (
              <tr key={r.id} data-testid={`debrief-role-${r.id}`}>
                <th scope="row">{r.title}</th>
                <td>{sideName(s, r.side)}</td>
                <td>{r.score}</td>
                <td>
                  {r.objectives.length === 0 ? (
                    "—"
                  ) : (
                    <ul className="deb-objectives">
                      {r.objectives.map((o) => {
                        const kind = !o.holds ? "missed" : o.points < 0 ? "penalty" : "held";
                        return (
                          <li key={o.id} className={`deb-${kind}`}>
                            <span aria-hidden="true">{kind === "held" ? "✓ " : kind === "penalty" ? "✗ " : "○ "}</span>
                            <span className="visually-hidden">{T[kind]} </span>
                            {o.description} ({signed(o.points)})
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </td>
                <td>{r.noDeal}</td>
                <td className={r.score - r.noDeal >= 0 ? "deb-pos" : "deb-neg"}>{signed(r.score - r.noDeal)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function TermsTable({ model }: { model: Model }) {
  const s = model.scenario;
  const e = model.effective;
  const a = model.analysis;
  const [idA, idB] = a.sides;
  return (
    <section className="card deb-section" aria-labelledby="deb-terms-title" data-testid="debrief-terms">
      <h2 id="deb-terms-title">{model.agreement ? T.termsTitle : T.termsNoDeal}</h2>
      <div className="deb-table-wrap">
        <table className="deb-table">
          <thead>
            <tr>
              <th scope="col">{T.issue}</th>
              <th scope="col">{T.agreed}</th>
              <th scope="col">{sideName(s, idA)}</th>
              <th scope="col">{sideName(s, idB)}</th>
              <th scope="col">{T.nashCol}</th>
              <th scope="col">{T.forecastCol}</th>
            </tr>
          </thead>
          <tbody>
            {s.issues.map((i) => {
              const option = model.terms[i.id] ?? i.noDeal;
              const nash = a.nash?.package[i.id];
              const forecast = a.forecast.package[i.id];
              return (
                <tr key={i.id}>
                  <th scope="row">{i.title}</th>
                  <td>
                    {optionLabel(s, i.id, option)}
                    {model.final.draft.settledIn[i.id] && model.agreement && isSettled(i, model.terms) && (
                      <span className="hint"> · {phaseTitle(s, model.final.draft.settledIn[i.id]!)}</span>
                    )}
                  </td>
                  <td>{optionPoints(e, idA, i.id, option)}</td>
                  <td>{optionPoints(e, idB, i.id, option)}</td>
                  <td className={nash === option ? "" : "deb-diff"}>{nash ? optionLabel(s, i.id, nash) : "—"}</td>
                  <td className={forecast === option ? "" : "deb-diff"}>
                    {forecast ? optionLabel(s, i.id, forecast) : "—"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="hint">{T.termsHint}</p>
    </section>
  );
}

function ChartSection({ model }: { model: Model }) {
  const s = model.scenario;
  const a = model.analysis;
  const [idA, idB] = a.sides;
  const nameA = sideName(s, idA);
  const nameB = sideName(s, idB);
  const pt = (scores: Record<string, number>, label?: string) => ({
    a: scores[idA] ?? 0,
    b: scores[idB] ?? 0,
    label,
  });
  const cloud = useMemo(() => thinPairs(a.pairs), [a]);
  const series: ChartSeries[] = [
    ...(a.nash
      ? [{ key: "nash", name: T.nashMark, points: [pt(a.nash.scores)], shape: "triangle" as const, color: NASH }]
      : []),
    { key: "forecast", name: T.forecastMark, points: [pt(a.forecast.scores)], shape: "diamond", color: FORECAST },
    {
      key: "deal",
      name: model.agreement ? (model.over ? T.dealMark : T.draftMark) : T.noDealMark,
      points: [{ ...model.point, label: model.agreement ? undefined : T.noDealMark }],
      shape: "star",
      color: DEAL,
    },
    // With no agreement, where the unsigned last draft stood: often above both reservation lines.
    ...(model.lastDraft
      ? [
          {
            key: "lastDraft",
            name: T.lastDraftMark,
            points: [pt(Object.fromEntries(model.lastDraft.sides.map((x) => [x.id, x.points])), T.lastDraftMark)],
            shape: "cross" as const,
            color: LAST_DRAFT,
          },
        ]
      : []),
  ];
  const summary = T.chartSummary(nameA, nameB, model.point, a.frontier.length, a.pairs.length);
  return (
    <section className="card deb-section deb-chart" aria-labelledby="deb-chart-title" data-testid="debrief-chart">
      <h2 id="deb-chart-title">{T.chartTitle}</h2>
      <p className="hint">{T.chartHint(a.pairs.length, cloud.length)}</p>
      <Suspense fallback={<p className="hint">{T.chartLoading}</p>}>
        <ScoreSpaceChart
          sideA={nameA}
          sideB={nameB}
          cloud={cloud}
          frontier={a.frontier.map((p) => pt(p.scores))}
          reservations={{ a: a.reservations[idA] ?? 0, b: a.reservations[idB] ?? 0 }}
          series={series}
          summary={summary}
        />
      </Suspense>
    </section>
  );
}

function LeftOnTable({ model }: { model: Model }) {
  const a = model.analysis;
  const left = model.pointsLeftOnTable;
  return (
    <section className="card deb-section" aria-labelledby="deb-left-title" data-testid="debrief-left-on-table">
      <h2 id="deb-left-title">{T.leftTitle}</h2>
      <p className="deb-big">
        <strong data-testid="debrief-left-value">{left}</strong> {T.leftUnit(left)}
      </p>
      <p>{T.leftExplain(model.point.a + model.point.b, a.maxJoint.joint)}</p>
      {a.deal && model.agreement && a.deal.nashGap && a.nash && (
        <p className="hint">
          {T.nashGap(
            // nashGap is Nash minus the deal; the text takes the deal minus Nash, and says it in words.
            a.sides.map((id) => T.againstNash(sideName(model.scenario, id), -(a.deal!.nashGap![id] ?? 0))).join("; "),
          )}
        </p>
      )}
    </section>
  );
}

function BetterPackages({ model }: { model: Model }) {
  const s = model.scenario;
  const b = model.better;
  const [idA, idB] = model.analysis.sides;
  const share = model.analysis.totalPackages ? (b.packages / model.analysis.totalPackages) * 100 : 0;
  return (
    <section className="card deb-section" aria-labelledby="deb-better-title" data-testid="debrief-better">
      <h2 id="deb-better-title">{b.againstReservations ? T.betterNoDealTitle : T.betterTitle}</h2>
      <p>
        {b.againstReservations
          ? T.betterNoDealCount(b.packages, share)
          : b.packages === 0
            ? T.betterNone
            : T.betterCount(b.packages, share)}
      </p>
      {b.examples.length > 0 && (
        <ol className="deb-better">
          {b.examples.map((ex) => {
            const changed = s.issues.filter((i) => ex.package[i.id] !== (model.terms[i.id] ?? i.noDeal));
            return (
              <li key={`${ex.scores[idA]}-${ex.scores[idB]}`}>
                <p>
                  <strong>
                    {T.exampleScores(
                      T.againstOutcome(sideName(s, idA), ex.scores[idA] ?? 0, (ex.scores[idA] ?? 0) - model.point.a),
                      T.againstOutcome(sideName(s, idB), ex.scores[idB] ?? 0, (ex.scores[idB] ?? 0) - model.point.b),
                    )}
                  </strong>
                </p>
                <ul>
                  {changed.map((i) => (
                    <li key={i.id}>
                      {issueTitle(s, i.id)}: <strong>{optionLabel(s, i.id, ex.package[i.id]!)}</strong>{" "}
                      <span className="hint">{T.insteadOf(optionLabel(s, i.id, model.terms[i.id] ?? i.noDeal))}</span>
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Concessions({ model }: { model: Model }) {
  const s = model.scenario;
  const start = model.startedAt;
  // Minutes into the game on the x axis; a game played in a minute or two (a demonstration, a
  // scripted test) would crowd every point onto one line, so it gets event numbers instead.
  const byTime = start !== null && model.final.at - start >= 2 * 60_000;
  const xOf = (at: number, seq: number) => (byTime ? Math.round(minutes(at, start) * 10) / 10 : seq);
  const curves: CurveData[] = model.concessions.map((c) => ({
    side: c.side,
    sideName: sideName(s, c.side),
    otherName: sideName(s, c.other),
    reservation: model.effective.sides.find((x) => x.id === c.side)?.reservation ?? 0,
    points: c.proposals.map((p) => ({
      x: xOf(p.at, p.seq),
      self: p.self,
      other: p.other,
      label: T.proposalLabel(p.proposalId, roleTitle(s, p.by), phaseTitle(s, p.phase)),
    })),
  }));
  const phases = model.phaseStarts.map((p) => ({ x: xOf(p.at, p.seq), title: p.title }));
  const maxX = Math.max(1, xOf(model.final.at, model.final.seq));
  return (
    <section className="card deb-section" aria-labelledby="deb-conc-title" data-testid="debrief-concessions">
      <h2 id="deb-conc-title">{T.concessionsTitle}</h2>
      <p className="hint">{T.concessionsHint}</p>
      {curves.map((c) => (
        <figure key={c.side} className="deb-figure">
          <figcaption>{T.curveCaption(c.sideName, c.points.length)}</figcaption>
          {c.points.length === 0 ? (
            <p className="hint">{T.noProposals(c.sideName)}</p>
          ) : (
            <>
              <Suspense fallback={<p className="hint">{T.chartLoading}</p>}>
                <ConcessionChart
                  curve={c}
                  phases={phases}
                  maxX={maxX}
                  xLabel={byTime ? T.xMinutes : T.xEvents}
                  summary={T.curveSummary(
                    c.sideName,
                    c.otherName,
                    c.points.map((p) => `${p.self}/${p.other}`),
                  )}
                />
              </Suspense>
              <details className="deb-details">
                <summary>{T.curveTable(c.sideName)}</summary>
                <div className="deb-table-wrap">
                  <table className="deb-table">
                    <thead>
                      <tr>
                        <th scope="col">{T.proposal}</th>
                        <th scope="col">{byTime ? T.minute : T.eventCol}</th>
                        <th scope="col">{T.toSelf(c.sideName)}</th>
                        <th scope="col">{T.toOther(c.otherName)}</th>
                        <th scope="col">{T.withDraft}</th>
                        <th scope="col">{T.statusCol}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {model.concessions
                        .find((x) => x.side === c.side)!
                        .proposals.map((p, k) => (
                          <tr key={p.proposalId}>
                            <th scope="row">{c.points[k]?.label}</th>
                            <td>{c.points[k]?.x}</td>
                            <td>{p.self}</td>
                            <td>{p.other}</td>
                            <td>
                              {p.withDraft.self} / {p.withDraft.other}
                            </td>
                            <td>{t.replay.panels.status[p.status]}</td>
                          </tr>
                        ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </>
          )}
        </figure>
      ))}
    </section>
  );
}
