import type { GameProps } from "../core/gameProps";

/** The facilitator's console (placeholder until the facilitator screens land). */
export function Console({ view }: GameProps) {
  return (
    <main className="page" id="main">
      <h1>Console {view.gameId}</h1>
    </main>
  );
}
