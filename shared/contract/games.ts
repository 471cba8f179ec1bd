import { z } from "zod";
import { eventSchemaWith, hashSchema, seqSchema } from "../events";
import { moveSchema } from "../moves";
import { idSchema } from "../scenario/schema";
import { gameSetupSchema } from "../setup";
import { outcomeSchema, seedSchema } from "../state";
import { INT4_MAX, textSchema, wellFormedString } from "../text";
import { queryFlag, queryInt } from "./http";
import { type GameRecord, parseRecord } from "./record";

/** Games: create, list, join, the facilitator's tokens and seats, events, moves, fork, import, export. */

export const createGameBody = z
  .strictObject({
    scenarioId: idSchema,
    scenarioVersion: z.int().min(1).max(INT4_MAX).optional(),
    title: textSchema({ max: 200, trim: true, min: 1 }).optional(),
    seed: seedSchema.optional(),
  })
  .extend(gameSetupSchema.shape);
export type CreateGameBody = z.input<typeof createGameBody>;

/** `POST /api/games` and a fork's answer: the secrets its creator is told once. */
export const createdGame = z.object({
  gameId: z.string(),
  facilitatorToken: z.string(),
  joinCodes: z.record(z.string(), z.string()),
  observerCode: z.string(),
});
export type CreatedGame = z.infer<typeof createdGame>;

export const joinBody = z.strictObject({
  code: wellFormedString(100).min(1),
  // Its own words for a blank name, which is what a student meets most ("Too small" says nothing).
  name: textSchema({ max: 80, trim: true }).min(1, { error: "type your name (a blank name cannot join)" }),
});
export const joined = z.object({
  token: z.string(),
  seat: z.union([
    z.object({ id: z.string(), side: z.string(), role: z.string() }),
    z.object({ id: z.literal("observer") }),
  ]),
  /** The other names already recorded on this seat (a team sharing a role, or someone else on it). */
  holders: z.array(z.string()),
});
export type Joined = z.infer<typeof joined>;
/** `POST /api/join`: a code alone, so the answer names its game. */
export const joinedAnywhere = joined.extend({ gameId: z.string() });

export const gameSummary = z.object({
  gameId: z.string(),
  title: z.string(),
  scenarioId: z.string(),
  scenarioVersion: z.int(),
  /** The rules version the game is played under (docs/rules-versions.md). */
  rulesVersion: z.int().min(1),
  status: z.enum(["live", "over", "archived"]),
  phase: z.string(),
  seats: z.array(z.object({ id: z.string(), joined: z.boolean() })),
  outcome: outcomeSchema.nullable(),
  createdAt: z.string(),
  forkedFrom: z.string().nullable(),
  /** The class the game is a table of (POST /api/classes), and its label there ("Table A"); null for a game alone. */
  classId: z.string().nullable(),
  label: z.string().nullable(),
});
export type GameSummary = z.infer<typeof gameSummary>;
export const gameList = z.array(gameSummary);

export const listGamesQuery = z.strictObject({ scenarioId: idSchema.optional() });

export const facilitatorTokenAnswer = z.object({ facilitatorToken: z.string().min(1) });
export const seatCodeAnswer = z.object({ code: z.string().min(1) });

export const eventsQuery = z.strictObject({ from: queryInt(0).default(0) });
/**
 * An event a seat receives over HTTP or a socket: the stored event, redacted for the seat
 * (visibility.ts), without its hash unless the whole game is open to it.
 */
export const seenEvent = eventSchemaWith({ seq: seqSchema, hash: hashSchema.optional() });
export type SeenEvent = z.infer<typeof seenEvent>;
export const eventList = z.array(seenEvent);

/** `POST /api/games/:gameId/moves`: a move, judged by the rules of the socket's `move`. */
export const moveBody = moveSchema;
export const moveAccepted = z.object({ ok: z.literal(true), seq: z.int() });

/**
 * `GET /api/games/:gameId/export?format=json` read by a client: the record format
 * (record.ts), read under the record's own rules version; a document that is not one fails with
 * the first problem's words.
 */
export const exportedRecord = z.unknown().transform((doc, ctx): GameRecord => {
  const read = parseRecord(doc);
  if (read.ok) return read.record;
  ctx.addIssue({ code: "custom", message: read.problem.message });
  return z.NEVER;
});

export const exportQuery = z.strictObject({ format: z.enum(["json", "csv"]).default("json"), deidentify: queryFlag });
export const forkBody = z.strictObject({ atSeq: z.int().min(0) });
export const imported = z.object({ gameId: z.string(), facilitatorToken: z.string() });
export type Imported = z.infer<typeof imported>;
