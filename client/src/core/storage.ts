/**
 * What the browser keeps: the facilitator key (a teacher's identity across games) and, per game,
 * the token of the seat this browser holds. Nothing else, and never a scenario.
 */

const KEY = "summitry.facilitatorKey";
const seatKey = (gameId: string) => `summitry.seat.${gameId}`;

export type StoredSeat = { token: string; seat: string; name?: string };

const safe = <T>(f: () => T, fallback: T): T => {
  try {
    return f();
  } catch {
    return fallback;
  }
};

export const storage = {
  facilitatorKey: (): string | null => safe(() => localStorage.getItem(KEY), null),
  setFacilitatorKey: (key: string) => safe(() => localStorage.setItem(KEY, key), undefined),
  seat: (gameId: string): StoredSeat | null =>
    safe(() => JSON.parse(localStorage.getItem(seatKey(gameId)) ?? "null"), null),
  setSeat: (gameId: string, s: StoredSeat) =>
    safe(() => localStorage.setItem(seatKey(gameId), JSON.stringify(s)), undefined),
  forgetSeat: (gameId: string) => safe(() => localStorage.removeItem(seatKey(gameId)), undefined),
};
