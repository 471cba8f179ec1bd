import { z } from "zod";
import { gameSetupSchema, idSchema, seedSchema } from "../../shared/index";

/** Request and response schemas of the HTTP API: they validate, and they write /docs. */

export const errorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.record(z.string(), z.unknown()).optional() }),
});

export const gameIdParams = z.object({ gameId: z.string().min(1).max(64) });
export const seatParams = gameIdParams.extend({ seatId: z.string().min(1).max(64) });

export const createGameBody = z
  .strictObject({
    scenarioId: idSchema,
    scenarioVersion: z.int().min(1).optional(),
    title: z.string().trim().min(1).max(200).optional(),
    seed: seedSchema.optional(),
  })
  .extend(gameSetupSchema.shape);

export const createdGame = z.object({
  gameId: z.string(),
  facilitatorToken: z.string(),
  joinCodes: z.record(z.string(), z.string()),
  observerCode: z.string(),
});

export const joinBody = z.strictObject({ code: z.string().min(1).max(100), name: z.string().trim().min(1).max(80) });
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
export const eventsQuery = z.strictObject({ from: z.coerce.number().int().min(0).default(0) });

export const recordedEventOut = z.object({
  seq: z.int(),
  at: z.number(),
  actor: z.unknown(),
  type: z.string(),
  payload: z.unknown(),
  hash: z.string().optional(),
});
