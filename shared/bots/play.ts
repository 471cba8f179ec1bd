import { apply, createGame } from "../apply";
import type { ErrorCode } from "../contract/ruleErrors";
import { decide } from "../decide";
import type { GameEvent } from "../events";
import type { Actor, Move } from "../moves";
import { nextRandom, seedState } from "../rng";
import type { Scenario } from "../scenario/schema";
import { type GameSetup, setupScenario } from "../setup";
import type { GameState } from "../state";
import { viewFor } from "../view";
import type { View } from "../viewSchema";
import { type BotMemory, type BotTurn, botTurn, newBotMemory } from "./bot";
import type { BotStrategy } from "./strategy";

/**
 * A whole game of bots, pure: the driver stands in for the server and the facilitator. It creates
 * the game, starts the clock, fires each phase's deadline when its time runs out, and asks each
 * seat's bot, in order of the time it asked to be woken, with that seat's own view; every move
 * goes through `decide` and `apply` as a person's would. Time is simulated (no clock is read), so
 * a 45-minute game takes milliseconds and the same seed gives the same record.
 */

/** Strategies by seat id or side id (a seat's own entry wins), and one for every other seat. */
export type StrategyPlan = { [seatOrSide: string]: BotStrategy | undefined; default?: BotStrategy };

export type BotGameOptions = {
  /** Phase lengths and roles left out, as POST /api/games takes them. */
  setup?: GameSetup;
  /** Chance that Control draws a deck card as each phase after the first begins (0: never). */
  deckDraws?: number;
  /** Hard cap on bot turns (asks), whatever happens. */
  maxTurns?: number;
  /** The simulated clock's start (ms). */
  start?: number;
  /** Called after each bot turn with what the bot was given and what it answered (for tests). */
  onTurn?: (turn: TurnRecord) => void;
};

export type TurnRecord = {
  seat: string;
  strategy: BotStrategy;
  view: View;
  now: number;
  memory: BotMemory;
  turn: BotTurn;
  /** The state the move was decided against (never shown to the bot). */
  state: GameState;
};

export type BotRefusal = { seat: string; move: Move["type"]; code: ErrorCode; message: string };

export type BotGameResult = {
  /** The game's own scenario (after its set-up). */
  scenario: Scenario;
  seed: string;
  strategies: Record<string, BotStrategy>;
  state: GameState;
  /** The record: every accepted event, in order. */
  events: GameEvent[];
  /** How it ended: the outcome's reason, or "unfinished" if the cap came first. */
  ending: string;
  turns: number;
  /** Moves the bots sent that the rules refused (none expected; counted, with the reason). */
  refusals: BotRefusal[];
};

export const BOT_START = 1_700_000_000_000;
const FACILITATOR: Actor = { facilitator: true };
const SYSTEM: Actor = { system: true };
/** How soon a seat the event concerns looks again, as a share of the phase (drawn). */
const REACT = [0.005, 0.02] as const;

export function resolveStrategies(scenario: Scenario, plan: StrategyPlan): Record<string, BotStrategy> {
  return Object.fromEntries(
    scenario.roles.map((r) => [r.id, plan[r.id] ?? plan[r.side] ?? plan.default ?? "linear"] as const),
  );
}

export function playBotGame(
  scenario: Scenario,
  seed: string,
  plan: StrategyPlan,
  options: BotGameOptions = {},
): BotGameResult {
  const set = setupScenario(scenario, options.setup ?? {});
  if (!set.ok) throw new Error(`playBotGame: ${set.error.message}`);
  const game = set.scenario;
  const strategies = resolveStrategies(game, plan);
  const seats = game.roles.map((r) => r.id);
  const maxTurns = options.maxTurns ?? 20_000;
  let driverRng = seedState(`driver:${seed}`);
  const rand = () => {
    const r = nextRandom(driverRng);
    driverRng = r.state;
    return r.value;
  };

  let state = createGame(game, { seed });
  let now = options.start ?? BOT_START;
  const events: GameEvent[] = [];
  const refusals: BotRefusal[] = [];
  const send = (actor: Actor, move: Move, at: number): boolean => {
    const d = decide(state, actor, move, at);
    if (!d.ok) {
      if ("seat" in actor)
        refusals.push({ seat: actor.seat, move: move.type, code: d.error.code, message: d.error.message });
      return false;
    }
    state = apply(state, d.event);
    events.push(d.event);
    return true;
  };

  for (const id of seats) send(SYSTEM, { type: "seatJoined", seat: id, name: `Bot (${strategies[id]})` }, now);
  send(FACILITATOR, { type: "resume" }, now);

  const memory = new Map<string, BotMemory>(seats.map((id) => [id, newBotMemory(`${seed}:${id}`)]));
  const wake = new Map<string, number>(seats.map((id) => [id, now + reactMs()]));
  // A seat's view changes only with an event: computed once per seat and event.
  const views = new Map<string, { seq: number; view: View }>();
  const viewOf = (id: string) => {
    const cached = views.get(id);
    if (cached && cached.seq === state.seq) return cached.view;
    const view = viewFor(state, id);
    views.set(id, { seq: state.seq, view });
    return view;
  };

  function reactMs(): number {
    const phaseMs = (game.phases[state.phaseIndex]?.minutes ?? 1) * 60_000;
    return Math.max(500, Math.round(phaseMs * (REACT[0] + (REACT[1] - REACT[0]) * rand())));
  }
  const nudge = (ids: readonly string[]) => {
    // Not before the bot's own pace allows: asked earlier, it would only say it is not ready.
    for (const id of ids) {
      const soon = Math.max(now + reactMs(), memory.get(id)!.readyAt);
      wake.set(id, Math.min(wake.get(id) ?? Number.POSITIVE_INFINITY, soon));
    }
  };
  const leaders = game.sides.map((s) => s.leader);
  /**
   * The seats an accepted move concerns, who look again soon (the rest at their own next look),
   * found from public facts only, as a server would notify: who may answer a proposal, who
   * proposed what was answered, the leaders when the draft or a signature changes.
   */
  const concerned = (move: Move, by: string): string[] => {
    const phase = game.phases[state.phaseIndex]!;
    const acting = (id: string) => phase.acting === "all" || phase.acting.includes(id);
    switch (move.type) {
      case "propose": {
        const p = state.proposals.at(-1)!;
        return game.roles
          .filter((r) => r.side === p.to && acting(r.id) && Object.keys(p.terms).every((i) => r.portfolio.includes(i)))
          .map((r) => r.id);
      }
      case "reject":
        return [state.proposals.find((p) => p.id === move.proposalId)!.by];
      case "accept":
        return [...leaders, state.proposals.find((p) => p.id === move.proposalId)!.by].filter((id) => id !== by);
      case "sign":
      case "unsign":
        return leaders.filter((id) => id !== by);
      default:
        return [];
    }
  };

  let turns = 0;
  while (state.outcome === null && turns < maxTurns) {
    let next = seats[0]!;
    for (const id of seats) if (wake.get(id)! < wake.get(next)!) next = id;
    const at = Math.max(now, wake.get(next)!);
    // Every bot waits for an event and the clock is stopped: nothing more will happen.
    if (!Number.isFinite(at) && (state.clock.endsAt === null || state.clock.paused)) break;
    const endsAt = state.clock.endsAt;
    if (endsAt !== null && !state.clock.paused && endsAt <= at) {
      // The server's timer: the phase's time has run out before the next bot looks.
      now = Math.max(now, endsAt);
      send(SYSTEM, { type: "deadline" }, now);
      if (state.outcome === null && options.deckDraws && rand() < options.deckDraws) {
        send(FACILITATOR, { type: "drawInject" }, now);
      }
      nudge(seats);
      continue;
    }
    now = at;
    turns++;
    const view = viewOf(next);
    const before = memory.get(next)!;
    const turn: BotTurn = botTurn(strategies[next]!, view, now, before);
    options.onTurn?.({ seat: next, strategy: strategies[next]!, view, now, memory: before, turn, state });
    memory.set(next, turn.memory);
    // A bot that names no time is asked again after the next event that concerns it (a nudge).
    wake.set(next, turn.wakeAt === null ? Number.POSITIVE_INFINITY : Math.max(now + 1, turn.wakeAt));
    if (!turn.move || !send({ seat: next }, turn.move, now)) continue;
    nudge(concerned(turn.move, next));
  }
  return {
    scenario: game,
    seed,
    strategies,
    state,
    events,
    ending: state.outcome?.reason ?? "unfinished",
    turns,
    refusals,
  };
}
