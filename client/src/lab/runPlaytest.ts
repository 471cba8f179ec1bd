import { analyze } from "../../../shared/analyze";
import { type BotStrategy, type PlaytestReport, playtest } from "../../../shared/bots/index";
import { parseScenario } from "../../../shared/scenario/parse";

/** What the lab asks of a playtest: N games, a seed, a strategy for each side's seats. */
export type PlaytestAsk = { games: number; seed: string; strategies: Record<string, BotStrategy> };

/** One game's end as the charts draw it: each side's score, and whether it was a deal. */
export type Outcome = { a: number; b: number; agreement: boolean };

type Pair = { a: number; b: number };

/** The report, every game's outcome, and the scenario's frontier and walk-aways to draw them against. */
export type PlaytestRun = {
  report: PlaytestReport;
  outcomes: Outcome[];
  sides: [{ id: string; name: string }, { id: string; name: string }];
  frontier: Pair[];
  reservations: Pair;
};

/** How many progress reports a run sends at most: each is a message to the page. */
const PROGRESS_STEPS = 50;

/**
 * A playtest of the draft's text, in the worker: the shared `playtest` (pure, seeded), with each
 * game's outcome kept for the histograms and the outcome cloud (the report keeps quartiles).
 */
export function runPlaytest(
  text: string,
  ask: PlaytestAsk,
  progress: (done: number, total: number) => void,
): PlaytestRun {
  const parsed = parseScenario(text);
  if (!parsed.ok) throw new Error(`the scenario has ${parsed.problems.length} problem(s): fix them before a playtest`);
  const scenario = parsed.scenario;
  const [A, B] = scenario.sides.map((s) => ({ id: s.id, name: s.name })) as PlaytestRun["sides"];
  const sides = [A.id, B.id] as const;
  const outcomes: Outcome[] = [];
  const every = Math.max(1, Math.floor(ask.games / PROGRESS_STEPS));
  const report = playtest(scenario, {
    games: ask.games,
    seed: ask.seed,
    strategies: ask.strategies,
    onGame: (done, total, game) => {
      const o = game.state.outcome;
      outcomes.push({
        a: o?.scores.sides[sides[0]] ?? 0,
        b: o?.scores.sides[sides[1]] ?? 0,
        agreement: o?.agreement ?? false,
      });
      if (done % every === 0 || done === total) progress(done, total);
    },
  });
  const a = analyze(scenario);
  const pair = (by: Record<string, number>) => ({ a: by[A.id] ?? 0, b: by[B.id] ?? 0 });
  return {
    report,
    outcomes,
    sides: [A, B],
    frontier: a.frontier.map((p) => pair(p.scores)),
    reservations: pair(a.reservations),
  };
}
