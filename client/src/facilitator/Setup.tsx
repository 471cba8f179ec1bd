/** A game's set-up: links, QR codes, who joined (placeholder until the facilitator screens land). */
export function Setup({ gameId }: { gameId: string }) {
  return (
    <main className="page" id="main">
      <h1>Set-up {gameId}</h1>
    </main>
  );
}
