import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/connect";
import { postgresBackend } from "../support/backends";
import { connect, http, type Running, type SeatClient, startServer, TEST_OPERATOR_KEY } from "../support/server";

// Two server processes' worth of app on one PostgreSQL database, under a stream of moves, while
// their database connections are cut with pg_terminate_backend (on this test's own database
// only): first Socket.IO's adapter connections, then the pools', then every one at once, then the
// event-notice listeners with an event stored in the gap. The test process survives (an unguarded
// connection's `error` would end it), moves resume after each cut, a move refused meanwhile is
// refused as `unavailable`, every socket on either process receives every event, and every
// acknowledged move is in the database.
// PostgreSQL only: the embedded database has no connection to lose.

const reason = "needs PostgreSQL: set TEST_DATABASE_URL (CI does) to cut its connections";
if (!postgresBackend) console.warn(`dbFaults.test.ts skipped: ${reason}`);

type Ack = { ok: true; seq: number } | { ok: false; error: { code: string; message: string } };

describe.skipIf(!postgresBackend)("database connections cut under load (PostgreSQL)", () => {
  let a: Running;
  let b: Running;
  let dbB: Database;
  let dbName: string;
  let drop: () => Promise<void>;
  let admin: pg.Client;
  const env = { MOVES_PER_SECOND: "10000", MOVE_BURST: "100000" };

  beforeAll(async () => {
    const fresh = await postgresBackend!.fresh();
    drop = fresh.drop;
    dbName = new URL(fresh.url!).pathname.slice(1);
    a = await startServer(fresh.db, env);
    dbB = await fresh.reopen();
    b = await startServer(dbB, env);
    // On the admin database: this connection is never among the ones cut.
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await a?.ctx.db.close();
    await dbB?.close();
    await admin?.end();
    await drop?.();
  });

  /** Terminates this test database's connections that match `where` (never another database's). */
  async function cut(where: string): Promise<number> {
    const r = await admin.query<{ pid: number }>(
      `SELECT pg_terminate_backend(pid) AS ok, pid FROM pg_stat_activity
        WHERE datname = $1 AND pid <> pg_backend_pid() AND backend_type = 'client backend' AND (${where})`,
      [dbName],
    );
    return r.rowCount ?? 0;
  }
  const listening = async (query: string) =>
    (
      await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND query LIKE $2", [
        dbName,
        query,
      ])
    ).rows[0].n as number;
  const listeners = () => listening("LISTEN summitry_events");
  /** Socket.IO's adapters, one per process, each back on a LISTEN connection of its own. */
  const adaptersBack = () => until(async () => (await listening('LISTEN "socket.io%')) === 2);

  it("lives, refuses as unavailable meanwhile, resumes, and delivers every event to every socket", async () => {
    const key = TEST_OPERATOR_KEY;
    const game = (await http(a.url, "POST", "/api/games", { token: key, body: { scenarioId: "great-rebalancing" } }))
      .body;
    const tokenB = (await http(b.url, "POST", `/api/games/${game.gameId}/facilitator-token`, { token: key })).body
      .facilitatorToken;
    const senderA = await connect(a.url, game.facilitatorToken);
    const senderB = await connect(b.url, tokenB);
    // Watchers on each process, of each token: delivery is checked per socket, not per process.
    const sockets: Record<string, SeatClient> = {
      senderA,
      senderB,
      watchA: await connect(a.url, tokenB),
      watchB: await connect(b.url, game.facilitatorToken),
    };
    const baseline = Math.max(...Object.values(sockets).map((s) => s.lastSeq));
    expect((await senderA.move({ type: "resume" })).ok).toBe(true);

    const acked = new Map<number, string>();
    const refused: Record<string, number> = {};
    const refusedTexts = new Set<string>();
    let n = 0;
    let slowestRefusalMs = 0;
    const send = async (client: SeatClient, who: string): Promise<Ack> => {
      const text = `${who} ${n++}`;
      const sentAt = performance.now();
      const ack: Ack = await client.move({ type: "note", text });
      if (ack.ok) acked.set(ack.seq, text);
      else {
        // Printed, not asserted: a bound on time would be noise on a shared machine.
        slowestRefusalMs = Math.max(slowestRefusalMs, performance.now() - sentAt);
        refused[ack.error.code] = (refused[ack.error.code] ?? 0) + 1;
        refusedTexts.add(text);
      }
      return ack;
    };

    // The load: each sender sends its next move as soon as the last is answered.
    let loading = true;
    const okSince = { A: 0, B: 0 };
    const loop = async (client: SeatClient, who: "A" | "B") => {
      while (loading) if ((await send(client, who)).ok) okSince[who]++;
    };
    const loops = [loop(senderA, "A"), loop(senderB, "B")];
    /** Waits until both senders have had `count` more moves acknowledged. */
    const resumed = async (count: number) => {
      okSince.A = 0;
      okSince.B = 0;
      for (let i = 0; i < 3000 && (okSince.A < count || okSince.B < count); i++)
        await new Promise((r) => setTimeout(r, 10));
      return Math.min(okSince.A, okSince.B);
    };

    expect(await resumed(10)).toBeGreaterThanOrEqual(10);
    await adaptersBack();
    const cuts = {
      adapters: await cut(`query LIKE 'LISTEN "socket.io%'`),
      pools: 0,
      everything: 0,
    };
    expect(await resumed(20)).toBeGreaterThanOrEqual(20);
    await adaptersBack();
    cuts.pools = await cut(`query NOT LIKE 'LISTEN%'`);
    expect(await resumed(20)).toBeGreaterThanOrEqual(20);
    cuts.everything = await cut("true");
    expect(await resumed(20)).toBeGreaterThanOrEqual(20);
    await adaptersBack();
    loading = false;
    // Each cut took something: both adapters' connections, then at least one pool connection.
    expect(cuts.adapters).toBe(2);
    expect(cuts.pools).toBeGreaterThan(0);
    expect(cuts.everything).toBeGreaterThan(0);
    await Promise.all(loops);

    // The listeners cut, and one event stored by A while B listens to nobody: no later event will
    // bring it, so B's sockets get it only if B catches up on reconnecting. Last, the game's end.
    let gapEvents = 0;
    for (const move of [{ type: "note", text: "in the gap" }, { type: "endGame" }]) {
      for (let attempt = 0; attempt < 5; attempt++) {
        await until(async () => (await listeners()) === 2);
        expect(await cut("query = 'LISTEN summitry_events'")).toBe(2);
        const ack: Ack = await senderA.move(move);
        const inGap = (await listeners()) === 0;
        expect(ack.ok).toBe(true);
        if (!ack.ok) break;
        acked.set(ack.seq, move.type === "note" ? (move as { text: string }).text : "");
        for (const s of Object.values(sockets)) await s.until(ack.seq, 15_000);
        if (inGap) {
          gapEvents++;
          break;
        }
      }
    }
    expect(gapEvents).toBe(2);

    // Every socket, on either process, received every event since it connected, once, in order.
    const last = Math.max(...acked.keys());
    for (const [name, s] of Object.entries(sockets)) {
      const seqs = s.events().map((e) => e.seq as number);
      expect({ name, seqs }).toEqual({ name, seqs: range(baseline + 1, last) });
    }
    expect(sockets.watchB!.events().at(-1)?.event.type).toBe("endGame");

    // Nothing acknowledged is lost; nothing is stored that nobody sent.
    const stored = await a.ctx.db.query<{ seq: number; text: string | null; type: string }>(
      "SELECT seq, type, payload->>'text' AS text FROM events WHERE game_id = $1 ORDER BY seq",
      [game.gameId],
    );
    const bySeq = new Map(stored.rows.map((r) => [r.seq, r]));
    for (const [seq, text] of acked) if (text) expect(bySeq.get(seq)?.text).toBe(text);
    const ackedTexts = new Set(acked.values());
    const notes = stored.rows.filter((r) => r.type === "note");
    const strays = notes.filter((r) => !ackedTexts.has(r.text!) && !refusedTexts.has(r.text!));
    expect(strays).toEqual([]);
    // A refusal is `unavailable`, or `busy` (a move that lost the race for a seq 20 times to the
    // other process: protocol.md), and nothing else (no `internal`, no silence).
    expect(Object.keys(refused).filter((code) => code !== "unavailable" && code !== "busy")).toEqual([]);
    const storedThoughRefused = notes.filter((r) => refusedTexts.has(r.text!)).length;

    // Both processes alive, answering, and saying so.
    for (const s of [a, b])
      expect((await http(s.url, "GET", "/health")).body).toMatchObject({ status: "ok", databaseUp: true });
    // Quiet now: each pool lends out one client only, the adapter's LISTEN. A dead one the adapter
    // never handed back would still count, and the pool would shrink with every cut.
    for (const db of [a.ctx.db, dbB]) expect(db.pool!.totalCount - db.pool!.idleCount).toBe(1);
    const lost = a.ctx.db.health.lost + dbB.health.lost;
    expect(lost).toBeGreaterThan(0);
    for (const s of Object.values(sockets)) s.close();
    console.log(
      `db faults: cut ${cuts.adapters} adapter, ${cuts.pools} pool, ${cuts.everything} (all) connections, then the listeners twice; ` +
        `${acked.size} moves acknowledged, ${refused.busy ?? 0} busy, ${refused.unavailable ?? 0} refused unavailable (${storedThoughRefused} of them stored after all and delivered as events; ` +
        `the slowest refusal answered in ${Math.round(slowestRefusalMs)} ms), ${lost} lost connections logged; ${gapEvents} events stored in a listener gap reached every socket`,
    );
  }, 180_000);

  it("an outage: every move refused as unavailable, /health 503, then moves again when it ends", async () => {
    const key = TEST_OPERATOR_KEY;
    const game = (await http(a.url, "POST", "/api/games", { token: key, body: { scenarioId: "great-rebalancing" } }))
      .body;
    const tokenB = (await http(b.url, "POST", `/api/games/${game.gameId}/facilitator-token`, { token: key })).body
      .facilitatorToken;
    const senderA = await connect(a.url, game.facilitatorToken);
    const watchB = await connect(b.url, tokenB);
    expect((await senderA.move({ type: "resume" })).ok).toBe(true);

    // The database refuses every new connection, and loses the ones it had.
    await admin.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS false`);
    const downAt = performance.now();
    const codes: string[] = [];
    let healthDown: { status: number; body: any } | null = null;
    let httpMove: { status: number; body: any } | null = null;
    try {
      await cut("true");
      // Every move is answered (the socket's acknowledgement would time out if one hung).
      // A couple of seconds of it: long enough for the listeners to fail and back off a few times.
      for (let i = 0; i < 20; i++) {
        const ack: Ack = await senderA.move({ type: "note", text: `during the outage ${i}` });
        codes.push(ack.ok ? "ok" : ack.error.code);
        await new Promise((r) => setTimeout(r, 100));
      }
      healthDown = await http(b.url, "GET", "/health");
      httpMove = await http(b.url, "POST", `/api/games/${game.gameId}/moves`, {
        token: tokenB,
        body: { type: "note", text: "over HTTP, during the outage" },
      });
    } finally {
      await admin.query(`ALTER DATABASE ${dbName} WITH ALLOW_CONNECTIONS true`);
    }
    const upAt = performance.now();
    expect(codes).toEqual(Array.from({ length: 20 }, () => "unavailable"));
    expect(healthDown).toMatchObject({ status: 503, body: { status: "unavailable", databaseUp: false } });
    expect(httpMove).toMatchObject({ status: 503, body: { error: { code: "unavailable" } } });
    expect(JSON.stringify(httpMove!.body)).not.toMatch(/SELECT|INSERT|accepting connections/i);

    // Back: the next move is taken, both processes listen again, and B's socket hears of it.
    let tries = 0;
    let ack: Ack = { ok: false, error: { code: "none", message: "" } };
    while (!ack.ok && tries++ < 100) {
      ack = await senderA.move({ type: "note", text: "after the outage" });
      if (!ack.ok) await new Promise((r) => setTimeout(r, 50));
    }
    const recoveredAt = performance.now();
    expect(ack.ok).toBe(true);
    await until(async () => (await listeners()) === 2);
    await adaptersBack();
    if (ack.ok) await watchB.until(ack.seq, 15_000);
    const stored = await a.ctx.db.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM events WHERE game_id = $1 AND payload->>'text' LIKE '%during the outage%'",
      [game.gameId],
    );
    expect(stored.rows[0]!.n).toBe(0);
    for (const s of [a, b]) expect((await http(s.url, "GET", "/health")).status).toBe(200);
    senderA.close();
    watchB.close();
    console.log(
      `db outage: ${Math.round(upAt - downAt)} ms down, ${codes.length} socket moves and 1 HTTP move refused as unavailable, ` +
        `/health 503; the first move after it taken in ${tries} tries, ${Math.round(recoveredAt - upAt)} ms after the database came back`,
    );
  }, 120_000);
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

async function until(check: () => Promise<boolean>, limit = 1500): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("condition never held");
}
