import { type Analysis, analyze } from "../analyze";
import { apply, createGame } from "../apply";
import { decide } from "../decide";
import type { Move } from "../moves";
import type { Inject, Scenario } from "../scenario/schema";
import { effectiveScenario, isSettled } from "../score";
import { setupScenario } from "../setup";
import type { GameState } from "../state";
import { type BotGameOptions, type BotGameResult, playBotGame, type StrategyPlan } from "./play";
import { type Summary, share, summarize } from "./stats";
import { type BotStrategy, botStrategies } from "./strategy";

/**
 * A playtest: N seeded games of bots on one scenario and what came of them (issue #12, point 5).
 * Pure and synchronous, so a Web Worker runs it as Node does; `onGame` reports progress.
 */

export type PlaytestOptions = Omit<BotGameOptions, "onTurn"> & {
  games?: number;
  seed?: string;
  strategies?: StrategyPlan;
  /** After each game (a worker posts its progress from here). */
  onGame?: (done: number, total: number, game: BotGameResult) => void;
};

type Group = { games: number; agreementRate: number; meanScores: Record<string, number> };

export type InjectEffect = {
  id: string;
  title: string;
  when: Inject["when"];
  /** Games in which it was played (a scheduled inject: every game that reached its phase). */
  played: number;
  withIt: Group;
  without: Group;
  /** What it does to the scenario's figures: the zone of agreement and Nash, just before and after it. */
  figures: { zopaBefore: number; zopaAfter: number; nashBefore: Pair | null; nashAfter: Pair | null };
};

type Pair = Record<string, number>;

export type PlaytestReport = {
  scenario: { id: string; version: number };
  games: number;
  seed: string;
  strategies: Record<string, BotStrategy>;
  /** The scenario's own figures (before any deck card): what a deal could reach. */
  baseline: { zopaShare: number; maxJoint: number; nash: Pair | null; frontier: number };
  agreements: number;
  agreementRate: number;
  endings: Record<string, number>;
  walkAways: Record<string, number>;
  /** Each side's score over every game (its reservation, with shifts, when there was no deal). */
  scores: Record<string, Summary | null>;
  /** Each side's score over the deals only. */
  dealScores: Record<string, Summary | null>;
  /** Each role's mean score. */
  roles: Record<string, number>;
  /** Over the deals, against the frontier of the points the game was played on (inject shifts included). */
  frontier: { onFrontier: number; pointsLeftOnTable: Summary | null; distance: Summary | null };
  /** Over the deals: the Euclidean distance in score space from the Nash pair. */
  nashDistance: Summary | null;
  /** Per issue, over the deals: how often it settled, at which option, and in which phase. */
  issues: Record<string, { settled: number; options: Record<string, number>; phases: Record<string, number> }>;
  injects: InjectEffect[];
  refusals: { count: number; byCode: Record<string, number> };
  unfinished: number;
  meanEvents: number;
  meanTurns: number;
};

export function playtest(scenario: Scenario, options: PlaytestOptions = {}): PlaytestReport {
  const total = options.games ?? 500;
  const seed = options.seed ?? "playtest";
  const plan = options.strategies ?? { default: "linear" };
  const set = setupScenario(scenario, options.setup ?? {});
  if (!set.ok) throw new Error(`playtest: ${set.error.message}`);
  const game = set.scenario;
  const [sideA, sideB] = game.sides.map((s) => s.id) as [string, string];
  const sides = [sideA, sideB];

  // The analysis depends only on the inject shifts a game ended with: a handful of distinct ones.
  const analyses = new Map<string, Analysis>();
  const analysisOf = (state: GameState) => {
    const key = JSON.stringify(state.shifts);
    let a = analyses.get(key);
    if (!a) {
      a = analyze(effectiveScenario(state));
      analyses.set(key, a);
    }
    return a;
  };

  const results: GameRow[] = [];
  let strategies: Record<string, BotStrategy> = {};
  for (let i = 0; i < total; i++) {
    const r = playBotGame(game, `${seed}#${i}`, plan, { ...options, setup: {} });
    strategies = r.strategies;
    results.push(rowOf(r, analysisOf(r.state), sides));
    options.onGame?.(i + 1, total, r);
  }

  const deals = results.filter((r) => r.agreement);
  const base = analyze(effectiveScenario(createGame(game, { seed })));
  const count = (xs: readonly string[]) => {
    const out: Record<string, number> = {};
    for (const x of xs) out[x] = (out[x] ?? 0) + 1;
    return out;
  };

  return {
    scenario: { id: game.id, version: game.version },
    games: total,
    seed,
    strategies,
    baseline: {
      zopaShare: base.zopa.share,
      maxJoint: base.maxJoint.joint,
      nash: base.nash?.scores ?? null,
      frontier: base.frontier.length,
    },
    agreements: deals.length,
    agreementRate: share(deals.length, total),
    endings: count(results.map((r) => r.ending)),
    walkAways: count(results.flatMap((r) => (r.walkedAwayBy ? [r.walkedAwayBy] : []))),
    scores: Object.fromEntries(sides.map((s) => [s, summarize(results.map((r) => r.scores[s] ?? 0))])),
    dealScores: Object.fromEntries(sides.map((s) => [s, summarize(deals.map((r) => r.scores[s] ?? 0))])),
    roles: Object.fromEntries(
      game.roles.map((role) => [
        role.id,
        share(
          results.reduce((a, r) => a + (r.roles[role.id] ?? 0), 0),
          total,
        ),
      ]),
    ),
    frontier: {
      onFrontier: share(deals.filter((r) => r.onFrontier).length, deals.length),
      pointsLeftOnTable: summarize(deals.map((r) => r.leftOnTable)),
      distance: summarize(deals.map((r) => r.frontierDistance)),
    },
    nashDistance: summarize(deals.flatMap((r) => (r.nashDistance === null ? [] : [r.nashDistance]))),
    issues: Object.fromEntries(
      game.issues.map((issue) => {
        const settled = deals.filter((r) => isSettled(issue, r.terms));
        return [
          issue.id,
          {
            settled: share(settled.length, deals.length),
            options: count(settled.map((r) => r.terms[issue.id]!)),
            phases: count(settled.map((r) => r.settledIn[issue.id] ?? "?")),
          },
        ];
      }),
    ),
    injects: game.injects.map((inj) => injectEffect(game, inj, results, sides)),
    refusals: {
      count: results.reduce((a, r) => a + r.refusals.length, 0),
      byCode: count(results.flatMap((r) => r.refusals)),
    },
    unfinished: results.filter((r) => r.ending === "unfinished").length,
    meanEvents: share(
      results.reduce((a, r) => a + r.events, 0),
      total,
    ),
    meanTurns: share(
      results.reduce((a, r) => a + r.turns, 0),
      total,
    ),
  };
}

/** What the report keeps of one game (not its record: 500 of those would not fit a worker's message). */
type GameRow = {
  agreement: boolean;
  ending: string;
  walkedAwayBy: string | null;
  scores: Record<string, number>;
  roles: Record<string, number>;
  terms: Record<string, string>;
  settledIn: Record<string, string>;
  played: string[];
  onFrontier: boolean;
  leftOnTable: number;
  frontierDistance: number;
  nashDistance: number | null;
  refusals: string[];
  events: number;
  turns: number;
};

function rowOf(r: BotGameResult, analysis: Analysis, [sideA, sideB]: string[]): GameRow {
  const outcome = r.state.outcome;
  const scores = outcome?.scores.sides ?? {};
  const a = scores[sideA!] ?? 0;
  const b = scores[sideB!] ?? 0;
  const frontier = analysis.frontier.map((p) => [p.scores[sideA!]!, p.scores[sideB!]!] as const);
  const nash = analysis.nash ? ([analysis.nash.scores[sideA!]!, analysis.nash.scores[sideB!]!] as const) : null;
  return {
    agreement: outcome?.agreement ?? false,
    ending: r.ending,
    walkedAwayBy: outcome?.walkedAwayBy ?? null,
    scores,
    roles: outcome?.scores.roles ?? {},
    terms: outcome?.agreement ? r.state.draft.terms : {},
    settledIn: outcome?.agreement ? r.state.draft.settledIn : {},
    played: r.state.played,
    onFrontier: frontier.some(([fa, fb]) => fa === a && fb === b),
    leftOnTable: analysis.maxJoint.joint - (a + b),
    // Only a frontier pair at least as good for both sides counts as "closer": the deal's distance
    // to the part of the frontier that dominates it (0 on the frontier).
    frontierDistance: Math.min(
      ...frontier.filter(([fa, fb]) => fa >= a && fb >= b).map(([fa, fb]) => Math.hypot(fa - a, fb - b)),
      Number.POSITIVE_INFINITY,
    ),
    nashDistance: nash ? Math.hypot(nash[0] - a, nash[1] - b) : null,
    refusals: r.refusals.map((x) => x.code),
    events: r.events.length,
    turns: r.turns,
  };
}

function groupOf(rows: readonly GameRow[], sides: string[]): Group {
  return {
    games: rows.length,
    agreementRate: share(rows.filter((r) => r.agreement).length, rows.length),
    meanScores: Object.fromEntries(
      sides.map((s) => [
        s,
        share(
          rows.reduce((a, r) => a + (r.scores[s] ?? 0), 0),
          rows.length,
        ),
      ]),
    ),
  };
}

function injectEffect(scenario: Scenario, inj: Inject, rows: readonly GameRow[], sides: string[]): InjectEffect {
  const withIt = rows.filter((r) => r.played.includes(inj.id));
  const without = rows.filter((r) => !r.played.includes(inj.id));
  const { before, after } = aroundInject(scenario, inj);
  const nashOf = (a: Analysis) => a.nash?.scores ?? null;
  return {
    id: inj.id,
    title: inj.title,
    when: inj.when,
    played: withIt.length,
    withIt: groupOf(withIt, sides),
    without: groupOf(without, sides),
    figures: {
      zopaBefore: before.zopa.share,
      zopaAfter: after.zopa.share,
      nashBefore: nashOf(before),
      nashAfter: nashOf(after),
    },
  };
}

/**
 * The scenario's figures just before and just after an inject, played by the rules themselves: a
 * deck card by Control's move on a new game, a scheduled one by advancing to its phase (whose
 * earlier scheduled injects then count in both).
 */
function aroundInject(scenario: Scenario, inj: Inject): { before: Analysis; after: Analysis } {
  let state = createGame(scenario, { seed: "inject-figures" });
  const step = (move: Move) => {
    const d = decide(state, { facilitator: true }, move, state.at);
    if (d.ok) state = apply(state, d.event);
    return d.ok;
  };
  if (typeof inj.when === "object") {
    const phase = scenario.phases.findIndex((p) => typeof inj.when === "object" && p.id === inj.when.scheduled);
    while (state.phaseIndex < phase - 1 && step({ type: "advancePhase" })) {}
    const before = analyze(effectiveScenario(state));
    if (phase > 0) step({ type: "advancePhase" });
    return { before, after: analyze(effectiveScenario(state)) };
  }
  const before = analyze(effectiveScenario(state));
  step({ type: "inject", injectId: inj.id });
  return { before, after: analyze(effectiveScenario(state)) };
}

/**
 * Every pairing of strategies, one for each side's seats (side A's strategy by side B's): a
 * playtest of `games` for each. For the docs' table and the lab's comparison.
 */
export function pairings(
  scenario: Scenario,
  options: Omit<PlaytestOptions, "strategies"> & { strategies?: readonly BotStrategy[] } = {},
): { a: BotStrategy; b: BotStrategy; report: PlaytestReport }[] {
  const list = options.strategies ?? botStrategies;
  const [sideA, sideB] = scenario.sides.map((s) => s.id) as [string, string];
  return list.flatMap((a) =>
    list.map((b) => ({ a, b, report: playtest(scenario, { ...options, strategies: { [sideA]: a, [sideB]: b } }) })),
  );
}
