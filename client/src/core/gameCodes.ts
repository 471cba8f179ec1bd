import type { z } from "zod";
import { createdGame } from "../../../shared/contract/index";

/**
 * The join codes a facilitator was given when creating a game (the server keeps only their
 * hashes, so this browser is the one place they can be shown again; a reset makes new ones).
 */
export const gameCodesSchema = createdGame.pick({ joinCodes: true, observerCode: true });
export type GameCodes = z.infer<typeof gameCodesSchema>;

const key = (gameId: string) => `summitry.codes.${gameId}`;

export function loadCodes(gameId: string): GameCodes | null {
  try {
    // Read back through the schema: another version's or a hand-edited entry is no codes at all.
    const parsed = gameCodesSchema.safeParse(JSON.parse(localStorage.getItem(key(gameId)) ?? "null"));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function saveCodes(gameId: string, codes: GameCodes): void {
  try {
    localStorage.setItem(key(gameId), JSON.stringify(codes));
  } catch {}
}

/**
 * A seat's join link. `origin` is where students reach the server (useStudentOrigin: PUBLIC_URL or
 * a LAN address), not this page's, which is often localhost: the student's own phone.
 */
export const joinLink = (gameId: string, code: string, origin: string) =>
  `${origin}/join/${gameId}#${encodeURIComponent(code)}`;
