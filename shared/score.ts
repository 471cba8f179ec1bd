import { own } from "./own";
import type { Condition, Scenario, Terms } from "./scenario/schema";
import type { GameState, Scores } from "./state";

/**
 * Scoring (GAME.md, "Scoring"): a side's points for the final terms, or its reservation value when
 * there is no agreement, both with inject shifts; a role adds its objectives that hold.
 */

/** The scenario with the inject shifts applied so far: what scoring and `analyze` work on. */
export function effectiveScenario(state: GameState): Scenario {
  const { shifts, scenario } = state;
  const noShifts = Object.keys(shifts.reservation).length === 0 && Object.keys(shifts.points).length === 0;
  if (noShifts) return scenario;
  return {
    ...scenario,
    sides: scenario.sides.map((s) => ({ ...s, reservation: s.reservation + (own(shifts.reservation, s.id) ?? 0) })),
    issues: scenario.issues.map((issue) => ({
      ...issue,
      points: Object.fromEntries(
        Object.entries(issue.points).map(([side, pts]) => {
          const byOption = own(own(shifts.points, side), issue.id);
          return [side, byOption ? pts.map((p, i) => p + (own(byOption, issue.options[i]!.id) ?? 0)) : pts];
        }),
      ),
    })),
  };
}

/** Every issue at the option the terms name, or at its noDeal option. */
export function completeTerms(scenario: Scenario, terms: Terms): Terms {
  return Object.fromEntries(scenario.issues.map((i) => [i.id, own(terms, i.id) ?? i.noDeal]));
}

export function sidePoints(scenario: Scenario, side: string, terms: Terms): number {
  let total = 0;
  for (const issue of scenario.issues) {
    const option = own(terms, issue.id) ?? issue.noDeal;
    const index = issue.options.findIndex((o) => o.id === option);
    total += own(issue.points, side)?.[index] ?? 0;
  }
  return total;
}

/** What the condition is judged on: the end of a game, or a hypothetical end for a live scorecard. */
export type Ending = {
  terms: Terms; // complete
  agreement: boolean;
  walkedAwayBy: string | null;
  settledIn: Record<string, string>;
  settledCount: number;
};

export function holds(scenario: Scenario, c: Condition, end: Ending): boolean {
  if ("all" in c) return c.all.every((x) => holds(scenario, x, end));
  if ("any" in c) return c.any.some((x) => holds(scenario, x, end));
  if ("not" in c) return !holds(scenario, c.not, end);
  if ("agreement" in c) return end.agreement === c.agreement;
  if ("walkedAwayBy" in c) return end.walkedAwayBy === c.walkedAwayBy;
  if ("settledIn" in c) return own(end.settledIn, c.settledIn.issue) === c.settledIn.phase;
  if ("settledCount" in c) return end.settledCount >= c.settledCount.atLeast;
  const issue = scenario.issues.find((i) => i.id === c.issue);
  if (!issue) return false;
  const at = (id: string) => issue.options.findIndex((o) => o.id === id);
  const chosen = at(own(end.terms, issue.id) ?? issue.noDeal);
  if (c.is !== undefined && chosen !== at(c.is)) return false;
  if (c.atLeast !== undefined && chosen < at(c.atLeast)) return false;
  if (c.atMost !== undefined && chosen > at(c.atMost)) return false;
  return true;
}

/** Issues in a draft at an option other than their noDeal one. */
export function settledCount(scenario: { issues: { id: string; noDeal: string }[] }, terms: Terms): number {
  return scenario.issues.filter((i) => own(terms, i.id) !== undefined && own(terms, i.id) !== i.noDeal).length;
}

/** Scores of every side and role for an ending, on the effective (shifted) scenario. */
export function scoresFor(effective: Scenario, end: Ending): Scores {
  const sides: Record<string, number> = {};
  for (const s of effective.sides) sides[s.id] = end.agreement ? sidePoints(effective, s.id, end.terms) : s.reservation;
  const roles: Record<string, number> = {};
  for (const r of effective.roles) {
    let score = own(sides, r.side) ?? 0;
    for (const o of r.objectives) if (holds(effective, o.when, end)) score += o.points;
    roles[r.id] = score;
  }
  return { sides, roles };
}

/** The ending if both leaders signed the current draft now. */
export function signedEnding(state: GameState): Ending {
  const { scenario, draft } = state;
  const terms = completeTerms(scenario, draft.terms);
  return {
    terms,
    agreement: true,
    walkedAwayBy: null,
    settledIn: draft.settledIn,
    settledCount: settledCount(scenario, draft.terms),
  };
}

/** The ending if the game stopped now with no agreement. */
export function noDealEnding(state: GameState, walkedAwayBy: string | null): Ending {
  const terms = completeTerms(state.scenario, {});
  return { terms, agreement: false, walkedAwayBy, settledIn: {}, settledCount: 0 };
}

export type ScoreReport = {
  /** Final scores once the game is over; until then, what each would score if it ended now with no deal. */
  sides: Record<string, number>;
  roles: Record<string, number>;
  /** What the current draft is worth to each side and role if it were signed as it stands. */
  live: Scores;
  reservations: Record<string, number>;
  over: boolean;
};

export function scoreOf(state: GameState): ScoreReport {
  const effective = effectiveScenario(state);
  const live = scoresFor(effective, signedEnding(state));
  const reservations = Object.fromEntries(effective.sides.map((s) => [s.id, s.reservation]));
  if (state.outcome) return { ...state.outcome.scores, live, reservations, over: true };
  const now = scoresFor(effective, noDealEnding(state, null));
  return { ...now, live, reservations, over: false };
}
