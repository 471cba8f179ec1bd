import { facilitatorTokenAnswer } from "../../../shared/contract/index";
import { ApiFailure, api } from "../core/api";
import { storage } from "../core/storage";

/**
 * The facilitator's identities in this browser: the key (a teacher's identity across games, issued
 * by the server's operator: a sign-in link, an invite, or pasted) and, per game, the facilitator
 * token the console and the set-up use. A token missing here (another device) is fetched again
 * with the key that owns the game. Nothing here creates a key: only the operator issues them.
 */

/** Raised when this browser has neither the game's facilitator token nor a key. */
export class NoAccess extends Error {
  constructor() {
    super("no_access");
  }
}

/** Raised when an action needs a facilitator key and this browser holds none. */
export class NoKey extends Error {
  constructor() {
    super("no_key");
  }
}

/** The key kept in this browser; without one, the caller says how to get one. */
export function requireFacilitatorKey(): string {
  const key = storage.facilitatorKey();
  if (!key) throw new NoKey();
  return key;
}

const gamePath = (gameId: string) => `/api/games/${encodeURIComponent(gameId)}`;

/** A new facilitator token for a game, from the owner's key; kept as this browser's console seat. */
export async function renewFacilitatorToken(gameId: string): Promise<string> {
  const key = storage.facilitatorKey();
  if (!key) throw new NoAccess();
  const { facilitatorToken } = await api(`${gamePath(gameId)}/facilitator-token`, facilitatorTokenAnswer, {
    method: "POST",
    token: key,
  });
  storage.setSeat(gameId, { token: facilitatorToken, seat: "facilitator" });
  return facilitatorToken;
}

/** The facilitator token this browser holds for a game, or a new one from the key. */
export async function ensureFacilitatorToken(gameId: string): Promise<string> {
  const stored = storage.seat(gameId, "facilitator");
  if (stored) return stored.token;
  return renewFacilitatorToken(gameId);
}

/** Calls the API with the game's facilitator token; a refused token is renewed once with the key. */
export async function withFacilitatorToken<T>(gameId: string, call: (token: string) => Promise<T>): Promise<T> {
  const token = await ensureFacilitatorToken(gameId);
  try {
    return await call(token);
  } catch (err) {
    if (err instanceof ApiFailure && err.status === 401 && storage.facilitatorKey()) {
      return call(await renewFacilitatorToken(gameId));
    }
    throw err;
  }
}

/**
 * Resets the game's facilitator token: every other one stops at once (a console left open on
 * another device, a token that leaked). The new one is kept here, so this browser's console
 * follows it.
 */
export async function resetFacilitatorToken(gameId: string): Promise<string> {
  const { facilitatorToken } = await withFacilitatorToken(gameId, (token) =>
    api(`${gamePath(gameId)}/facilitator-token/reset`, facilitatorTokenAnswer, { method: "POST", token }),
  );
  storage.setSeat(gameId, { token: facilitatorToken, seat: "facilitator" });
  return facilitatorToken;
}

/**
 * An invite's link: the code travels in the fragment, which browsers never send to a server.
 * `origin` is where others reach the server (useKeyOrigin), not this page's localhost.
 */
export const inviteLink = (invite: string, origin: string) =>
  `${origin}/facilitator/invite#${encodeURIComponent(invite)}`;
