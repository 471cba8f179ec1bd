import { z } from "zod";
import { gameSetupSchema, idSchema, seedSchema } from "../../shared/index";
import { INT4_MAX, textSchema, wellFormedString } from "../../shared/text";

/** Request and response schemas of the HTTP API: they validate, and they write /docs. */

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

/**
 * What a path parameter may be before anything uses it: the characters of the ids the server mints
 * (`g…`, `f…`, `i…`) and the scenario's ids, so `%00`, a lone surrogate or a 10 kB segment is a 400
 * here and never reaches the database.
 */
export const pathId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "an id of letters, digits, '-' and '_' (at most 64)");
export const gameIdParams = z.object({ gameId: pathId });
export const seatParams = gameIdParams.extend({ seatId: pathId });
/** A seq, a version or a count in a query string: a whole number a PostgreSQL integer holds. */
export const queryInt = (min: number) => z.coerce.number().int().min(min).max(INT4_MAX);

export const createGameBody = z
  .strictObject({
    scenarioId: idSchema,
    scenarioVersion: z.int().min(1).max(INT4_MAX).optional(),
    title: textSchema({ max: 200, trim: true, min: 1 }).optional(),
    seed: seedSchema.optional(),
  })
  .extend(gameSetupSchema.shape);

export const createdGame = z.object({
  gameId: z.string(),
  facilitatorToken: z.string(),
  joinCodes: z.record(z.string(), z.string()),
  observerCode: z.string(),
});

export const joinBody = z.strictObject({
  code: wellFormedString(100).min(1),
  name: textSchema({ max: 80, trim: true, min: 1 }),
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

export const gameSummary = z.object({
  gameId: z.string(),
  title: z.string(),
  scenarioId: z.string(),
  scenarioVersion: z.int(),
  status: z.enum(["live", "over", "archived"]),
  phase: z.string(),
  seats: z.array(z.object({ id: z.string(), joined: z.boolean() })),
  outcome: z.unknown().nullable(),
  createdAt: z.string(),
  forkedFrom: z.string().nullable(),
});

export const listGamesQuery = z.strictObject({ scenarioId: idSchema.optional() });
export const eventsQuery = z.strictObject({ from: queryInt(0).default(0) });

export const recordedEventOut = z.object({
  seq: z.int(),
  at: z.number(),
  actor: z.unknown(),
  type: z.string(),
  payload: z.unknown(),
  hash: z.string().optional(),
});
