import type { GameProps } from "../core/gameProps";

/** The projector view (placeholder until the projector screen lands). */
export function Projector({ view }: GameProps) {
  return (
    <main className="page" id="main">
      <h1>{view.phase.title}</h1>
    </main>
  );
}
