import { gameRecordSchema, parseRecord } from "../../shared/contract/record";
import {
  canonicalJson,
  createGame,
  decide,
  type ErrorCode,
  folder,
  type GameState,
  moveOfEvent,
  type RecordedEvent,
  type Scenario,
} from "../../shared/index";
import { underRules } from "../../shared/rulesVersions";
import { eventHash, genesisHash } from "./hash";

/**
 * The research record's verification (PROTOCOL.md, export and import). A file is trusted only event
 * by event: each hash is recomputed from the event exactly as it stands, and each event is decided
 * again by the rules of the record's own version (rulesVersions.ts) and must come out the same.
 */

/** The record's schema (shared/contract/record.ts), by the name the OpenAPI document knows. */
export const exportSchema = gameRecordSchema;

export type Verified = {
  ok: true;
  rulesVersion: number;
  scenario: Scenario;
  seed: string;
  events: RecordedEvent[];
  state: GameState;
};
export type Refused = {
  ok: false;
  code: ErrorCode;
  message: string;
  seq: number | null;
  details?: Record<string, unknown>;
};

/** Checks a whole exported document: its shape, its scenario, its hash chain and its rules. */
export function verifyRecord(doc: unknown): Verified | Refused {
  const read = parseRecord(doc);
  if (!read.ok) {
    const { problem } = read;
    return problem.code === "invalid_scenario"
      ? { ok: false, code: problem.code, message: problem.message, seq: null, details: { problems: problem.problems } }
      : { ok: false, code: problem.code, message: problem.message, seq: problem.seq };
  }
  const { rulesVersion, scenario, seed, events } = read.record;
  // The whole check under the record's version: the moves are parsed as that version parsed them.
  return underRules(rulesVersion, (): Verified | Refused => {
    // One fold for the whole record: each history is copied once, not once per event.
    const f = folder(createGame(scenario, { seed, rulesVersion }));
    let previous = genesisHash(scenario, seed, rulesVersion);
    for (let i = 0; i < events.length; i++) {
      const e = events[i]!;
      const expected = i + 1;
      if (e.seq !== expected) {
        return {
          ok: false,
          code: "sequence_broken",
          message: `event ${expected} is missing or out of order (found seq ${e.seq})`,
          seq: expected,
        };
      }
      const hash = eventHash(previous, e);
      if (hash !== e.hash) {
        return {
          ok: false,
          code: "hash_mismatch",
          message: `event ${e.seq} does not match its hash: it, an earlier event, the scenario or the rules version was changed`,
          seq: e.seq,
        };
      }
      const decision = decide(f.state, e.actor, moveOfEvent(e), e.at);
      if (!decision.ok) {
        return {
          ok: false,
          code: "rule_violation",
          message: `event ${e.seq} breaks a rule: ${decision.error.message}`,
          seq: e.seq,
          details: { error: decision.error },
        };
      }
      const { type, actor, at, payload } = e;
      if (canonicalJson(decision.event) !== canonicalJson({ type, actor, at, payload })) {
        return {
          ok: false,
          code: "rule_violation",
          message: `event ${e.seq} is not what the rules decide for its move`,
          seq: e.seq,
        };
      }
      f.apply(e);
      previous = hash;
    }
    return { ok: true, rulesVersion, scenario, seed, events, state: f.state };
  });
}

/** The chain's head before any event, as the game's row stores it and an export starts from. */
export type ChainStart = { scenario: Scenario; seed: string; rulesVersion: number };

/** `rechain` one event at a time, in order, for an export that streams. */
export function rechainer(start: ChainStart): (e: RecordedEvent) => RecordedEvent {
  let previous = genesisHash(start.scenario, start.seed, start.rulesVersion);
  return (e) => {
    previous = eventHash(previous, e);
    return { ...e, hash: previous };
  };
}

/** Re-hashes a chain after its events were edited on purpose (a de-identified copy). */
export function rechain(start: ChainStart, events: RecordedEvent[]): RecordedEvent[] {
  return events.map(rechainer(start));
}

/** Names replaced by role titles: the record says which role played, not who. */
export function deidentify(scenario: Scenario, events: RecordedEvent[]): RecordedEvent[] {
  return events.map((e) => deidentified(scenario, e));
}

export function deidentified(scenario: Scenario, e: RecordedEvent): RecordedEvent {
  if (e.type !== "seatJoined") return e;
  const seat = String(e.payload.seat);
  const title = scenario.roles.find((r) => r.id === seat)?.title ?? seat;
  return { ...e, payload: { ...e.payload, name: title } };
}
