/**
 * Every seat has an address of its own, so that a browser's tabs never trade seats: the console,
 * the projector, and each player's table. A page opens only the seat its address names.
 */
export function seatPath(gameId: string, seatId: string): string {
  const g = encodeURIComponent(gameId);
  if (seatId === "facilitator") return `/console/${g}`;
  if (seatId === "observer") return `/screen/${g}`;
  return `/play/${g}/${encodeURIComponent(seatId)}`;
}

/** The seat a replay or a debrief was opened for (`?seat=`), from a seat's own page. */
export function seatParam(): string | null {
  return new URLSearchParams(window.location.search).get("seat");
}

/** A debrief or replay address for one seat's eyes (none: whoever this browser may open it as). */
export const withSeat = (path: string, seatId: string | null | undefined) =>
  seatId ? `${path}?seat=${encodeURIComponent(seatId)}` : path;
