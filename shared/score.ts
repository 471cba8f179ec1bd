import { own } from "./own";
import type { Condition, Objective, Scenario, Terms } from "./scenario/schema";
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

/**
 * An issue as scoring reads it: its options in order and its no-deal option. A seat's public
 * scenario holds this much; the points come separately, so that one function scores both the
 * server's full scenario and a seat's own points (its view's `mine`).
 */
export type ScoredIssue = { id: string; noDeal: string; options: readonly { id: string }[] };
type Issues = { issues: readonly ScoredIssue[] };

/** Every issue at the option the terms name, or at its noDeal option. */
export function completeTerms(scenario: Issues, terms: Terms): Terms {
  return Object.fromEntries(scenario.issues.map((i) => [i.id, own(terms, i.id) ?? i.noDeal]));
}

/** One side's points for terms, every unsettled issue at its noDeal option; `points` gives that side's per option. */
export function pointsFor<I extends ScoredIssue>(
  issues: readonly I[],
  points: (issue: I) => readonly number[] | undefined,
  terms: Terms,
): number {
  let total = 0;
  for (const issue of issues) {
    const option = own(terms, issue.id) ?? issue.noDeal;
    const index = issue.options.findIndex((o) => o.id === option);
    total += points(issue)?.[index] ?? 0;
  }
  return total;
}

export function sidePoints(scenario: Scenario, side: string, terms: Terms): number {
  return pointsFor(scenario.issues, (issue) => own(issue.points, side), terms);
}

/** What the condition is judged on: the end of a game, or a hypothetical end for a live scorecard. */
export type Ending = {
  terms: Terms; // complete
  agreement: boolean;
  walkedAwayBy: string | null;
  settledIn: Record<string, string>;
  settledCount: number;
};

export function holds(scenario: Issues, c: Condition, end: Ending): boolean {
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

/**
 * The one definition of "settled", which the signing rule counts (judge.ts, too_few_issues) and every
 * view shows (console, projector, seat, debrief): an issue the draft names at an option other than its
 * noDeal one. An issue agreed at its no-deal option changes nothing a signature would, so it is not
 * settled; views show it as "at its no-deal option" rather than count it.
 */
export function isSettled(issue: { id: string; noDeal: string }, terms: Terms): boolean {
  const option = own(terms, issue.id);
  return option !== undefined && option !== issue.noDeal;
}

/** The ids of the issues the terms settle (isSettled), in scenario order. */
export function settledIssues(scenario: { issues: readonly { id: string; noDeal: string }[] }, terms: Terms): string[] {
  return scenario.issues.filter((i) => isSettled(i, terms)).map((i) => i.id);
}

/** How many issues the terms settle (isSettled): the number the signing rule holds against minimumIssues. */
export function settledCount(scenario: { issues: readonly { id: string; noDeal: string }[] }, terms: Terms): number {
  return settledIssues(scenario, terms).length;
}

/** A side's score for an ending: its points for the terms with an agreement, its reservation value without. */
export function sideScore<I extends ScoredIssue>(
  issues: readonly I[],
  side: { points: (issue: I) => readonly number[] | undefined; reservation: number },
  end: Ending,
): number {
  return end.agreement ? pointsFor(issues, side.points, end.terms) : side.reservation;
}

export type HeldObjective = { id: string; points: number; holds: boolean };

/** A role's objectives, each judged on the ending. */
export function objectivesHeld(
  scenario: Issues,
  objectives: readonly Pick<Objective, "id" | "points" | "when">[],
  end: Ending,
): HeldObjective[] {
  return objectives.map((o) => ({ id: o.id, points: o.points, holds: holds(scenario, o.when, end) }));
}

/** A role's score: its side's, plus the points of its objectives that hold. */
export const roleScore = (side: number, held: readonly HeldObjective[]) =>
  held.reduce((total, o) => (o.holds ? total + o.points : total), side);

/** Scores of every side and role for an ending, on the effective (shifted) scenario. */
export function scoresFor(effective: Scenario, end: Ending): Scores {
  const sides: Record<string, number> = {};
  for (const s of effective.sides) {
    sides[s.id] = sideScore(effective.issues, { points: (i) => own(i.points, s.id), reservation: s.reservation }, end);
  }
  const roles: Record<string, number> = {};
  for (const r of effective.roles) {
    roles[r.id] = roleScore(own(sides, r.side) ?? 0, objectivesHeld(effective, r.objectives, end));
  }
  return { sides, roles };
}

/**
 * The draft once a package is accepted in a phase: the package's options overwrite the draft's,
 * and an issue keeps the phase it was first settled at its option in (a change restarts it).
 */
export function acceptedDraft(
  draft: { terms: Terms; settledIn: Record<string, string> },
  pkg: Terms,
  phase: string,
): { terms: Terms; settledIn: Record<string, string> } {
  const terms = { ...draft.terms };
  const settledIn = { ...draft.settledIn };
  for (const [issue, option] of Object.entries(pkg)) {
    if (terms[issue] !== option) settledIn[issue] = phase;
    terms[issue] = option;
  }
  return { terms, settledIn };
}

/** The ending if a draft with these terms were signed. */
export function agreedEnding(scenario: Issues, draft: { terms: Terms; settledIn: Record<string, string> }): Ending {
  return {
    terms: completeTerms(scenario, draft.terms),
    agreement: true,
    walkedAwayBy: null,
    settledIn: draft.settledIn,
    settledCount: settledCount(scenario, draft.terms),
  };
}

/** The ending if both leaders signed the current draft now. */
export function signedEnding(state: GameState): Ending {
  return agreedEnding(state.scenario, state.draft);
}

/** The ending if the game stopped now with no agreement. */
export function noDealEnding(state: Pick<GameState, "scenario">, walkedAwayBy: string | null): Ending {
  return endingWithoutDeal(state.scenario, walkedAwayBy);
}

/** The ending with no agreement (someone walked away, or time ran out). */
export function endingWithoutDeal(scenario: Issues, walkedAwayBy: string | null): Ending {
  const terms = completeTerms(scenario, {});
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

/** `known`: the effective scenario and live scores, when the caller has them already (view.ts). */
export function scoreOf(state: GameState, known?: { effective: Scenario; live: Scores }): ScoreReport {
  const effective = known?.effective ?? effectiveScenario(state);
  const live = known?.live ?? scoresFor(effective, signedEnding(state));
  const reservations = Object.fromEntries(effective.sides.map((s) => [s.id, s.reservation]));
  if (state.outcome) return { ...state.outcome.scores, live, reservations, over: true };
  const now = scoresFor(effective, noDealEnding(state, null));
  return { ...now, live, reservations, over: false };
}

/**
 * What a seat's view holds for its live scorecard: the public issues, the draft, the phase, and
 * its own side's points and reservation and its role's objectives (`mine`); never the other side's.
 */
export type SeatScoring = {
  scenario: Issues;
  draft: { terms: Terms; settledIn: Record<string, string> };
  phase: { id: string };
  mine: {
    side: { points: Record<string, readonly number[]>; reservation: number };
    role: { objectives?: readonly Pick<Objective, "id" | "points" | "when">[] };
  } | null;
};

/** One role's worth for an ending: its side's score, its objectives judged, and the role's total. */
export type SeatWorth = { side: number; role: number; objectives: HeldObjective[]; settled: number };

function seatWorthAt(seat: SeatScoring, end: Ending): SeatWorth {
  const points = seat.mine?.side.points ?? {};
  const side = sideScore(
    seat.scenario.issues,
    { points: (i) => own(points, i.id), reservation: seat.mine?.side.reservation ?? 0 },
    end,
  );
  const held = objectivesHeld(seat.scenario, seat.mine?.role.objectives ?? [], end);
  return { side, role: roleScore(side, held), objectives: held, settled: end.settledCount };
}

/**
 * What the draft with `pkg` accepted would be worth to this seat's side and role if both leaders
 * then signed it: the server's score after that accept and the signatures, computed by the same
 * functions from the seat's own points (tests/properties.test.ts checks it on random games).
 */
export function seatWorthIfAccepted(seat: SeatScoring, pkg: Terms): SeatWorth {
  return seatWorthAt(seat, agreedEnding(seat.scenario, acceptedDraft(seat.draft, pkg, seat.phase.id)));
}

/** What this seat's side and role score with no agreement (`walkedAwayBy`: the side that walked away). */
export function seatWorthWithoutDeal(seat: SeatScoring, walkedAwayBy: string | null = null): SeatWorth {
  return seatWorthAt(seat, endingWithoutDeal(seat.scenario, walkedAwayBy));
}
