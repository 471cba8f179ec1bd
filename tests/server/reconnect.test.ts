import { io, type Socket } from "socket.io-client";
import { afterAll, describe, expect, it } from "vitest";
import { BACKOFF, keepConnected, type Link, retryDelay } from "../../client/src/core/reconnect";
import type { Database } from "../../server/db/connect";
import { backends, postgresBackend } from "../support/backends";
import { connect, http, type Running, startServer, TEST_OPERATOR_KEY } from "../support/server";

// The page's reconnection loop (client/src/core/reconnect.ts) on a real Socket.IO client against
// a real server: back after a server-side disconnect and after a restart on the same port, with a
// capped, jittered backoff; stopped for good, after one knock, once the token no longer opens a
// seat. And the server's shutdown: a standard Socket.IO client (a bot) comes back by itself, and
// one process stopping leaves another process's sockets alone.

/** A fast backoff, so the test waits tens of milliseconds where a page waits seconds. */
const FAST = { baseMs: 40, maxMs: 200 };

describe("retryDelay", () => {
  it("doubles from the base, stays under the cap, and keeps to the upper half of each step", () => {
    for (let attempt = 0; attempt < 40; attempt++) {
      const step = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** attempt);
      expect(retryDelay(attempt, BACKOFF, () => 0)).toBe(step / 2);
      expect(retryDelay(attempt, BACKOFF, () => 0.999_999)).toBe(step);
      const drawn = retryDelay(attempt);
      expect(drawn).toBeGreaterThanOrEqual(step / 2);
      expect(drawn).toBeLessThanOrEqual(step);
    }
    expect(retryDelay(0)).toBeLessThanOrEqual(500);
    expect(retryDelay(1000)).toBeLessThanOrEqual(BACKOFF.maxMs);
    // Thirty pages dropped together are spread over the step, not back in one burst.
    const spread = new Set(Array.from({ length: 30 }, () => retryDelay(3)));
    expect(spread.size).toBeGreaterThan(10);
  });
});

/** A page's socket: Socket.IO's client with keepConnected, and every link state it went through. */
function page(url: string, token: string) {
  const socket: Socket = io(url, { auth: { token }, transports: ["websocket"], forceNew: true });
  const links: Link[] = [];
  let connects = 0;
  socket.on("connect", () => connects++);
  const loop = keepConnected(socket, (link) => links.push(link), { backoff: FAST });
  return {
    socket,
    links,
    connects: () => connects,
    close() {
      loop.stop();
      socket.close();
    },
  };
}

const until = async (what: () => boolean, label: string, ms = 15_000) => {
  const start = Date.now();
  while (!what()) {
    if (Date.now() - start > ms) throw new Error(`timed out: ${label}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - start;
};

describe.each(backends)("a page's socket comes back by itself ($name)", (backend) => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await Promise.resolve(c()).catch(() => {});
  });

  /** A server on a fresh database with one game, and a restart: stopped, then started on its port. */
  const table = async () => {
    const fresh = await backend.fresh();
    cleanup.push(fresh.drop);
    let db: Database = fresh.db;
    let running: Running = await startServer(db);
    cleanup.push(async () => {
      await running.stop();
      await db.close();
    });
    const game = (
      await http(running.url, "POST", "/api/games", {
        token: TEST_OPERATOR_KEY,
        body: { scenarioId: "great-rebalancing" },
      })
    ).body;
    return {
      game,
      server: () => running,
      async restart(downMs: number) {
        const port = new URL(running.url).port;
        await running.stop();
        await db.close();
        await new Promise((r) => setTimeout(r, downMs));
        db = await fresh.reopen();
        running = await startServer(db, { PORT: port });
      },
    };
  };

  it("after a server-side disconnect, after a restart on the same port, and never after a code reset", async () => {
    const { game, server, restart } = await table();
    const token = (
      await http(server().url, "POST", `/api/games/${game.gameId}/join`, {
        body: { code: game.joinCodes["us-president"], name: "Ana" },
      })
    ).body.token;
    const p = page(server().url, token);
    cleanup.push(() => p.close());
    await until(() => p.socket.connected, "first connect");

    // "io server disconnect": Socket.IO's own reconnection would stop here for good.
    server().gateway.disconnectSeat(game.gameId, "us-president");
    await until(() => p.connects() === 2, "back after a server-side disconnect");
    expect(p.links.slice(-2)).toEqual(["offline", "online"]);

    // A restart on the same port and database, down for a second: several tries, then back.
    await restart(1000);
    const back = await until(() => p.connects() === 3, "back after a restart");
    expect(p.links.at(-1)).toBe("online");
    // A step is at most maxMs: the page is back within a step of the server's return.
    expect(back).toBeLessThan(FAST.maxMs + 2000);

    // The seat's code is reset: its socket is disconnected, the retry is refused, and it stops.
    let handshakes = 0;
    server().gateway.io.engine.on("connection", () => handshakes++);
    const reset = await http(server().url, "POST", `/api/games/${game.gameId}/seats/us-president/reset`, {
      token: game.facilitatorToken,
    });
    expect(reset.status).toBe(200);
    await until(() => p.links.at(-1) === "refused", "refused after the reset");
    // Well past the backoff's cap several times over: one knock, refused, and no other.
    await new Promise((r) => setTimeout(r, FAST.maxMs * 10));
    expect(handshakes).toBe(1);
    expect(p.socket.connected).toBe(false);
    expect(p.links.filter((l) => l === "refused")).toHaveLength(1);
  });

  it("a standard Socket.IO client (a bot) reconnects by itself after the server stops and starts again", async () => {
    const { game, server, restart } = await table();
    // Socket.IO's defaults: it retries a closed transport, never a server-side disconnect.
    const bot = io(server().url, {
      auth: { token: game.facilitatorToken },
      transports: ["websocket"],
      forceNew: true,
      reconnectionDelay: 50,
      reconnectionDelayMax: 200,
    });
    cleanup.push(() => void bot.close());
    const reasons: string[] = [];
    bot.on("disconnect", (reason) => reasons.push(reason));
    await until(() => bot.connected, "bot connects");
    await restart(0);
    await until(() => bot.connected, "bot back after the restart");
    expect(reasons).toEqual(["transport close"]);
  });
});

describe.skipIf(!postgresBackend)("one of two processes stops (postgres)", () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await Promise.resolve(c()).catch(() => {});
  });

  it("leaves the other process's sockets connected", async () => {
    const fresh = await postgresBackend!.fresh();
    cleanup.push(fresh.drop);
    const a = await startServer(fresh.db);
    const bDb = await fresh.reopen();
    const b = await startServer(bDb);
    cleanup.push(async () => {
      await b.stop();
      await bDb.close();
      await fresh.db.close();
    });
    const game = (
      await http(a.url, "POST", "/api/games", { token: TEST_OPERATOR_KEY, body: { scenarioId: "great-rebalancing" } })
    ).body;
    const onB = await connect(b.url, game.facilitatorToken);
    cleanup.push(() => onB.close());
    const reasons: string[] = [];
    onB.socket.on("disconnect", (reason) => reasons.push(reason));
    await a.stop();
    // Long enough for a broadcast disconnect to cross the adapter.
    await new Promise((r) => setTimeout(r, 1500));
    expect(reasons).toEqual([]);
    expect(onB.socket.connected).toBe(true);
    // And it still plays: a move on the process left running is acknowledged.
    expect((await onB.move({ type: "note", text: "still here" })).ok).toBe(true);
  });
});
