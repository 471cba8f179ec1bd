import { z } from "zod";
import { INT4_MAX } from "../text";
import { errorCodeSchema } from "./ruleErrors";

/**
 * The HTTP half of the wire contract: what every route takes and answers, in one place for the
 * server (which validates with it and writes /docs from it) and the client (which parses every
 * answer with it). Each area has its file (games.ts, access.ts, scenarios.ts, operations.ts); this
 * one holds what they share.
 */

/**
 * The one error shape of every 4xx and 5xx (PROTOCOL.md, "Errors"), its code one of the closed set
 * (ruleErrors.ts). The details stay a plain record here: what each code's details hold is
 * ruleErrorSchema's to say, and an HTTP answer is not refused for a detail a newer server adds.
 */
export const errorSchema = z.object({
  error: z.object({
    code: errorCodeSchema,
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof errorSchema>;
export type ApiError = ErrorBody["error"];

/** The refusals a route may answer with, each in the one error shape. */
export const errorResponses = {
  400: errorSchema,
  401: errorSchema,
  403: errorSchema,
  404: errorSchema,
  409: errorSchema,
};

/**
 * What a path parameter may be before anything uses it: the characters of the ids the server mints
 * (`g…`, `f…`, `i…`) and the scenario's ids, so `%00`, a lone surrogate or a 10 kB segment is a 400
 * here and never reaches the database.
 */
export const pathId = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "an id of letters, digits, '-' and '_' (at most 64)");
export const idParams = z.object({ id: pathId });
export const gameIdParams = z.object({ gameId: pathId });
export const seatParams = gameIdParams.extend({ seatId: pathId });
/** A seq, a version or a count in a query string: a whole number a PostgreSQL integer holds. */
export const queryInt = (min: number) => z.coerce.number().int().min(min).max(INT4_MAX);
/** A `?flag=true|false` query parameter (a query string carries text). */
export const queryFlag = z.enum(["true", "false"]).default("false");
/** What a 204 answers: nothing; `what` documents it. */
export const noContent = (what: string) => z.null().describe(what);
/** A 204 read by the client: no body, which the client's api() hands over to the caller: null. */
export const emptyAnswer = z.null();
