import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BotStrategy,
  botMemorySchema,
  botStrategies,
  botTurn,
  newBotMemory,
  playBotGame,
  type StrategyPlan,
  type TurnRecord,
} from "../shared/bots/index";
import {
  checkMove,
  completeTerms,
  fold,
  type GameEvent,
  type GameState,
  type Move,
  replay,
  type Scenario,
  seatWorthWithoutDeal,
  settledCount,
  TABLE,
  teamChannel,
  type View,
  viewFor,
} from "../shared/index";
import { defaultScenario, tinyScenario } from "../shared/scenarios/index";
import { leaks, privateTextsOf } from "./support/secrets";

/**
 * Property tests of the bots (issue #12): over random seeds, strategies per seat, optional roles
 * left out and deck cards drawn, on both shipped scenarios, every move a bot sends is one its own
 * view justifies and the rules accept; what it is given is its seat's view and nothing else, and
 * the other side's secrets change none of its decisions; every game ends; a seed fixes the record.
 */

const scenarios = [
  { name: "default", scenario: defaultScenario, runs: 12 },
  { name: "tiny", scenario: tinyScenario, runs: 40 },
] as const;
const TIMEOUT = 240_000;

const strategyArb = fc.constantFrom<BotStrategy>(...botStrategies);

/** A random game set-up: a strategy per seat, some optional roles left out, sometimes deck cards. */
function gameArb(scenario: Scenario) {
  const optional = scenario.roles.filter((r) => r.optional).map((r) => r.id);
  return fc.record({
    seed: fc.string({ minLength: 1, maxLength: 10 }),
    strategies: fc.record(Object.fromEntries(scenario.roles.map((r) => [r.id, strategyArb]))) as fc.Arbitrary<
      Record<string, BotStrategy>
    >,
    leaveOut: fc.subarray(optional),
    deckDraws: fc.constantFrom(0, 0, 0.6),
  });
}
type GameInput = { seed: string; strategies: Record<string, BotStrategy>; leaveOut: string[]; deckDraws: number };

function play(scenario: Scenario, input: GameInput, onTurn?: (t: TurnRecord) => void) {
  return playBotGame(scenario, input.seed, input.strategies as StrategyPlan, {
    setup: { leaveOut: input.leaveOut },
    deckDraws: input.deckDraws,
    ...(onTurn ? { onTurn } : {}),
  });
}

/** Every text of the scenario that a bot must never write: both sides' private texts and the reveals. */
function forbiddenTexts(scenario: Scenario): string[] {
  const reveals = scenario.injects.flatMap((i) => i.effects.flatMap((e) => ("reveal" in e ? [e.reveal.text] : [])));
  return [...scenario.sides.flatMap((s) => privateTextsOf(scenario, s.id)), ...reveals];
}

/**
 * The seat's own points on a package's issues and that package's floor: the reservation spread over
 * the issues in proportion to each issue's range (docs/bots.md), worked out here from the view.
 */
function pieceAgainstFloor(view: View, terms: Record<string, string>): { worth: number; floor: number } {
  const points = view.mine!.side.points;
  const issues = view.scenario!.issues;
  const range = (id: string) => {
    const p = points[id] ?? [];
    return { min: Math.min(...p), max: Math.max(...p) };
  };
  const low = issues.reduce((a, i) => a + range(i.id).min, 0);
  const high = issues.reduce((a, i) => a + range(i.id).max, 0);
  const rho = high === low ? 1 : Math.min(1, Math.max(0, (view.mine!.side.reservation - low) / (high - low)));
  let worth = 0;
  let floor = 0;
  for (const [id, option] of Object.entries(terms)) {
    const issue = issues.find((i) => i.id === id)!;
    worth += points[id]![issue.options.findIndex((o) => o.id === option)]!;
    floor += range(id).min + rho * (range(id).max - range(id).min);
  }
  return { worth, floor };
}

function sideWorth(view: View, terms: Record<string, string>): number {
  const full = completeTerms(view.scenario!, terms);
  return view.scenario!.issues.reduce((a, i) => {
    const k = i.options.findIndex((o) => o.id === full[i.id]);
    return a + (view.mine!.side.points[i.id]?.[k] ?? 0);
  }, 0);
}

/** Why a bot's move is one its view justifies; returns what is wrong, or null. */
function unjustified(rec: TurnRecord, scenario: Scenario): string | null {
  const { view, turn } = rec;
  const move = turn.move as Move;
  const sc = view.scenario!;
  const role = sc.roles.find((r) => r.id === rec.seat)!;
  const side = sc.sides.find((s) => s.id === role.side)!;
  const phase = sc.phases[view.phase.index]!;
  const acting = phase.acting === "all" || phase.acting.includes(role.id);
  const mayHold = (terms: Record<string, string>) =>
    Object.keys(terms).every((i) => view.phase.agenda.includes(i) && role.portfolio.includes(i));
  const isLeader = side.leader === role.id;
  const signable = settledCount(sc, view.draft.terms) >= sc.rules.minimumIssues;
  const checked = checkMove(view, move);
  if (checked) return `checkMove refuses it from the bot's own view: ${checked.code}`;
  const texts = JSON.stringify(move);
  const leaked = leaks(texts, forbiddenTexts(scenario));
  if (leaked.length > 0) return `it writes private text: ${leaked.join(" | ")}`;
  switch (move.type) {
    case "propose":
      if (!acting || !mayHold(move.terms)) return "a proposal off its portfolio or the agenda";
      return null;
    case "accept": {
      const p = view.proposals.find((x) => x.id === move.proposalId)!;
      if (p.to !== side.id || !acting || !mayHold(p.terms)) return "an accept it may not give";
      const piece = pieceAgainstFloor(view, p.terms);
      const after = { ...view.draft.terms, ...p.terms };
      const deal =
        isLeader &&
        settledCount(sc, after) >= sc.rules.minimumIssues &&
        sideWorth(view, after) > view.mine!.side.reservation;
      if (piece.worth < piece.floor - 1e-9 && !deal) {
        return `accepts ${p.id} worth ${piece.worth} on its issues, under their floor ${piece.floor.toFixed(2)}`;
      }
      return null;
    }
    case "reject": {
      const p = view.proposals.find((x) => x.id === move.proposalId)!;
      return p.to === side.id && acting && mayHold(p.terms) ? null : "a reject it may not give";
    }
    case "withdraw": {
      const p = view.proposals.find((x) => x.id === move.proposalId)!;
      return p.from === side.id && (p.by === role.id || isLeader) ? null : "withdraws what is not its side's";
    }
    case "sign": {
      const card = view.scorecard!.side;
      if (!isLeader || !signable) return "signs what it may not";
      return card.draft > card.reservation ? null : `signs a draft worth ${card.draft}, not above ${card.reservation}`;
    }
    case "walkAway": {
      const card = view.scorecard!.side;
      if (!isLeader) return "walks away, not a leader";
      if (signable && card.draft > card.reservation) return `walks away from a draft worth ${card.draft}`;
      const scoring = { ...view, scenario: sc };
      if (seatWorthWithoutDeal(scoring, side.id).role < seatWorthWithoutDeal(scoring, null).role) {
        return "walks away though it costs its role points";
      }
      return null;
    }
    case "chat":
      return move.channel === teamChannel(side.id) || move.channel === TABLE ? null : `chats on ${move.channel}`;
    default:
      return `a ${move.type} move`;
  }
}

describe.each(scenarios)("bots on the $name scenario", ({ scenario, runs }) => {
  it(
    "send only moves their own view justifies, and the rules accept every one",
    () => {
      fc.assert(
        fc.property(gameArb(scenario), (input) => {
          const wrong: string[] = [];
          const game = play(scenario, input, (rec) => {
            // The bot was given its seat's view of the state, exactly, and nothing else of the game.
            if (!isDeepStrictEqual(rec.view, viewFor(rec.state, rec.seat))) wrong.push(`${rec.seat}: not its view`);
            const parsed = botMemorySchema.safeParse(rec.turn.memory);
            if (!parsed.success) wrong.push(`${rec.seat}: memory ${parsed.error.message}`);
            const kept = leaks(JSON.stringify(rec.turn), forbiddenTexts(scenario));
            if (kept.length > 0) wrong.push(`${rec.seat}: its turn holds ${kept.join(" | ")}`);
            if (!rec.turn.move) return;
            const why = unjustified(rec, scenario);
            if (why) wrong.push(`${rec.seat} (${rec.strategy}) at ${rec.view.phase.id}: ${why}`);
          });
          expect(game.refusals, "moves the rules refused").toEqual([]);
          expect(wrong).toEqual([]);
        }),
        { numRuns: runs },
      );
    },
    TIMEOUT,
  );

  it(
    "end every game (agreement, deadline or walk-away), with a record that replays",
    () => {
      const endings = new Set<string>();
      fc.assert(
        fc.property(gameArb(scenario), (input) => {
          const game = play(scenario, input);
          endings.add(game.ending);
          expect(["signed", "deadline", "walkAway"]).toContain(game.ending);
          const outcome = game.state.outcome!;
          if (outcome.agreement) {
            // Both leaders signed only above their reservation (as each saw it, inject shifts included).
            for (const s of game.scenario.sides) {
              expect(outcome.scores.sides[s.id]!).toBeGreaterThan(reservationOf(game.state, s.id));
            }
          }
          expect(isDeepStrictEqual(replay(game.scenario, game.seed, game.events), game.state)).toBe(true);
        }),
        { numRuns: runs },
      );
      // The runs reach more than one kind of ending (a property that never ends one way would pass too).
      expect(endings.size).toBeGreaterThan(1);
    },
    TIMEOUT,
  );

  it(
    "decide the same with the other side's secrets changed, and never read view.secrets",
    () => {
      fc.assert(
        fc.property(
          gameArb(scenario),
          fc.integer({ min: 0, max: 1 }),
          fc.integer({ min: 1, max: 1_000_000 }),
          (input, watched, salt) => {
            const turns: (TurnRecord & { seq: number })[] = [];
            const game = play(scenario, { ...input, leaveOut: [] }, (rec) =>
              turns.push({ ...rec, seq: rec.state.seq }),
            );
            const mine = game.scenario.sides[watched]!.id;
            const other = game.scenario.sides[1 - watched]!.id;
            const altered = alterSide(game.scenario, other, salt);
            const states = statesBySeq(altered, game.seed, game.events);
            const secrets = (state: GameState) => viewFor(state, "facilitator").secrets;
            for (const rec of turns) {
              if (game.scenario.roles.find((r) => r.id === rec.seat)!.side !== mine) continue;
              const state = states.get(rec.seq)!;
              // The same game with the other side's points, reservation, briefs and objectives changed:
              const view = viewFor(state, rec.seat);
              const again = botTurn(rec.strategy, view, rec.now, rec.memory);
              expect(again, `${rec.seat} at seq ${rec.seq}`).toEqual(rec.turn);
              // …and with every secret of the game put in its view, behind a trap on reading it.
              const trapped = { ...view, secrets: trap(secrets(state)) };
              expect(botTurn(rec.strategy, trapped, rec.now, rec.memory)).toEqual(rec.turn);
            }
          },
        ),
        { numRuns: Math.ceil(runs / 2) },
      );
    },
    TIMEOUT,
  );

  it("give the same record for the same seed, and another for another seed", () => {
    const input: GameInput = {
      seed: "same",
      strategies: Object.fromEntries(scenario.roles.map((r, i) => [r.id, botStrategies[i % botStrategies.length]!])),
      leaveOut: [],
      deckDraws: 0.6,
    };
    const a = play(scenario, input);
    const b = play(scenario, input);
    expect(isDeepStrictEqual(a.events, b.events)).toBe(true);
    const seeds = ["other-1", "other-2", "other-3"].map((seed) => play(scenario, { ...input, seed }).events);
    expect(seeds.some((events) => !isDeepStrictEqual(events, a.events))).toBe(true);
  });
});

describe("a bot's turn", () => {
  const state = playBotGame(tinyScenario, "mid", { default: "linear" }, { maxTurns: 30 }).state;

  it("does nothing for a seat it cannot play, or a view it cannot play from", () => {
    const memory = newBotMemory("x");
    for (const seat of ["observer", "facilitator"]) {
      expect(botTurn("linear", viewFor(state, seat), state.at, memory)).toMatchObject({
        move: null,
        reason: "unplayable",
      });
    }
    // An event's compact view has no scenario: nothing to play from.
    const compact = { ...viewFor(state, "n-lead", { histories: false }), seats: viewFor(state, "n-lead").seats };
    expect(botTurn("linear", compact, state.at, memory)).toMatchObject({ move: null, reason: "unplayable" });
    const over = playBotGame(tinyScenario, "over", { default: "conceder" }).state;
    expect(botTurn("linear", viewFor(over, "n-lead"), over.at, memory)).toMatchObject({ move: null, reason: "over" });
  });

  it("keeps its own pace: asked again before it is ready, it waits and says until when", () => {
    const game = playBotGame(tinyScenario, "pace", { default: "conceder" });
    const moved: TurnRecord[] = [];
    playBotGame(tinyScenario, "pace", { default: "conceder" }, { onTurn: (t) => t.turn.move && moved.push(t) });
    const rec = moved.find((t) => t.turn.move?.type === "propose")!;
    expect(game.events.length).toBeGreaterThan(0);
    const again = botTurn(rec.strategy, rec.view, rec.now + 1, rec.turn.memory);
    expect(again).toEqual({ move: null, memory: rec.turn.memory, wakeAt: rec.turn.memory.readyAt, reason: "waiting" });
    expect(rec.turn.memory.readyAt).toBeGreaterThan(rec.now);
  });

  it(
    "plays from views of games people play (random moves, pauses, last calls, injects): every move it sends is accepted",
    async () => {
      const { playGame, gameArb: randomGameArb } = await import("./support/randomPlay");
      const { decide } = await import("../shared/index");
      let sent = 0;
      for (const scenario of [defaultScenario, tinyScenario]) {
        fc.assert(
          fc.property(randomGameArb, strategyArb, (input, strategy) => {
            playGame(scenario, input, {
              beforeDecide: (state, step, index) => {
                if (index % 3 !== 0 || state.outcome) return;
                for (const role of state.scenario.roles) {
                  const at = typeof step.at === "number" && Number.isSafeInteger(step.at) ? step.at : state.at;
                  const now = Math.max(at, state.at);
                  const turn = botTurn(
                    strategy,
                    viewFor(state, role.id),
                    now,
                    newBotMemory(`${input.seed}:${role.id}`),
                  );
                  if (!turn.move) continue;
                  sent++;
                  const d = decide(state, { seat: role.id }, turn.move, now);
                  if (!d.ok) throw new Error(`${role.id} ${JSON.stringify(turn.move)} refused: ${d.error.message}`);
                }
              },
            });
          }),
          { numRuns: scenario === tinyScenario ? 30 : 10 },
        );
      }
      expect(sent).toBeGreaterThan(100);
    },
    TIMEOUT,
  );
});

function reservationOf(state: GameState, side: string): number {
  const s = state.scenario.sides.find((x) => x.id === side)!;
  return s.reservation + (state.shifts.reservation[side] ?? 0);
}

/** The scenario with one side's private data changed: points, reservation, briefs and objectives. */
function alterSide(scenario: Scenario, side: string, salt: number): Scenario {
  const bump = (k: number) => ((salt * (k + 7)) % 11) - 5;
  return {
    ...scenario,
    sides: scenario.sides.map((s) =>
      s.id === side ? { ...s, reservation: s.reservation + bump(1), brief: `ALTERED ${salt}` } : s,
    ),
    roles: scenario.roles.map((r) =>
      r.side === side ? { ...r, brief: `ALTERED ${r.id}`, objectives: r.objectives.slice(0, 1) } : r,
    ),
    issues: scenario.issues.map((issue, i) => ({
      ...issue,
      points: {
        ...issue.points,
        [side]: issue.points[side]!.map((p, k) => Math.max(-100, Math.min(100, p + bump(i * 5 + k)))),
      },
    })),
  };
}

/** The state after each seq of a record folded on a scenario. */
function statesBySeq(scenario: Scenario, seed: string, events: readonly GameEvent[]): Map<number, GameState> {
  const out = new Map<number, GameState>();
  let state = replay(scenario, seed, []);
  out.set(state.seq, state);
  for (const e of events) {
    state = fold(state, [e]);
    out.set(state.seq, state);
  }
  return out;
}

/** A value that throws if anything reads into it (a bot that looked at view.secrets would fail here). */
function trap<T>(value: T): T {
  if (value === null) return value;
  return new Proxy(value as object, {
    get(_t, key) {
      throw new Error(`a bot read view.secrets.${String(key)}`);
    },
    has(_t, key) {
      throw new Error(`a bot asked for view.secrets.${String(key)}`);
    },
    ownKeys() {
      throw new Error("a bot listed view.secrets");
    },
  }) as T;
}
