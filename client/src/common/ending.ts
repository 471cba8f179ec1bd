import type { LastCall, OutcomeReason } from "../../../shared/index";
import { formatTimeOfDay } from "./PhaseClock";

/**
 * How a game ended, in one sentence: the console's, the projector's and the seats' outcome, the
 * debrief and its printed report all say it with these words. A last call's end is recorded as a
 * `deadline` (the rules keep one reason for a clock that ran out, in any rules version), so the
 * last call itself (`state.lastCall`, every view's `phase.lastCall`) is what tells the two apart.
 */
export function endingSentence(
  outcome: { reason: OutcomeReason | null; walkedAwayBy: string | null },
  lastCall: LastCall | null | undefined,
  sideName: (sideId: string) => string,
  timeOfDay: (ms: number) => string = formatTimeOfDay,
): string {
  const called = lastCall ? lastCallCalled(lastCall, timeOfDay) : "";
  switch (outcome.reason) {
    case "walkAway":
      return `${outcome.walkedAwayBy ? sideName(outcome.walkedAwayBy) : "A side"} walked away.`;
    case "signed":
      return lastCall
        ? `Both leaders signed the draft during the last call (${called}).`
        : "Both leaders signed the draft.";
    case "endGame":
      return lastCall
        ? `The facilitator ended the game during the last call (${called}).`
        : "The facilitator ended the game.";
    default:
      return lastCall
        ? `The game ended when the last call ran out (${called}) before both leaders signed.`
        : "Time ran out before both leaders signed.";
  }
}

/** "3 minutes called at 10:42": how long the last call was, and when the facilitator called it. */
function lastCallCalled(lastCall: LastCall, timeOfDay: (ms: number) => string): string {
  return `${lastCall.minutes} ${lastCall.minutes === 1 ? "minute" : "minutes"} called at ${timeOfDay(lastCall.at)}`;
}
