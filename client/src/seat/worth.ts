import { type SeatWorth, seatWorthIfAccepted, seatWorthWithoutDeal, type Terms } from "../../../shared/index";
import type { SeatView } from "./model";

/**
 * The live private scorecard (GAME.md, "Scoring"): what a package would be worth to this side and
 * this role if it were written into the draft and the draft were signed. Scored by the rules'
 * own functions (shared/score.ts) from the seat's own points (`view.mine`), never the other
 * side's, which the seat does not have; this file only adds each objective's description.
 */

export type ObjectiveWorth = { id: string; description: string; points: number; holds: boolean };
export type Worth = Omit<SeatWorth, "objectives"> & { objectives: ObjectiveWorth[] };

function described(view: SeatView, worth: SeatWorth): Worth {
  const descriptions = new Map((view.mine?.role.objectives ?? []).map((o) => [o.id, o.description]));
  return { ...worth, objectives: worth.objectives.map((o) => ({ ...o, description: descriptions.get(o.id) ?? "" })) };
}

/** What the draft with this package accepted would be worth if both leaders then signed it. */
export function worthOf(view: SeatView, pkg: Terms): Worth {
  return described(view, seatWorthIfAccepted(view, pkg));
}

/** What each scores with no agreement: the side's reservation value, plus the role's objectives that hold then. */
export function noDealWorth(view: SeatView, walkedAwayBy: string | null = null): Worth {
  return described(view, seatWorthWithoutDeal(view, walkedAwayBy));
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
