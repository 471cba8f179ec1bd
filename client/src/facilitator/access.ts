import { ApiFailure, api } from "../core/api";
import { storage } from "../core/storage";

/**
 * The facilitator's identities in this browser: the key (a teacher's identity across games,
 * created on the first visit) and, per game, the facilitator token the console and the set-up
 * use. A token missing here (another device) is fetched again with the key that owns the game.
 */

let creating: Promise<string> | null = null;

/** The key kept in this browser, or a new one (created once even if asked twice at once). */
export function ensureFacilitatorKey(): Promise<string> {
  const existing = storage.facilitatorKey();
  if (existing) return Promise.resolve(existing);
  creating ??= api<{ facilitatorKey: string }>("POST", "/api/facilitators")
    .then((r) => {
      storage.setFacilitatorKey(r.facilitatorKey);
      return r.facilitatorKey;
    })
    .finally(() => {
      creating = null;
    });
  return creating;
}

/** Raised when this browser has neither the game's facilitator token nor a key. */
export class NoAccess extends Error {
  constructor() {
    super("no_access");
  }
}

/** A new facilitator token for a game, from the owner's key; stored as this browser's seat. */
export async function renewFacilitatorToken(gameId: string): Promise<string> {
  const key = storage.facilitatorKey();
  if (!key) throw new NoAccess();
  const { facilitatorToken } = await api<{ facilitatorToken: string }>(
    "POST",
    `/api/games/${encodeURIComponent(gameId)}/facilitator-token`,
    { token: key },
  );
  storage.setSeat(gameId, { token: facilitatorToken, seat: "facilitator" });
  return facilitatorToken;
}

/** The facilitator token this browser holds for a game, or a new one from the key. */
export async function ensureFacilitatorToken(gameId: string): Promise<string> {
  const stored = storage.seat(gameId);
  if (stored?.seat === "facilitator") return stored.token;
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
