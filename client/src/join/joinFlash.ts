/**
 * Who else held a seat when this browser joined it (the join's `holders`), handed from the join
 * form to the seat's page once. Kept in memory only: it is news of the moment of joining, not a
 * setting, and a reload ends it.
 */
const flashes = new Map<string, string[]>();
const k = (gameId: string, seatId: string) => `${gameId}\u0000${seatId}`;

export const joinFlash = {
  set: (gameId: string, seatId: string, holders: string[]) => {
    if (holders.length) flashes.set(k(gameId, seatId), holders);
    else flashes.delete(k(gameId, seatId));
  },
  peek: (gameId: string, seatId: string): string[] => flashes.get(k(gameId, seatId)) ?? [],
  clear: (gameId: string, seatId: string) => flashes.delete(k(gameId, seatId)),
};
