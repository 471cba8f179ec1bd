import { z } from "zod";
import { clamp01 } from "./clock";
import { type Seat, standingOf } from "./seat";

/**
 * The negotiating strategies (docs/bots.md). Each gives the bot's aspiration at a moment: where,
 * between its floor (0: its share of the reservation) and its best (1), a package must stand for
 * the bot to propose or accept it. The target on a set of issues is then
 * `floor + aspiration · (best − floor)`, so on all issues at once the floor is the reservation:
 * Faratin, Sierra & Jennings' `max − (max − reservation)·(t/T)^(1/e)`.
 */

export const botStrategies = ["boulware", "linear", "conceder", "titForTat", "hardliner"] as const;
export const botStrategySchema = z.enum(botStrategies);
export type BotStrategy = z.infer<typeof botStrategySchema>;

export type StrategyParams =
  /** Time-dependent concession: aspiration 1 − (t/T)^(1/e). */
  | { kind: "time"; e: number }
  /** Relative tit-for-tat: concede as much as the other side has conceded, plus `grace`·t. */
  | { kind: "mirror"; grace: number }
  /** A hardliner: never below `hold`. */
  | { kind: "hold"; hold: number };

export const STRATEGY_PARAMS: Record<BotStrategy, StrategyParams> = {
  // e < 1 holds firm until the deadline nears (Boulware), e = 1 concedes evenly, e > 1 concedes early.
  boulware: { kind: "time", e: 0.2 },
  linear: { kind: "time", e: 1 },
  conceder: { kind: "time", e: 2 },
  // Without a little grace two tit-for-tats would wait for each other's first step forever.
  titForTat: { kind: "mirror", grace: 0.25 },
  hardliner: { kind: "hold", hold: 0.8 },
};

/** The bot's aspiration (0 floor … 1 best) at time fraction t. */
export function aspiration(strategy: BotStrategy, seat: Seat, t: number): number {
  const p = STRATEGY_PARAMS[strategy];
  switch (p.kind) {
    case "time":
      return 1 - t ** (1 / p.e);
    case "hold":
      return p.hold;
    case "mirror":
      return 1 - clamp01(concessionOfOtherSide(seat) + p.grace * t);
  }
}

/**
 * How far the other side has come towards this seat, 0 to 1, measured in the seat's own points
 * (it knows no other): where their latest proposal stands for it against where their first stood,
 * as a share of the way from that first one to the seat's best.
 */
export function concessionOfOtherSide(seat: Seat): number {
  const theirs = seat.view.proposals.filter((p) => p.from === seat.otherSide && Object.keys(p.terms).length > 0);
  if (theirs.length < 2) return 0;
  const first = standingOf(seat, theirs[0]!.terms);
  const last = standingOf(seat, theirs[theirs.length - 1]!.terms);
  if (first >= 1) return 0;
  return clamp01((last - first) / (1 - first));
}
