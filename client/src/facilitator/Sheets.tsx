/** Printable role sheets (placeholder until the facilitator screens land). */
export function Sheets({ gameId }: { gameId: string }) {
  return (
    <main className="page" id="main">
      <h1>Role sheets {gameId}</h1>
    </main>
  );
}
