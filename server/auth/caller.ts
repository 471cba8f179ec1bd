import type { FastifyRequest } from "fastify";
import type { GameStore } from "../db/gameStore";
import { forbidden, unauthorized } from "../http/errors";
import { hashSecret } from "./secrets";

/** Who is calling: a facilitator key (a teacher across games), or a token of one game's seat. */
export type Caller =
  | { kind: "key"; facilitatorId: string }
  | { kind: "token"; gameId: string; seat: string; name: string | null };

export function bearer(request: FastifyRequest): string | null {
  const h = request.headers.authorization;
  if (typeof h !== "string") return null;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(h);
  return m ? m[1]! : null;
}

export async function identify(store: GameStore, secret: string | null): Promise<Caller | null> {
  if (!secret || secret.length > 200) return null;
  const hash = hashSecret(secret);
  if (secret.startsWith("fk_")) {
    const facilitatorId = await store.facilitatorByKey(hash);
    return facilitatorId ? { kind: "key", facilitatorId } : null;
  }
  const token = await store.token(hash);
  return token ? { kind: "token", gameId: token.gameId, seat: token.seatId, name: token.name } : null;
}

export async function callerOf(store: GameStore, request: FastifyRequest): Promise<Caller | null> {
  return identify(store, bearer(request));
}

export async function requireCaller(store: GameStore, request: FastifyRequest): Promise<Caller> {
  const secret = bearer(request);
  if (!secret) throw unauthorized();
  const caller = await identify(store, secret);
  if (!caller) throw unauthorized("the bearer token is not valid (it may have been reset)");
  return caller;
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
  if (owner !== null && caller.facilitatorId === owner) return "facilitator";
  throw forbidden("this key does not own the game");
}

/** The facilitator who will own what this request creates: none without a bearer, 401 for anything but a key. */
export async function optionalOwner(store: GameStore, request: FastifyRequest): Promise<string | null> {
  if (!bearer(request)) return null;
  const caller = await callerOf(store, request);
  if (caller?.kind !== "key") throw unauthorized("only a facilitator key may own a game");
  return caller.facilitatorId;
}
