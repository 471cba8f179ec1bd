import type { Seat } from "./seat";

/**
 * A bot's sense of time, from its view's phase and clock and the time it is asked at. The view
 * holds no "now" (the server's clock is the server's), so the caller passes it: the driver its
 * simulated clock, a live server `Date.now()`.
 */

export type BotTime = {
  /** t/T: how much of the game's negotiating time has passed, 0 to 1 (the concession tactics' clock). */
  t: number;
  /** How much of the current phase has passed, 0 to 1. */
  inPhase: number;
  /** The current phase's length in ms (with its extensions). */
  phaseMs: number;
  /** Time left in the current phase (or in the last call), ms. */
  leftMs: number;
};

const MINUTE = 60_000;

/** Phases in which packages move (propose or accept is open): their time is the tactics' T. */
function negotiates(moves: readonly string[]): boolean {
  return moves.includes("propose") || moves.includes("accept");
}

export function timeOf(seat: Seat, now: number): BotTime {
  const { view, scenario } = seat;
  const current = view.phase.index;
  const phaseMs = (scenario.phases[current]?.minutes ?? 0) * MINUTE + view.phase.extendedMinutes * MINUTE;
  const running = !view.phase.paused && view.phase.endsAt !== null;
  const leftMs = Math.max(0, running ? view.phase.endsAt! - now : view.phase.remainingMs);
  const lastCall = view.phase.lastCall;
  if (lastCall) {
    // Only signing is open: the negotiating time is over; inPhase runs over the last call itself.
    const ms = lastCall.minutes * MINUTE;
    return { t: 1, inPhase: ms === 0 ? 1 : clamp01(1 - leftMs / ms), phaseMs: ms, leftMs };
  }
  const inPhase = phaseMs === 0 ? 1 : clamp01(1 - leftMs / phaseMs);
  let total = 0;
  let elapsed = 0;
  scenario.phases.forEach((phase, i) => {
    if (!negotiates(phase.moves)) return;
    const ms = i === current ? phaseMs : phase.minutes * MINUTE;
    total += ms;
    if (i < current) elapsed += ms;
    else if (i === current) elapsed += ms * inPhase;
  });
  const after = !scenario.phases.slice(current).some((p) => negotiates(p.moves));
  const t = after || total === 0 ? 1 : clamp01(elapsed / total);
  return { t, inPhase, phaseMs, leftMs };
}

/** Whether no later phase opens `move`: this phase is the seat's last chance to make it. */
export function lastPhaseFor(seat: Seat, move: string): boolean {
  if (seat.view.phase.lastCall) return true;
  return !seat.scenario.phases
    .slice(seat.view.phase.index + 1)
    .some((p) => (p.moves as readonly string[]).includes(move));
}

export const clamp01 = (x: number) => Math.max(0, Math.min(1, x));
