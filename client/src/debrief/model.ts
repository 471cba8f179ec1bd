import type { ScoredPackage } from "../../../shared/analyze";
import { type ConcessionCurve, concessionCurves } from "../../../shared/concessions";
import {
  type Analysis,
  type GameState,
  gameFigures,
  holds,
  noDealEnding,
  type Scenario,
  scoresFor,
  signedEnding,
  type Terms,
} from "../../../shared/index";
import { foldRecord } from "../replay/fold";
import type { GameRecord } from "../replay/record";
import { type LastDraft, lastDraftOf } from "./lastDraftOf";

/**
 * Everything the debrief shows, computed once from a game's record: the final state is the fold of
 * every event, the analytics run on its effective scenario (inject shifts applied) against the
 * final terms. A game still running (only its facilitator can open it) is judged on its current
 * draft as if it were signed now, and says so.
 */

export type SideRow = {
  id: string;
  name: string;
  score: number;
  reservation: number;
  /** Score minus reservation. */
  margin: number;
  /** The package's points (equal to the score with an agreement). */
  packagePoints: number;
  forecast: number;
  nash: number | null;
};

export type RoleRow = {
  id: string;
  title: string;
  side: string;
  score: number;
  sideScore: number;
  /** What the role would have scored with no agreement (its side's reservation and the objectives that then hold). */
  noDeal: number;
  objectives: { id: string; description: string; points: number; holds: boolean }[];
};

export type Better = {
  packages: number;
  examples: ScoredPackage[];
  /** With no agreement the comparison is with the reservations, and the examples are the Nash and best-joint packages. */
  againstReservations: boolean;
};

export type Debrief = {
  scenario: Scenario;
  effective: Scenario;
  final: GameState;
  over: boolean;
  agreement: boolean;
  reason: string | null;
  walkedAwayBy: string | null;
  /** The terms judged: the signed ones, the no-deal ones, or (live) the current draft's. */
  terms: Terms;
  analysis: Analysis;
  sides: SideRow[];
  roles: RoleRow[];
  /** The outcome in score space: the deal's package, or the reservations with no agreement. */
  point: { a: number; b: number };
  pointsLeftOnTable: number;
  better: Better;
  /** With no agreement, the last draft on the table and why it was not signed (null otherwise). */
  lastDraft: LastDraft | null;
  concessions: ConcessionCurve[];
  /** Epoch ms when the clock first started (else the first event), for "minutes into the game". */
  startedAt: number | null;
  /** When each phase after the first began. */
  phaseStarts: { at: number; seq: number; title: string }[];
  foldError: { seq: number; message: string } | null;
};

export function debriefOf(record: GameRecord): Debrief {
  const folded = foldRecord(record);
  const final = folded.final;
  const scenario = record.scenario;
  // The value figures (terms, scores, point, points left on the table) are the cohort's too.
  const { effective, analysis, terms, scores, point, pointsLeftOnTable } = gameFigures(final);
  const outcome = final.outcome;
  const over = outcome !== null;
  const agreement = outcome ? outcome.agreement : true;
  const ending = outcome
    ? outcome.agreement
      ? signedEnding(final)
      : noDealEnding(final, outcome.walkedAwayBy)
    : signedEnding(final);
  const noDealScores = scoresFor(effective, noDealEnding(final, null));
  const deal = analysis.deal!;

  const sides: SideRow[] = effective.sides.map((s) => {
    const score = scores.sides[s.id] ?? 0;
    return {
      id: s.id,
      name: s.name,
      score,
      reservation: s.reservation,
      margin: score - s.reservation,
      packagePoints: deal.scores[s.id] ?? 0,
      forecast: analysis.forecast.scores[s.id] ?? 0,
      nash: analysis.nash ? (analysis.nash.scores[s.id] ?? null) : null,
    };
  });
  const roles: RoleRow[] = effective.roles.map((r) => ({
    id: r.id,
    title: r.title,
    side: r.side,
    score: scores.roles[r.id] ?? 0,
    sideScore: scores.sides[r.side] ?? 0,
    noDeal: noDealScores.roles[r.id] ?? 0,
    objectives: r.objectives.map((o) => ({
      id: o.id,
      description: o.description,
      points: o.points,
      holds: holds(effective, o.when, ending),
    })),
  }));

  const [sideA, sideB] = analysis.sides;

  let better: Better;
  if (agreement) {
    better = { ...deal.better, againstReservations: false };
  } else {
    const res = analysis.reservations;
    const beats = (p: ScoredPackage) =>
      (p.scores[sideA] ?? 0) > (res[sideA] ?? 0) && (p.scores[sideB] ?? 0) > (res[sideB] ?? 0);
    const candidates: ScoredPackage[] = [
      ...(analysis.nash ? [{ package: analysis.nash.package, scores: analysis.nash.scores }] : []),
      { package: analysis.maxJoint.package, scores: analysis.maxJoint.scores },
    ];
    const examples = candidates
      .filter(beats)
      .filter((p, i, all) => all.findIndex((q) => JSON.stringify(q.scores) === JSON.stringify(p.scores)) === i);
    better = { packages: analysis.zopa.packages, examples, againstReservations: true };
  }

  const events = folded.events;
  const startedAt = events.find((e) => e.type === "resume")?.at ?? events[0]?.at ?? null;
  const phaseStarts = folded.marks
    .filter((m) => m.kind === "phase")
    .map((m) => ({ at: events[m.seq - 1]?.at ?? 0, seq: m.seq, title: m.label }));

  return {
    scenario,
    effective,
    final,
    over,
    agreement,
    reason: outcome?.reason ?? null,
    walkedAwayBy: outcome?.walkedAwayBy ?? null,
    terms,
    analysis,
    sides,
    roles,
    point,
    pointsLeftOnTable,
    better,
    lastDraft: lastDraftOf(final, effective),
    concessions: concessionCurves(scenario, final),
    startedAt,
    phaseStarts,
    foldError: folded.error,
  };
}

/** At most `max` distinct score pairs for a chart: a coarser grid when a scenario has too many to draw. */
export function thinPairs<P extends { a: number; b: number }>(pairs: P[], max = 2500): P[] {
  if (pairs.length <= max) return pairs;
  for (let k = 2; ; k++) {
    const seen = new Set<string>();
    const out: P[] = [];
    for (const p of pairs) {
      const key = `${Math.floor(p.a / k)},${Math.floor(p.b / k)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(p);
    }
    if (out.length <= max) return out;
  }
}
