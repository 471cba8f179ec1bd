import { z } from "zod";
import {
  canonicalJson,
  createGame,
  decide,
  type ErrorCode,
  folder,
  type GameState,
  moveOfEvent,
  parseScenario,
  type RecordedEvent,
  recordedEventSchema,
  type Scenario,
} from "../../shared/index";
import { eventHash, genesisHash } from "./hash";

/**
 * The research record (PROTOCOL.md, export and import): a game as one JSON document, and its
 * verification. A file is trusted only event by event: each hash is recomputed from the event
 * exactly as it stands, and each event is decided again by the rules and must come out the same.
 */

export const exportSchema = z.strictObject({
  format: z.literal("summitry-game"),
  formatVersion: z.literal(1),
  gameId: z.string().min(1).max(64),
  scenario: z.unknown(),
  seed: z.string().min(1).max(200),
  events: z.array(recordedEventSchema.strict()).max(1_000_000),
});

export type Verified = { ok: true; scenario: Scenario; seed: string; events: RecordedEvent[]; state: GameState };
export type Refused = {
  ok: false;
  code: ErrorCode;
  message: string;
  seq: number | null;
  details?: Record<string, unknown>;
};

/** Checks a whole exported document: its shape, its scenario, its hash chain and its rules. */
export function verifyRecord(doc: unknown): Verified | Refused {
  const shape = exportSchema.safeParse(doc);
  if (!shape.success) {
    // Name the event whose shape is wrong, when it is an event.
    const issue = shape.error.issues[0]!;
    const index = issue.path[0] === "events" && typeof issue.path[1] === "number" ? issue.path[1] : null;
    const seq = index === null ? null : ((doc as { events: { seq?: unknown }[] }).events[index]?.seq ?? index + 1);
    return {
      ok: false,
      code: "invalid_record",
      message: `not a Summitry record: ${issue.path.join(".")}: ${issue.message}`,
      seq: typeof seq === "number" ? seq : null,
    };
  }
  const parsed = parseScenario(shape.data.scenario);
  if (!parsed.ok) {
    return {
      ok: false,
      code: "invalid_scenario",
      message: "the record's scenario is not valid",
      seq: null,
      details: { problems: parsed.problems },
    };
  }
  const { seed, events } = shape.data;
  // One fold for the whole record: each history is copied once, not once per event.
  const f = folder(createGame(parsed.scenario, { seed }));
  let previous = genesisHash(parsed.scenario, seed);
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
        message: `event ${e.seq} does not match its hash: it, an earlier event or the scenario was changed`,
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
  return { ok: true, scenario: parsed.scenario, seed, events, state: f.state };
}

/** `rechain` one event at a time, in order, for an export that streams. */
export function rechainer(scenario: Scenario, seed: string): (e: RecordedEvent) => RecordedEvent {
  let previous = genesisHash(scenario, seed);
  return (e) => {
    previous = eventHash(previous, e);
    return { ...e, hash: previous };
  };
}

/** Re-hashes a chain after its events were edited on purpose (a de-identified copy). */
export function rechain(scenario: Scenario, seed: string, events: RecordedEvent[]): RecordedEvent[] {
  let previous = genesisHash(scenario, seed);
  return events.map((e) => {
    const hash = eventHash(previous, e);
    previous = hash;
    return { ...e, hash };
  });
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
