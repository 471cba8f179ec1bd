import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/connect";
import { eventHash, genesisHash } from "../../server/games/hash";
import type { Scenario } from "../../shared/index";
import { tinyScenario } from "../../shared/scenarios/index";
import { postgresBackend } from "../support/backends";
import { connect, http, type Running, type SeatClient, startServer, TEST_OPERATOR_KEY } from "../support/server";

// Two server processes' worth of app (each with its own pool) on one PostgreSQL database,
// racing moves on one game: no fork, and clients on each instance receive every event in the
// same order.

const reason = "needs PostgreSQL: set TEST_DATABASE_URL (CI does) to run the two-instance race";
if (!postgresBackend) console.warn(`race.test.ts skipped: ${reason}`);

describe.skipIf(!postgresBackend)("two instances on one PostgreSQL", () => {
  let a: Running;
  let b: Running;
  let dbB: Database;
  let drop: () => Promise<void>;
  const env = { MOVES_PER_SECOND: "1000", MOVE_BURST: "1000" };

  beforeAll(async () => {
    const fresh = await postgresBackend!.fresh();
    drop = fresh.drop;
    a = await startServer(fresh.db, env);
    dbB = await fresh.reopen();
    b = await startServer(dbB, env);
    await http(a.url, "POST", "/api/scenarios", { token: TEST_OPERATOR_KEY, body: tinyScenario });
  });
  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await a?.ctx.db.close();
    await dbB?.close();
    await drop?.();
  });

  it("never forks a game, and every client sees the same order", async () => {
    const key = TEST_OPERATOR_KEY;
    const game = (await http(a.url, "POST", "/api/games", { token: key, body: { scenarioId: "tiny-summit" } })).body;
    const facB = (await http(b.url, "POST", `/api/games/${game.gameId}/facilitator-token`, { token: key })).body
      .facilitatorToken;
    const join = async (url: string, seat: string) =>
      (await http(url, "POST", `/api/games/${game.gameId}/join`, { body: { code: game.joinCodes[seat], name: seat } }))
        .body.token;

    const clients: Record<string, SeatClient> = {
      facA: await connect(a.url, game.facilitatorToken),
      facB: await connect(b.url, facB),
      northA: await connect(a.url, await join(a.url, "n-lead")),
      southB: await connect(b.url, await join(b.url, "s-lead")),
      aideA: await connect(a.url, await join(a.url, "n-aide")),
      fishB: await connect(b.url, await join(b.url, "s-fish")),
    };
    const start = (await clients.facA!.move({ type: "resume" })).seq;
    await clients.facB!.move({ type: "advancePhase" });
    const x = await clients.facA!.move({ type: "advancePhase" }); // into the summit: everyone acts

    const N = 25;
    const race = (c: SeatClient, make: (i: number) => unknown) =>
      Promise.all(Array.from({ length: N }, (_, i) => c.move(make(i))));
    const results = await Promise.all([
      race(clients.northA!, (i) => ({ type: "statement", text: `North ${i}` })),
      race(clients.southB!, (i) => ({ type: "statement", text: `South ${i}` })),
      race(clients.facA!, (i) => ({ type: "note", text: `Control A ${i}` })),
      race(clients.facB!, (i) => ({ type: "note", text: `Control B ${i}` })),
    ]);
    const acks = results.flat();
    expect(acks.filter((r) => !r.ok)).toEqual([]);
    const seqs = acks.map((r) => r.seq).sort((p, q) => p - q);
    const last = x.seq + 4 * N;
    expect(seqs).toEqual(Array.from({ length: 4 * N }, (_, i) => x.seq + 1 + i));

    // One chain in the database, each link verifiable.
    const rows = await dbB.query<{
      seq: number;
      at: number;
      actor: unknown;
      type: string;
      payload: unknown;
      hash: string;
    }>("SELECT seq, at, actor, type, payload, hash FROM events WHERE game_id = $1 ORDER BY seq", [game.gameId]);
    const scenarioRow = await dbB.query<{ scenario: Scenario; seed: string; rules_version: number }>(
      "SELECT scenario, seed, rules_version FROM games WHERE id = $1",
      [game.gameId],
    );
    const head = scenarioRow.rows[0]!;
    let hash = genesisHash(head.scenario, head.seed, head.rules_version);
    rows.rows.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      hash = eventHash(hash, e);
      expect(e.hash).toBe(hash);
    });
    expect(rows.rows).toHaveLength(last);
    // Both instances wrote to this one game (and the losers of races decided again).
    expect(a.ctx.service.stats.appended).toBeGreaterThan(N);
    expect(b.ctx.service.stats.appended).toBeGreaterThan(N);
    console.log(
      `race: A stored ${a.ctx.service.stats.appended}, B ${b.ctx.service.stats.appended}, lost races ${a.ctx.service.stats.conflicts + b.ctx.service.stats.conflicts}`,
    );

    // Every client, on either instance, received the same events in the same order.
    for (const c of Object.values(clients)) await c.until(last, 30_000);
    // From the first move after every client had connected.
    const order = (c: SeatClient) =>
      c
        .events()
        .filter((e) => e.seq >= start)
        .map((e) => `${e.seq}:${e.event.type}:${e.event.payload.text ?? ""}`);
    const reference = order(clients.facA!);
    expect(reference.at(-1)).toMatch(new RegExp(`^${last}:`));
    for (const [name, c] of Object.entries(clients)) expect(order(c), name).toEqual(reference);
    for (const c of Object.values(clients)) c.close();
  });
});
