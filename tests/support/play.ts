import { expect } from "vitest";
import {
  apply,
  createGame,
  type Decision,
  decide,
  type ErrorCode,
  type EventOf,
  type GameEvent,
  type GameState,
  type MoveType,
  type Scenario,
} from "../../shared/index";

export const F = { facilitator: true } as const;
export const SYS = { system: true } as const;
export const seat = (id: string) => ({ seat: id });

/**
 * A game driven through the rules as the server would: decide, then apply what was decided, with
 * a fake clock that only moves when told.
 */
export class Play {
  state: GameState;
  now = 1_700_000_000_000;
  readonly events: GameEvent[] = [];

  constructor(
    readonly scenario: Scenario,
    readonly seed = "seed-1",
  ) {
    this.state = createGame(scenario, { seed });
  }

  tick(ms: number): this {
    this.now += ms;
    return this;
  }

  try(actor: unknown, move: unknown): Decision {
    const d = decide(this.state, actor, move, this.now);
    if (d.ok) {
      this.state = apply(this.state, d.event);
      this.events.push(d.event);
    }
    return d;
  }

  /** Applies a move that must be allowed; returns its event (typed by the move's type). */
  ok<T extends MoveType>(actor: unknown, move: { type: T } & Record<string, unknown>): EventOf<T>;
  ok(actor: unknown, move: unknown): GameEvent;
  ok(actor: unknown, move: unknown): GameEvent {
    const d = this.try(actor, move);
    if (!d.ok)
      throw new Error(`expected ${JSON.stringify(move)} to be allowed, got ${d.error.code}: ${d.error.message}`);
    return d.event;
  }

  /** A move that must be refused with this code, leaving the state exactly as it was. */
  refused(actor: unknown, move: unknown, code: ErrorCode): void {
    const before = this.state;
    const snapshot = structuredClone(before);
    const d = decide(this.state, actor, move, this.now);
    expect(d.ok, `${JSON.stringify(move)} should be refused with ${code}`).toBe(false);
    if (!d.ok) expect(d.error.code).toBe(code);
    expect(this.state).toBe(before);
    expect(this.state).toEqual(snapshot);
  }

  /** The facilitator starts the clock and moves to the phase with this id. */
  startAt(phaseId: string): this {
    if (this.state.clock.paused) this.ok(F, { type: "resume" });
    while (this.scenario.phases[this.state.phaseIndex]!.id !== phaseId) this.ok(F, { type: "advancePhase" });
    return this;
  }
}
