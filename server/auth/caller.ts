import type { FastifyRequest } from "fastify";
import type { GameStore } from "../db/gameStore";
import type { Facilitator } from "../db/keyStore";
import { forbidden, unauthorized } from "../http/errors";
import { hashSecret } from "./secrets";

/** Who is calling: a facilitator key (a teacher across games), or a token of one game's seat. */
export type Caller =
  | { kind: "key"; facilitator: Facilitator }
  | { kind: "token"; gameId: string; seat: string; name: string | null; tokenHash: string };

/** What to tell someone who has no key: keys come from the operator, never from a form. */
export const ASK_THE_OPERATOR =
  "this needs a facilitator key: ask the operator of this server for a sign-in or invite link";

export function bearer(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (typeof h !== "string") return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : null;
}

/** Game tokens start with `gt_`; anything else is looked up as a facilitator key (OPERATOR_KEY may be any string). */
export async function identify(store: GameStore, secret: string | null): Promise<Caller | null> {
  if (!secret || secret.length > 200) return null;
  const hash = hashSecret(secret);
  if (!secret.startsWith("gt_")) {
    const facilitator = await store.keys.byKeyHash(hash);
    return facilitator ? { kind: "key", facilitator } : null;
  }
  const token = await store.token(hash);
  return token ? { kind: "token", gameId: token.gameId, seat: token.seatId, name: token.name, tokenHash: hash } : null;
}

export async function callerOf(store: GameStore, request: FastifyRequest): Promise<Caller | null> {
  return identify(store, bearer(request));
}

export async function requireCaller(store: GameStore, request: FastifyRequest): Promise<Caller> {
  const secret = bearer(request);
  if (!secret) throw unauthorized();
  const caller = await identify(store, secret);
  if (!caller) throw unauthorized("the bearer token is not valid (it may have been reset or revoked)");
  return caller;
}

// A request's key, once looked up: a route that checks it before its body is read asks once.
const checked = new WeakMap<FastifyRequest, Facilitator>();

/** A facilitator key, or 401 saying where keys come from (a game token is not one). */
export async function requireKey(store: GameStore, request: FastifyRequest): Promise<Facilitator> {
  const known = checked.get(request);
  if (known) return known;
  const secret = bearer(request);
  if (!secret) throw unauthorized(ASK_THE_OPERATOR);
  const caller = await identify(store, secret);
  if (!caller) throw unauthorized(`the key is not valid (it may have been revoked); ${ASK_THE_OPERATOR}`);
  if (caller.kind !== "key") throw unauthorized(`a game token is not a facilitator key; ${ASK_THE_OPERATOR}`);
  checked.set(request, caller.facilitator);
  return caller.facilitator;
}

/**
 * An `onRequest` hook for routes that need a key: without one the answer is 401 before the body
 * is read or validated (an anonymous 20 MB import is not parsed; a malformed one still says 401).
 */
export const keyFirst = (store: GameStore) => async (request: FastifyRequest) => {
  await requireKey(store, request);
};

/** The operator's key, or 401/403. */
export async function requireOperator(store: GameStore, request: FastifyRequest): Promise<Facilitator> {
  const f = await requireKey(store, request);
  if (!f.operator) throw forbidden("only the operator of this server may do this");
  return f;
}

/** The facilitator key behind a request, if it carries one; null for none or a game token. */
export async function optionalKey(store: GameStore, request: FastifyRequest): Promise<Facilitator | null> {
  const caller = await callerOf(store, request);
  return caller?.kind === "key" ? caller.facilitator : null;
}

/** The seat a caller holds in this game: its token's seat, or "facilitator" for the owner's key. */
export async function seatIn(
  store: GameStore,
  request: FastifyRequest,
  gameId: string,
  owner: string | null,
): Promise<string> {
  const caller = await requireCaller(store, request);
  if (caller.kind === "token") {
    if (caller.gameId !== gameId) throw forbidden("this token belongs to another game");
    return caller.seat;
  }
  if (owner !== null && caller.facilitator.id === owner) return "facilitator";
  throw forbidden("this key does not own the game");
}
