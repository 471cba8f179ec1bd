import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appendBatch, type Member } from "../../server/db/batchAppend";
import { isForeignKeyViolation, isUniqueViolation } from "../../server/db/gameStore";
import { GroupCommit } from "../../server/games/groupCommit";
import { type GameService, headOf } from "../../server/games/service";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { childStores, type Store, startChild } from "../support/childServer";
import { connect, http, type Running, startServer, TEST_OPERATOR_KEY } from "../support/server";

// Group commit (issue #13, point 4): moves of different games stored by one statement. What it
// risks: an acknowledgement before the commit, a game's moves out of order, one bad member
// failing the others, a kill -9 that loses what was acknowledged.

const newGame = async (url: string, scenarioId = "tiny-summit") =>
  (await http(url, "POST", "/api/games", { token: TEST_OPERATOR_KEY, body: { scenarioId } })).body as {
    gameId: string;
    facilitatorToken: string;
  };

/** A facilitator's note as a batch member at `seq`, with the game's head as the service has it. */
async function noteMember(service: GameService, gameId: string, text: string, seq: number): Promise<Member> {
  const game = (await service.get(gameId))!;
  const e = { seq, at: Date.now(), actor: { facilitator: true as const }, type: "note" as const, payload: { text } };
  return { gameId, event: { ...e, hash: `test-${gameId}-${seq}` }, head: headOf(game.state) };
}

describe.each(backends)("group commit ($name)", (backend) => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer((await backend.fresh()).db);
    await http(server.url, "POST", "/api/scenarios", { token: TEST_OPERATOR_KEY, body: tinyScenario });
  });
  afterAll(async () => {
    await server?.stop();
    await server?.ctx.db.close();
  });

  it("stores moves of many games together, each acknowledged after its commit, each game in arrival order", async () => {
    const { service, store } = server.ctx;
    const games = await Promise.all(Array.from({ length: 12 }, () => newGame(server.url)));
    const before = { ...service.group!.stats };
    // Every game's moves sent at once: they queue in their game, and the games share statements.
    const sent = games.flatMap((g) =>
      Array.from({ length: 8 }, (_, i) =>
        service.submit(g.gameId, { facilitator: true }, { type: "note", text: `${g.gameId} ${i}` }).then(async (r) => {
          // Acknowledged only once stored: the event is in the database when its promise settles.
          expect(r.ok).toBe(true);
          const rows = await server.ctx.db.query<{ n: string }>(
            "SELECT count(*) AS n FROM events WHERE game_id = $1 AND seq = $2",
            [g.gameId, r.ok ? r.seq : -1],
          );
          expect(Number(rows.rows[0]!.n)).toBe(1);
          return { game: g.gameId, i, seq: r.ok ? r.seq : -1 };
        }),
      ),
    );
    const acks = await Promise.all(sent);
    const stats = service.group!.stats;
    const batches = stats.batches - before.batches;
    const members = stats.members - before.members;
    expect(members).toBe(96);
    // Fewer statements than moves: they were grouped.
    expect(batches).toBeLessThan(members);
    for (const g of games) {
      const mine = acks.filter((a) => a.game === g.gameId);
      // In the order they were sent: the i-th note has the i-th seq.
      expect(mine.map((a) => a.seq)).toEqual([...mine.map((a) => a.seq)].sort((a, b) => a - b));
      const events = await store.eventsAfter(g.gameId, 0);
      expect(events.map((e) => (e.payload as { text: string }).text)).toEqual(mine.map((a) => `${g.gameId} ${a.i}`));
    }
  });

  it("fails only the members it must: a taken seq, a deleted game, a member the database refuses", async () => {
    const { service, store, db } = server.ctx;
    const [a, b, c, d] = await Promise.all(Array.from({ length: 4 }, () => newGame(server.url)));
    const next = (gameId: string, text: string, seq: number) => noteMember(service, gameId, text, seq);
    const texts = async (gameId: string) => (await store.eventsAfter(gameId, 0)).map((e) => e.payload);
    await service.submit(b!.gameId, { facilitator: true }, { type: "note", text: "first" });
    const gone = await next(c!.gameId, "gone", 1);
    await http(server.url, "DELETE", `/api/games/${c!.gameId}`, { token: c!.facilitatorToken });
    // One statement: a's stored, b's seq 1 taken already, c's game deleted.
    expect(
      await appendBatch(db, [await next(a!.gameId, "stored", 1), await next(b!.gameId, "again", 1), gone], null),
    ).toEqual(["stored", "taken", "no_game"]);
    expect(await texts(a!.gameId)).toEqual([{ text: "stored" }]);
    expect(await texts(b!.gameId)).toEqual([{ text: "first" }]);

    // Through the queue, one statement in flight: the first member goes in a statement of its
    // own, the next two together. A NUL in a JSON string is refused by the database's jsonb, so that statement fails
    // as a whole, and the queue stores its members one by one: only the bad one fails.
    const sizes: number[] = [];
    const group = new GroupCommit(
      (ms) => {
        sizes.push(ms.length);
        return appendBatch(db, ms, null);
      },
      (m) => store.appendEvent(m.gameId, m.event, m.head, null),
      { maxBatch: 10, inFlight: 1 },
    );
    const members = [
      await next(a!.gameId, "warm", 2),
      await next(d!.gameId, "fine", 1),
      await next(b!.gameId, "nul \u0000 here", 2),
    ];
    const settled = await Promise.allSettled(members.map((m) => group.append(m)));
    expect(sizes).toEqual([1, 2]);
    expect(settled.map((x) => x.status)).toEqual(["fulfilled", "fulfilled", "rejected"]);
    expect(await texts(d!.gameId)).toEqual([{ text: "fine" }]);
    expect(await texts(b!.gameId)).toEqual([{ text: "first" }]);

    // A taken seq and a deleted game in one statement with a good member: the driver's codes, as
    // the service reads them (it catches up and decides again, or says not_found).
    // (d's two members go in two statements: a game never has two in one.)
    const mixed = [
      await next(a!.gameId, "warm again", 3),
      await next(d!.gameId, "dup", 1),
      gone,
      await next(d!.gameId, "ok", 2),
    ];
    const out = await Promise.allSettled(mixed.map((m) => group.append(m)));
    expect(sizes).toEqual([1, 2, 1, 2, 1]);
    expect(out[0]!.status).toBe("fulfilled");
    expect(out[1]!.status === "rejected" && isUniqueViolation(out[1]!.reason)).toBe(true);
    expect(out[2]!.status === "rejected" && isForeignKeyViolation(out[2]!.reason)).toBe(true);
    expect(out[3]!.status).toBe("fulfilled");
    expect(await texts(d!.gameId)).toEqual([{ text: "fine" }, { text: "ok" }]);
  });

  it.runIf(backend.name === "postgres")(
    "never holds a batch up for a game whose row another transaction has locked",
    async () => {
      const { service, store, db } = server.ctx;
      const [locked, free] = await Promise.all([newGame(server.url), newGame(server.url)]);
      const member = async (gameId: string, text: string) =>
        noteMember(service, gameId, text, (await service.get(gameId))!.state.seq + 1);
      // A deletion in progress holds the game's row, as `DELETE /api/games/:id` does while it cascades.
      const holder = await db.pool!.connect();
      await holder.query("BEGIN");
      await holder.query("SELECT id FROM games WHERE id = $1 FOR UPDATE", [locked!.gameId]);
      try {
        expect(
          await appendBatch(db, [await member(locked!.gameId, "held"), await member(free!.gameId, "free")], null),
        ).toEqual(["locked", "stored"]);
        // Through the queue: the free game's move is stored at once; the locked one waits alone.
        const group = new GroupCommit(
          (ms) => appendBatch(db, ms, null),
          (m) => store.appendEvent(m.gameId, m.event, m.head, null),
          { maxBatch: 10, inFlight: 1 },
        );
        const waiting = group.append(await member(locked!.gameId, "held"));
        const second = { ...(await member(free!.gameId, "free again")) };
        second.event = { ...second.event, seq: 2, hash: `test-${free!.gameId}-2` };
        await group.append(second);
        let settled = false;
        waiting.then(() => {
          settled = true;
        });
        await new Promise((r) => setTimeout(r, 200));
        expect(settled).toBe(false);
        await holder.query("COMMIT");
        await waiting;
        expect((await store.eventsAfter(locked!.gameId, 0)).map((e) => e.payload)).toEqual([{ text: "held" }]);
        expect((await store.eventsAfter(free!.gameId, 0)).map((e) => e.payload)).toEqual([
          { text: "free" },
          { text: "free again" },
        ]);
      } finally {
        await holder.query("ROLLBACK").catch(() => {});
        holder.release();
      }
    },
  );
});

// kill -9 in the middle of a burst over many games: every acknowledged move is stored, and the
// next start serves every game from where its log ends.

const KILL_ENV = { MOVE_BURST: "1000", MOVES_PER_SECOND: "1000" };

describe.each(await childStores("summitry-kill-"))("kill -9 in the middle of group commits ($name)", ({ make }) => {
  let store: Store | null = null;
  const children: ChildProcess[] = [];
  afterAll(async () => {
    // A failed run leaves no server behind.
    for (const c of children) c.kill("SIGKILL");
    await store?.drop();
  });

  it("loses no acknowledged move, and the next start goes on from each game's last event", async () => {
    store = await make();
    const first = await startChild(store, KILL_ENV);
    children.push(first.child);
    const games = await Promise.all(Array.from({ length: 8 }, () => newGame(first.url, "great-rebalancing")));
    const facs = await Promise.all(games.map((g) => connect(first.url, g.facilitatorToken)));
    const acked = new Map<string, number[]>(games.map((g) => [g.gameId, []]));
    let stop = false;
    // Every game's facilitator keeps three notes in flight until the kill.
    const loops = games.flatMap((g, k) =>
      Array.from({ length: 3 }, async (_, j) => {
        for (let i = 0; !stop; i++) {
          const ack = await facs[k]!.move({ type: "note", text: `${j}.${i}` }).catch(() => null);
          if (!ack?.ok) return;
          acked.get(g.gameId)!.push(ack.seq);
        }
      }),
    );
    while ([...acked.values()].reduce((n, s) => n + s.length, 0) < 200) await new Promise((r) => setTimeout(r, 5));
    const exited = new Promise((resolve) => first.child.once("exit", resolve));
    first.child.kill("SIGKILL");
    await exited;
    stop = true;
    for (const f of facs) f.close();
    await Promise.all(loops);

    const db = await store.open();
    for (const g of games) {
      const rows = await db.query<{ seq: number }>("SELECT seq FROM events WHERE game_id = $1 ORDER BY seq", [
        g.gameId,
      ]);
      const stored = rows.rows.map((r) => r.seq);
      // No gap, and every acknowledged seq among them.
      expect(stored).toEqual(stored.map((_, i) => i + 1));
      for (const seq of acked.get(g.gameId)!) expect(stored).toContain(seq);
    }
    await db.close();

    const second = await startChild(store, KILL_ENV);
    children.push(second.child);
    try {
      for (const g of games) {
        const f = await connect(second.url, g.facilitatorToken);
        const ack = await f.move({ type: "note", text: "after the restart" });
        f.close();
        expect(ack).toMatchObject({ ok: true });
        expect(ack.seq).toBeGreaterThan(Math.max(0, ...acked.get(g.gameId)!));
      }
    } finally {
      const exited2 = new Promise((resolve) => second.child.once("exit", resolve));
      second.child.kill("SIGTERM");
      await exited2;
    }
  });
});
