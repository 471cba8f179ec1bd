import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { bearer } from "../auth/caller";
import { hashCode, hashSecret } from "../auth/secrets";
import { HttpError } from "../http/errors";
import { type Buckets, takeAll } from "./buckets";
import type { Limits } from "./limits";

/**
 * The HTTP routes that make things (games, forks, uploads, imports) and joins, limited per address
 * and per key (the bearer's hash, known or not: a key is not looked up to be counted) over a
 * minute and a day; joins per address and per code. Hooks on the root instance, so the routes
 * themselves stay as they are. Past a limit: 429, `Retry-After` in seconds and
 * `{ error: { code: "rate_limited", message } }`, before the body is parsed where the key is
 * enough to tell (an import flood is not read at all).
 */

type Kind = "games" | "uploads" | "imports";
const WRITES: Record<string, Kind> = {
  "POST /api/games": "games",
  // A class: its first table here, before the body is read; the route takes one per further table.
  "POST /api/classes": "games",
  "POST /api/games/:gameId/fork": "games",
  "POST /api/scenarios": "uploads",
  // A check without publishing costs the server what an upload does (up to seconds of analysis on
  // the widest scenario), so it takes from the same budget as an upload's dry run.
  "POST /api/scenarios/validate": "uploads",
  "POST /api/games/import": "imports",
};
const WHAT: Record<Kind, string> = { games: "games created", uploads: "scenario uploads", imports: "imports" };
const JOINS = new Set(["POST /api/games/:gameId/join", "POST /api/join"]);

// Joins holding a failure taken in advance, until their answer says whether they failed.
const guessed = new WeakSet<FastifyRequest>();

const routeOf = (request: FastifyRequest) => `${request.method} ${request.routeOptions.url ?? ""}`;

export function installHttpLimits(app: FastifyInstance, limits: Limits): void {
  app.addHook("onRequest", async (request, reply) => {
    const route = routeOf(request);
    const kind = WRITES[route];
    if (kind) {
      const secret = bearer(request);
      const pairs: [Buckets, string][] = [[limits.writes.byAddress, request.ip]];
      if (secret) {
        const key = hashSecret(secret);
        pairs.push([limits.writes[kind].minute, key], [limits.writes[kind].day, key]);
      }
      const wait = takeAll(pairs);
      if (wait > 0) return refuse(reply, wait, `too many ${WHAT[kind]} from this key or address`);
    } else if (JOINS.has(route)) {
      const wait = limits.joins.byAddress.take(request.ip);
      if (wait > 0) return refuse(reply, wait, "too many joins from this address");
      // Every join may be a guess: a failure is taken now and given back unless the code opened
      // nothing, so a thousand guesses sent at once cannot all be tried.
      const { failures } = limits.joins;
      const mine = failures.byAddress.wait(request.ip);
      if (mine > 0) return refuse(reply, mine, "too many wrong join codes from this address; check the code");
      const everyone = failures.all.wait("*");
      if (everyone > 0) return refuse(reply, everyone, "too many wrong join codes on this server just now");
      failures.byAddress.take(request.ip);
      failures.all.take("*");
      guessed.add(request);
    }
  });

  app.addHook("onResponse", async (request, reply) => {
    if (!guessed.delete(request) || reply.statusCode === 401) return;
    limits.joins.failures.byAddress.give(request.ip);
    limits.joins.failures.all.give("*");
  });

  // The code is in the body: counted once the body is parsed and valid.
  app.addHook("preHandler", async (request, reply) => {
    if (!JOINS.has(routeOf(request))) return;
    const code = (request.body as { code?: unknown } | undefined)?.code;
    if (typeof code !== "string") return;
    const wait = limits.joins.byCode.take(hashCode(code));
    if (wait > 0) return refuse(reply, wait, "too many joins with this code");
  });
}

/** 429 with `Retry-After` (whole seconds, at least 1) and the typed body. */
export function refuse(reply: FastifyReply, waitMs: number, what: string): FastifyReply {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  reply
    .code(429)
    .header("retry-after", String(seconds))
    .send({ error: { code: "rate_limited", message: `${what}; try again in ${seconds} s` } });
  return reply;
}

/** The HTTP moves route's refusal past the seat's budget: `Retry-After` set, the error to throw. */
export function tooManyMoves(reply: FastifyReply, waitMs: number): HttpError {
  reply.header("retry-after", String(Math.max(1, Math.ceil(waitMs / 1000))));
  return new HttpError(429, "rate_limited", "too many moves from this seat; slow down", { retryAfterMs: waitMs });
}
