/** The facilitator's dashboard (placeholder until the facilitator screens land). */
export function Dashboard() {
  return (
    <main className="page" id="main">
      <h1>Your games</h1>
    </main>
  );
}
