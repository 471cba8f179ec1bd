import type { FastifyError, FastifyInstance } from "fastify";
import type { RuleError } from "../../shared/index";
import { isDatabaseUnavailable } from "../db/connect";

/** A refusal with its HTTP status: `{ error: { code, message, details? } }` on the wire. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const badRequest = (code: string, message: string, details?: Record<string, unknown>) =>
  new HttpError(400, code, message, details);
export const unauthorized = (message = "a valid bearer token is required") =>
  new HttpError(401, "unauthorized", message);
export const forbidden = (message: string) => new HttpError(403, "forbidden", message);
export const notFound = (what = "no such game") => new HttpError(404, "not_found", what);
export const conflict = (code: string, message: string, details?: Record<string, unknown>) =>
  new HttpError(409, code, message, details);

/** The status for a rule's refusal code when it reaches HTTP. */
export function fromRule(error: RuleError): HttpError {
  return new HttpError(RULE_STATUS[error.code] ?? 409, error.code, error.message, error.details);
}

// A rule's refusal is a conflict with the game's state (409), except these.
const RULE_STATUS: Record<string, number> = {
  invalid_move: 400,
  unknown_move: 400,
  not_facilitator: 403,
  not_a_player: 403,
  read_only: 403,
  not_found: 404,
  too_large: 413,
  rate_limited: 429,
  shutting_down: 503,
  unavailable: 503,
};

const FASTIFY_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: [400, "invalid_json"],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, "invalid_json"],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, "too_large"],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, "unsupported_media_type"],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, "invalid_input"],
};

/** One error handler: typed errors as they are; validation as 400; never a 5xx's details. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { validation?: unknown[] }, request, reply) => {
    if (err instanceof HttpError) {
      return reply
        .status(err.status)
        .send({ error: { code: err.code, message: err.message, ...(err.details ? { details: err.details } : {}) } });
    }
    if (err.validation) {
      const issues = (
        err.validation as { instancePath?: string; message?: string; params?: { issue?: { path?: unknown[] } } }[]
      ).map((v) => ({ path: v.instancePath || "/", message: v.message ?? "invalid" }));
      const where = err.validationContext ?? "body";
      return reply.status(400).send({
        error: {
          code: "invalid_input",
          message: `invalid ${where}: ${issues.map((i) => `${i.path} ${i.message}`).join("; ")}`,
          details: { issues },
        },
      });
    }
    const known = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (known) return reply.status(known[0]).send({ error: { code: known[1], message: err.message } });
    if (err.statusCode === 429)
      return reply.status(429).send({ error: { code: "rate_limited", message: "too many requests" } });
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send({ error: { code: "invalid_input", message: err.message } });
    }
    // The database out of reach, on any route: a typed 503 (try again), never its error text.
    if (isDatabaseUnavailable(err)) {
      request.log.warn({ err }, "database not answering");
      return reply
        .status(503)
        .header("retry-after", "2")
        .send({ error: { code: "unavailable", message: "the database is not answering; try again shortly" } });
    }
    request.log.error({ err }, "unhandled error");
    return reply.status(500).send({ error: { code: "internal", message: "something went wrong on the server" } });
  });
}
