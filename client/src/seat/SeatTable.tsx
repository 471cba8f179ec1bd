import type { GameProps } from "../core/gameProps";

/** The seat's table (placeholder until the seat screens land). */
export function SeatTable({ view }: GameProps) {
  return (
    <main className="page" id="main">
      <h1>{view.seat.id}</h1>
    </main>
  );
}
