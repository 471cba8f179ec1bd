/**
 * The join codes a facilitator was given when creating a game (the server keeps only their
 * hashes, so this browser is the one place they can be shown again; a reset makes new ones).
 */
export type GameCodes = { joinCodes: Record<string, string>; observerCode: string };

const key = (gameId: string) => `summitry.codes.${gameId}`;

export function loadCodes(gameId: string): GameCodes | null {
  try {
    return JSON.parse(localStorage.getItem(key(gameId)) ?? "null");
  } catch {
    return null;
  }
}

export function saveCodes(gameId: string, codes: GameCodes): void {
  try {
    localStorage.setItem(key(gameId), JSON.stringify(codes));
  } catch {}
}

export const joinLink = (gameId: string, code: string) =>
  `${window.location.origin}/join/${gameId}#${encodeURIComponent(code)}`;
