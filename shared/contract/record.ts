import { z } from "zod";
import { type RecordedEvent, recordedEventSchema } from "../events";
import { isKnownRulesVersion, underRules } from "../rulesVersions";
import type { Problem } from "../scenario/crossCheck";
import { parseScenario } from "../scenario/parse";
import type { Scenario } from "../scenario/schema";

/**
 * The research record (PROTOCOL.md, export and import): a game as one JSON document, as
 * `GET /api/games/:gameId/export?format=json` writes it and `POST /api/games/import` takes it
 * back, and as the browser's replay, debrief and cohort read it. One schema for all of them.
 *
 * A record is read under its own rules version (`rulesVersion`, 1 when absent: records exported
 * before versions existed): text and ids are checked as that version checked them, so an old
 * record parses to exactly what it holds and its hashes still follow.
 */

export const RECORD_MAX_EVENTS = 1_000_000;

export const gameRecordSchema = z
  .strictObject({
    format: z.literal("summitry-game"),
    formatVersion: z.literal(1),
    gameId: z.string().min(1).max(64),
    rulesVersion: z
      .int()
      .min(1)
      .optional()
      .meta({ description: "The rules version the game was played under; absent means 1 (docs/rules-versions.md)" }),
    // Checked by parseScenario (under the record's version), which names every problem with its path.
    scenario: z.unknown().meta({ description: "The game's own scenario, secrets included (the scenario format)" }),
    seed: z.string().min(1).max(200),
    events: z
      .array(recordedEventSchema)
      .max(RECORD_MAX_EVENTS)
      .meta({ description: "Every event in order, each with its seq and its link in the hash chain" }),
  })
  .meta({ description: "A game's research record: scenario, seed, rules version and every event" });

/** A record as it travels (what an export writes, what an import may send). */
export type GameRecordDocument = z.input<typeof gameRecordSchema>;

/** A record read: its version made explicit and its scenario checked. */
export type GameRecord = Omit<z.output<typeof gameRecordSchema>, "scenario" | "rulesVersion" | "events"> & {
  rulesVersion: number;
  scenario: Scenario;
  events: RecordedEvent[];
};

export type RecordProblem =
  | { code: "invalid_record"; message: string; seq: number | null }
  | { code: "invalid_scenario"; message: string; seq: null; problems: Problem[] };

const versionOnly = z.object({ rulesVersion: z.int().min(1).optional() });

export type ReadRecord = { ok: true; record: GameRecord } | { ok: false; problem: RecordProblem };

/** Reads a record under its own rules version; the first problem names the event when it is one. */
export function parseRecord(doc: unknown): ReadRecord {
  const peek = versionOnly.safeParse(doc);
  const rulesVersion = peek.success ? (peek.data.rulesVersion ?? 1) : 1;
  if (!isKnownRulesVersion(rulesVersion)) {
    return {
      ok: false,
      problem: {
        code: "invalid_record",
        message: `the record was played under rules version ${rulesVersion}, which this server does not know (a newer one made it)`,
        seq: null,
      },
    };
  }
  return underRules(rulesVersion, (): ReadRecord => {
    const shape = gameRecordSchema.safeParse(doc);
    if (!shape.success) {
      const issue = shape.error.issues[0]!;
      return { ok: false, problem: shapeProblem(doc, issue) };
    }
    const scenario = parseScenario(shape.data.scenario);
    if (!scenario.ok) {
      return {
        ok: false,
        problem: {
          code: "invalid_scenario",
          message: "the record's scenario is not valid",
          seq: null,
          problems: scenario.problems,
        },
      };
    }
    return { ok: true, record: { ...shape.data, rulesVersion, scenario: scenario.scenario } };
  });
}

/** The shape problem in words, naming the event it is in (by its seq, else its place) when it is in one. */
function shapeProblem(doc: unknown, issue: z.core.$ZodIssue): RecordProblem {
  const index = issue.path[0] === "events" && typeof issue.path[1] === "number" ? issue.path[1] : null;
  const listed = z.object({ events: z.array(z.object({ seq: z.unknown() }).loose()) }).safeParse(doc);
  const found = index === null ? null : listed.success ? listed.data.events[index]?.seq : undefined;
  const seq = index === null ? null : typeof found === "number" ? found : index + 1;
  return {
    code: "invalid_record",
    message: `not a Summitry record: ${issue.path.join(".")}: ${issue.message}`,
    seq,
  };
}
