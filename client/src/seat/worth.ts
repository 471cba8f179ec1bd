import { type Condition, type Ending, holds, settledCount, type Terms } from "../../../shared/index";
import type { SeatView } from "./model";

/**
 * The live private scorecard (GAME.md, "Scoring"): what a package would be worth to this side and
 * this role if it were written into the draft and the draft were signed. Computed from the seat's
 * own points (`view.mine`), never the other side's, which the seat does not have.
 */

export type ObjectiveWorth = { id: string; description: string; points: number; holds: boolean };
export type Worth = { side: number; role: number; objectives: ObjectiveWorth[]; settled: number };

/** The draft after a package is accepted: the package overwrites the draft's terms for its issues. */
export function termsAfter(view: SeatView, pkg: Terms): Terms {
  return { ...view.draft.terms, ...pkg };
}

/** This side's points for terms, every unsettled issue at its noDeal option. */
export function sidePointsOf(view: SeatView, terms: Terms): number {
  let total = 0;
  for (const issue of view.scenario.issues) {
    const option = terms[issue.id] ?? issue.noDeal;
    const index = issue.options.findIndex((o) => o.id === option);
    total += view.mine?.side.points[issue.id]?.[index] ?? 0;
  }
  return total;
}

function objectivesFor(view: SeatView, end: Ending): ObjectiveWorth[] {
  const scenario = { issues: view.scenario.issues } as never;
  return (view.mine?.role.objectives ?? []).map((o) => ({
    id: o.id,
    description: o.description,
    points: o.points,
    holds: holds(scenario, o.when as Condition, end),
  }));
}

function complete(view: SeatView, terms: Terms): Terms {
  return Object.fromEntries(view.scenario.issues.map((i) => [i.id, terms[i.id] ?? i.noDeal]));
}

/** What the draft with this package accepted would be worth if both leaders then signed it. */
export function worthOf(view: SeatView, pkg: Terms): Worth {
  const terms = termsAfter(view, pkg);
  const settledIn = { ...view.draft.settledIn };
  for (const [issue, option] of Object.entries(pkg)) {
    // Accepting the option the draft already holds does not move when the issue was settled.
    if (view.draft.terms[issue] !== option) settledIn[issue] = view.phase.id;
  }
  const settled = settledCount(view.scenario, terms);
  const end: Ending = {
    terms: complete(view, terms),
    agreement: true,
    walkedAwayBy: null,
    settledIn,
    settledCount: settled,
  };
  const side = sidePointsOf(view, terms);
  const objectives = objectivesFor(view, end);
  return { side, role: side + objectives.reduce((s, o) => s + (o.holds ? o.points : 0), 0), objectives, settled };
}

/** What each scores with no agreement: the side's reservation value, plus the role's objectives that hold then. */
export function noDealWorth(view: SeatView, walkedAwayBy: string | null = null): Worth {
  const end: Ending = { terms: complete(view, {}), agreement: false, walkedAwayBy, settledIn: {}, settledCount: 0 };
  const side = view.scorecard?.side.reservation ?? view.mine?.side.reservation ?? 0;
  const objectives = objectivesFor(view, end);
  return { side, role: side + objectives.reduce((s, o) => s + (o.holds ? o.points : 0), 0), objectives, settled: 0 };
}

/** The current draft's worth: the server's scorecard where it has one, else computed the same way. */
export function draftWorth(view: SeatView): Worth {
  const mine = worthOf(view, {});
  const card = view.scorecard;
  if (!card) return mine;
  const held = new Map(card.role.objectives.map((o) => [o.id, o.holds]));
  return {
    side: card.side.draft,
    role: card.role.draft,
    objectives: mine.objectives.map((o) => ({ ...o, holds: held.get(o.id) ?? o.holds })),
    settled: mine.settled,
  };
}

export function reservationOf(view: SeatView): number {
  return view.scorecard?.side.reservation ?? view.mine?.side.reservation ?? 0;
}
