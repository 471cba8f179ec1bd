/** Creating a game (placeholder until the facilitator screens land). */
export function NewGame() {
  return (
    <main className="page" id="main">
      <h1>New game</h1>
    </main>
  );
}
