import type { FastifyError, FastifyInstance, FastifyServerOptions } from "fastify";
import type { ErrorCode, ErrorDetails, RuleError } from "../../shared/index";
import { isDatabaseUnavailable } from "../db/connect";

/**
 * A refusal with its HTTP status: `{ error: { code, message, details? } }` on the wire. The code is
 * one of the contract's (shared/contract/ruleErrors.ts) and types its details.
 */
export class HttpError<C extends ErrorCode = ErrorCode> extends Error {
  constructor(
    readonly status: number,
    readonly code: C,
    message: string,
    readonly details?: ErrorDetails<C>,
  ) {
    super(message);
  }
}

export const badRequest = <C extends ErrorCode>(code: C, message: string, details?: ErrorDetails<C>) =>
  new HttpError(400, code, message, details);
export const unauthorized = (message = "a valid bearer token is required") =>
  new HttpError(401, "unauthorized", message);
export const forbidden = (message: string) => new HttpError(403, "forbidden", message);
export const notFound = (what = "no such game") => new HttpError(404, "not_found", what);
export const conflict = <C extends ErrorCode>(code: C, message: string, details?: ErrorDetails<C>) =>
  new HttpError(409, code, message, details);

/** The status for a rule's refusal code when it reaches HTTP. */
export function fromRule(error: RuleError): HttpError {
  return new HttpError(RULE_STATUS[error.code] ?? 409, error.code, error.message, error.details);
}

// A rule's refusal is a conflict with the game's state (409), except these.
const RULE_STATUS: Partial<Record<ErrorCode, number>> = {
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

const FASTIFY_CODES: Record<string, [number, ErrorCode]> = {
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

type ErrorBody = { error: { code: ErrorCode; message: string } };
const typedBody = (code: ErrorCode, message: string): ErrorBody => ({ error: { code, message } });
const isTyped = (body: unknown): boolean => {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof e === "object" && e !== null && typeof e.code === "string" && typeof e.message === "string";
};
const codeForStatus = (status: number): ErrorCode =>
  status === 503 ? "unavailable" : status >= 500 ? "internal" : status === 404 ? "not_found" : "invalid_input";

/**
 * Fastify's constructor options for the refusals it makes itself, before any route or hook runs:
 * a malformed URL (`%zz`, an encoded lone surrogate), a malformed HTTP request, a request while
 * closing. Each gets the one error shape instead of Fastify's `{ error, message, statusCode }`.
 */
export const fastifyErrorOptions: Pick<
  FastifyServerOptions,
  "return503OnClosing" | "frameworkErrors" | "clientErrorHandler"
> = {
  // Closing is answered by installErrorShape's hook, typed (Fastify's own 503 body is not).
  return503OnClosing: false,
  frameworkErrors(err, _request, reply) {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
    // The reply of a request no route matched yet: no response schema narrows it.
    (reply as unknown as { status(n: number): { send(b: unknown): void } })
      .status(status)
      .send(typedBody("invalid_input", "the URL is not valid (a bad %-escape, or too long)"));
  },
  clientErrorHandler(error, socket) {
    const err = error as NodeJS.ErrnoException;
    if (err.code === "ECONNRESET" || socket.destroyed) return;
    const [status, text, code]: [number, string, ErrorCode] =
      err.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "Request Timeout", "timeout"]
        : err.code === "HPE_HEADER_OVERFLOW"
          ? [431, "Request Header Fields Too Large", "too_large"]
          : [400, "Bad Request", "invalid_input"];
    const body = JSON.stringify(typedBody(code, `malformed HTTP request: ${text.toLowerCase()}`));
    if (socket.writable) {
      socket.write(
        `HTTP/1.1 ${status} ${text}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(err);
  },
};

/**
 * The one error shape for every 4xx and 5xx, whoever made it: a typed 503 `shutting_down` while
 * the server closes, and any error body a plugin sent in another shape rewritten to
 * `{ error: { code, message } }` on its way out.
 */
export function installErrorShape(app: FastifyInstance): void {
  let closing = false;
  app.addHook("preClose", async () => {
    closing = true;
  });
  app.addHook("onRequest", async (_request, reply) => {
    if (!closing) return;
    // Sent here with its own serializer: a route's 503 schema (/health's) describes another body.
    return reply
      .code(503)
      .header("connection", "close")
      .type("application/json; charset=utf-8")
      .serializer(JSON.stringify)
      .send(typedBody("shutting_down", "the server is shutting down; try again shortly"));
  });
  app.addHook("onSend", async (_request, reply, payload) => {
    if (reply.statusCode < 400 || (payload !== null && payload !== undefined && typeof payload !== "string"))
      return payload;
    if (typeof payload === "string" && payload.length > 0) {
      try {
        if (isTyped(JSON.parse(payload))) return payload;
      } catch {}
    }
    reply.type("application/json; charset=utf-8");
    return JSON.stringify(typedBody(codeForStatus(reply.statusCode), `HTTP ${reply.statusCode}`));
  });
}
