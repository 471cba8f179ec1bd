import { afterAll, describe, expect, it } from "vitest";
import { childStores, type Store, startChild } from "../support/childServer";
import { connect, http, TEST_OPERATOR_KEY } from "../support/server";

// `npm start`'s process, stopped with SIGTERM in the middle of a burst of moves: it stops
// accepting, stores the moves in flight, closes the sockets and the database, and exits 0.
// Every acknowledged move is in the database afterwards. The sockets are closed at the transport
// ("transport close"), never with Socket.IO's server-side disconnect, after which a standard
// client would not reconnect by itself (server/socket/gateway.ts, close).

// Enough that the stop lands in the middle of the burst on either database.
const MOVES = 60;

describe.each(await childStores("summitry-shutdown-"))("graceful shutdown on SIGTERM ($name)", ({ make }) => {
  let store: Store | null = null;
  afterAll(async () => store?.drop());

  it("answers every move: what it stored is acknowledged, the rest refused as shutting_down", async () => {
    store = await make();
    const { child, url, output } = await startChild(store, { MOVE_BURST: String(MOVES * 2) });
    const game = (
      await http(url, "POST", "/api/games", { token: TEST_OPERATOR_KEY, body: { scenarioId: "great-rebalancing" } })
    ).body;
    const fac = await connect(url, game.facilitatorToken);
    const reasons: string[] = [];
    fac.socket.on("disconnect", (reason) => reasons.push(reason));
    await fac.move({ type: "resume" });

    const send = (i: number) =>
      fac.move({ type: "note", text: `note ${i}` }).then(
        (ack) => ack,
        () => null,
      );
    const sent = Array.from({ length: MOVES }, (_, i) => send(i));
    await new Promise((r) => setTimeout(r, 15));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    // More moves while the server stops: those it receives are stored and acknowledged, or refused.
    for (let i = 0; i < MOVES / 2; i++) {
      sent.push(send(MOVES + i));
      await new Promise((r) => setTimeout(r, 1));
    }
    const acks = await Promise.all(sent);
    expect(await exited).toBe(0);
    expect(output.join("")).toContain("shutting down");
    // A closed transport, which every Socket.IO client retries; not "io server disconnect".
    expect(reasons).toEqual(["transport close"]);
    fac.close();

    // A move the server received is answered; only one sent after its socket closed goes unheard.
    for (const a of acks) if (a && !a.ok) expect(a.error.code).toBe("shutting_down");
    const acked = acks.filter((a) => a?.ok).map((a) => a.seq as number);
    expect(acked.length).toBeGreaterThan(0);
    const db = await store.open();
    const stored = await db.query<{ seq: number }>(
      "SELECT seq FROM events WHERE game_id = $1 AND type = 'note' ORDER BY seq",
      [game.gameId],
    );
    await db.close();
    // Stored exactly when acknowledged: no stored move's sender is left to retry it.
    expect(stored.rows.map((r) => r.seq)).toEqual([...acked].sort((a, b) => a - b));
    const refused = acks.filter((a) => a && !a.ok).length;
    const unheard = acks.filter((a) => a === null).length;
    console.log(
      `shutdown: of ${acks.length} moves, ${acked.length} stored and acknowledged, ${refused} refused, ${unheard} sent after the close`,
    );
  });
});
