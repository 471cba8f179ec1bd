import { eventHash, genesisHash } from "../server/games/hash";
import { apply, createGame, folder } from "../shared/apply";
import { decide, type GameEvent, type GameState, type RecordedEvent, type Scenario, TABLE } from "../shared/index";
import { currentRulesVersion } from "../shared/rulesVersions";

/**
 * A long, valid game for the fold bench and the long-record tests: the clock started, then chat,
 * statements, notes and proposals (withdrawn, rejected, now and then accepted), so
 * that every history the fold keeps grows with the game. Every event is decided by the rules, and
 * the record is hashed like an export, so it verifies and imports.
 */

export const LONG_START = 1_700_000_000_000;

export type LongRecord = {
  format: "summitry-game";
  formatVersion: 1;
  gameId: string;
  rulesVersion: number;
  scenario: Scenario;
  seed: string;
  events: RecordedEvent[];
};

/** `pad` lengthens every chat by that many characters (a record heavy in bytes, not only in events). */
export function longEvents(scenario: Scenario, seed: string, count: number, pad = 0): GameEvent[] {
  const padding = "x".repeat(pad);
  const f = folder(createGame(scenario, { seed }));
  const out: GameEvent[] = [];
  let at = LONG_START;
  const take = (actor: unknown, move: unknown): boolean => {
    const d = decide(f.state, actor, move, at);
    if (!d.ok) return false;
    f.apply(d.event);
    out.push(d.event);
    return true;
  };
  take({ facilitator: true }, { type: "resume" });
  // On to the first phase in which every role may propose and talk at the table (the scenario's
  // scheduled injects fire on the way).
  while (!isOpenTable(f.state) && take({ facilitator: true }, { type: "advancePhase" })) at += 1;
  const [issue] = scenario.issues;
  for (let i = 0; out.length < count; i++) {
    at += 1;
    const role = scenario.roles[i % scenario.roles.length]!;
    const seat = { seat: role.id };
    const state: GameState = f.state;
    if (i % 10 === 3) {
      const theirs = state.proposals.findLast((p) => p.status === "open" && p.to === role.side);
      // Now and then one is accepted (the draft moves), else rejected.
      if (theirs && i % 100 === 53 && take(seat, { type: "accept", proposalId: theirs.id })) continue;
      if (theirs && take(seat, { type: "reject", proposalId: theirs.id, note: `no ${i}` })) continue;
      const option = issue!.options[i % issue!.options.length]!;
      if (take(seat, { type: "propose", terms: { [issue!.id]: option.id }, note: `offer ${i}` })) continue;
    }
    // Every third proposal is withdrawn by its proposer straight after.
    const last = state.proposals.at(-1);
    if (i % 30 === 4 && last?.status === "open" && take({ seat: last.by }, { type: "withdraw", proposalId: last.id })) {
      continue;
    }
    if (i % 10 === 7 && take(seat, { type: "statement", text: `statement ${i}` })) continue;
    if (i % 50 === 11 && take({ facilitator: true }, { type: "note", text: `note ${i}` })) continue;
    if (!take(seat, { type: "chat", channel: TABLE, text: `message ${i} from ${role.id}${padding}` })) {
      throw new Error(`longEvents: chat refused at ${i} for ${role.id}`);
    }
  }
  return out;
}

function isOpenTable(state: GameState): boolean {
  const phase = state.scenario.phases[state.phaseIndex]!;
  return phase.acting === "all" && phase.moves.includes("propose") && phase.moves.includes("chat");
}

/** The events with their seq and hash chain, as the store and an export hold them. */
export function hashed(scenario: Scenario, seed: string, events: GameEvent[]): RecordedEvent[] {
  // Decided by createGame's (the current) rules version, so hashed from that version's genesis.
  let previous = genesisHash(scenario, seed, currentRulesVersion());
  return events.map((e, i) => {
    const base = { seq: i + 1, at: e.at, actor: e.actor, type: e.type, payload: e.payload };
    previous = eventHash(previous, base);
    return { ...base, hash: previous } as RecordedEvent;
  });
}

export function longRecord(scenario: Scenario, seed: string, count: number, pad = 0): LongRecord {
  const events = hashed(scenario, seed, longEvents(scenario, seed, count, pad));
  return {
    format: "summitry-game",
    formatVersion: 1,
    gameId: "long",
    rulesVersion: currentRulesVersion(),
    scenario,
    seed,
    events,
  };
}

/** The old way, one `apply` (and one copy of every history) per event: the bench's baseline. */
export function foldByApply(state: GameState, events: readonly GameEvent[]): GameState {
  return events.reduce(apply, state);
}
