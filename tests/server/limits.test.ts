import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import {
  connect,
  facilitatorKey,
  http,
  type Running,
  type SeatClient,
  startServer,
  TEST_OPERATOR_KEY,
} from "../support/server";

// One budget per seat, and floods that each meet their refusal while another game's moves go on.
// Everything is asserted by counts: a bound on accepted moves is the burst plus what the rate
// refills over the time the flood took, so a slow machine loosens it only by that.

type Game = { gameId: string; facilitatorToken: string; joinCodes: Record<string, string>; observerCode: string };

const RATE = 1; // moves a second per seat: slow, so the refill adds little to a bound
const BURST = 20;
const env = {
  MOVES_PER_SECOND: String(RATE),
  MOVE_BURST: String(BURST),
  SOCKETS_PER_TOKEN: "8",
  RESUMES_PER_MINUTE: "6",
  RESUME_BURST: "20",
  RESUME_PAGE_EVENTS: "10",
  JOINS_PER_MINUTE_PER_CODE: "10",
  JOINS_PER_MINUTE_PER_ADDRESS: "100",
  NAMES_PER_SEAT: "3",
  GAMES_PER_MINUTE_PER_KEY: "5",
  UPLOADS_PER_MINUTE_PER_KEY: "3",
  IMPORTS_PER_MINUTE_PER_KEY: "2",
  WRITES_PER_MINUTE_PER_ADDRESS: "40",
};

/** A fetch that keeps the headers (Retry-After). */
async function request(base: string, method: string, path: string, body?: unknown, token?: string) {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: text ? JSON.parse(text) : null };
}

const seconds = (since: number) => (performance.now() - since) / 1000;

for (const backend of backends) {
  describe(`limits (${backend.name})`, () => {
    let server: Running;
    let drop: () => Promise<void>;
    /** The game that floods, and the quiet one that must keep moving. */
    let loud: Game;
    let quiet: Game;
    const quietClients: SeatClient[] = [];
    const opened: { close(): void }[] = [];

    const join = async (game: Game, code: string, name: string) =>
      request(server.url, "POST", `/api/games/${game.gameId}/join`, { code, name });
    const tokenOf = async (game: Game, seat: string, name: string) => {
      const r = await join(game, game.joinCodes[seat]!, name);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body.token as string;
    };
    const seatJoins = async (game: Game, seat: string) => {
      const events = (
        await http(server.url, "GET", `/api/games/${game.gameId}/events`, { token: game.facilitatorToken })
      ).body as { type: string; payload: { seat: string; name: string } }[];
      return events.filter((e) => e.type === "seatJoined" && e.payload.seat === seat).map((e) => e.payload.name);
    };

    /**
     * The quiet game's moves while something else floods: one of its seats (each its own budget)
     * sends `n` moves one after another; every one must be stored.
     */
    let nextQuiet = 0;
    const quietMoves = async (n: number) => {
      const c = quietClients[nextQuiet++ % quietClients.length]!;
      const team = c.view.seat.side ? `team:${c.view.seat.side}` : null;
      const acks = [];
      for (let i = 0; i < n; i++) {
        acks.push(
          await c.move(
            team ? { type: "chat", channel: team, text: `quiet ${i}` } : { type: "note", text: `quiet ${i}` },
          ),
        );
      }
      return acks.filter((a) => a.ok).length;
    };

    beforeAll(async () => {
      const fresh = await backend.fresh();
      drop = fresh.drop;
      server = await startServer(fresh.db, env);
      expect((await request(server.url, "POST", "/api/scenarios", tinyScenario, TEST_OPERATOR_KEY)).status).toBe(201);
      const create = async () =>
        (await request(server.url, "POST", "/api/games", { scenarioId: "tiny-summit" }, TEST_OPERATOR_KEY))
          .body as Game;
      loud = await create();
      quiet = await create();
      quietClients.push(await connect(server.url, quiet.facilitatorToken));
      quietClients.push(await connect(server.url, await tokenOf(quiet, "n-lead", "Nora")));
      quietClients.push(await connect(server.url, await tokenOf(quiet, "s-lead", "Sol")));
    });
    afterAll(async () => {
      for (const c of [...quietClients, ...opened]) c.close();
      await server?.stop();
      await server?.ctx.db.close();
      await drop?.();
    });

    it("gives a seat one move budget across all its tokens and sockets; the 9th socket of a token is refused", async () => {
      // Two people on one seat, eight tabs each: sixteen sockets, one budget.
      const tokens = [await tokenOf(loud, "n-fish", "Fay"), await tokenOf(loud, "n-fish", "Finn")];
      const sockets: SeatClient[] = [];
      for (const t of tokens) for (let i = 0; i < 8; i++) sockets.push(await connect(server.url, t));
      opened.push(...sockets);

      const ninth = io(server.url, {
        auth: { token: tokens[0] },
        transports: ["websocket"],
        reconnection: false,
        forceNew: true,
      });
      const refused = await new Promise<Error>((resolve) => ninth.once("connect_error", resolve));
      expect(refused.message).toBe("too_many_connections");
      ninth.close();

      const started = performance.now();
      const acks = await Promise.all(
        sockets.flatMap((s, i) =>
          Array.from({ length: 10 }, (_, k) =>
            s.move({ type: "chat", channel: "team:north", text: `flood ${i}.${k}` }),
          ),
        ),
      );
      const elapsed = seconds(started);
      const accepted = acks.filter((a) => a.ok).length;
      const limited = acks.filter((a) => !a.ok && a.error.code === "rate_limited").length;
      expect(accepted + limited).toBe(160);
      expect(accepted).toBeGreaterThanOrEqual(BURST);
      // Per connection, as before, this was 16 × 20 = 160.
      expect(accepted).toBeLessThanOrEqual(BURST + Math.ceil(RATE * elapsed) + 1);

      // A closed socket gives its slot back: the token may open one again.
      sockets[0]!.close();
      await new Promise((r) => setTimeout(r, 100));
      opened.push(await connect(server.url, tokens[0]!));
    });

    it("counts HTTP moves against the same seat budget as the seat's sockets", async () => {
      const token = await tokenOf(loud, "s-fish", "Sam");
      const socket = await connect(server.url, token);
      opened.push(socket);
      const started = performance.now();
      const [overSocket, overHttp] = await Promise.all([
        Promise.all(
          Array.from({ length: 15 }, (_, i) => socket.move({ type: "chat", channel: "team:south", text: `s${i}` })),
        ),
        Promise.all(
          Array.from({ length: 15 }, (_, i) =>
            request(
              server.url,
              "POST",
              `/api/games/${loud.gameId}/moves`,
              { type: "chat", channel: "team:south", text: `h${i}` },
              token,
            ),
          ),
        ),
      ]);
      const elapsed = seconds(started);
      const accepted = overSocket.filter((a) => a.ok).length + overHttp.filter((r) => r.status === 200).length;
      // Separate budgets would have let all 30 through.
      expect(accepted).toBeGreaterThanOrEqual(BURST);
      expect(accepted).toBeLessThanOrEqual(BURST + Math.ceil(RATE * elapsed) + 1);
      const refusedHttp = overHttp.filter((r) => r.status !== 200);
      for (const r of refusedHttp) {
        expect(r.status).toBe(429);
        expect(r.body.error.code).toBe("rate_limited");
        expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      }
      for (const a of overSocket.filter((x) => !x.ok)) expect(a.error.code).toBe("rate_limited");
      // A re-join mints a new token, not a new budget.
      const floodEnded = performance.now();
      const again = await tokenOf(loud, "s-fish", "Sam");
      const retries = await Promise.all(
        Array.from({ length: 5 }, () =>
          request(
            server.url,
            "POST",
            `/api/games/${loud.gameId}/moves`,
            { type: "chat", channel: "team:south", text: "again" },
            again,
          ),
        ),
      );
      const through = retries.filter((r) => r.status === 200).length;
      expect(through).toBeLessThanOrEqual(1 + Math.ceil(RATE * seconds(floodEnded)));
      expect(retries.filter((r) => r.status === 429).length).toBe(5 - through);
    });

    it("limits a resume flood per token and merges waiting resumes, while the quiet game's moves all go through", async () => {
      const observer = await connect(server.url, (await join(loud, loud.observerCode, "Wall")).body.token);
      opened.push(observer);
      const errors: { code: string }[] = [];
      observer.socket.on("error_message", (e) => errors.push(e));
      const statesBefore = observer.received.filter((r) => r.name === "state").length;
      for (let i = 0; i < 200; i++) observer.socket.emit("resume", { fromSeq: 0 });
      const quietOk = await quietMoves(10);
      const deadline = Date.now() + 30_000;
      while (errors.length + 20 < 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
      // Let the accepted ones finish.
      await new Promise((r) => setTimeout(r, 500));
      const states = observer.received.filter((r) => r.name === "state").length - statesBefore;
      const limited = errors.filter((e) => e.code === "rate_limited").length;
      const accepted = 200 - limited;

      expect(quietOk).toBe(10);
      expect(errors.every((e) => e.code === "rate_limited")).toBe(true);
      expect(accepted).toBeGreaterThanOrEqual(20);
      expect(accepted).toBeLessThanOrEqual(22); // the burst, and what 6 a minute refills meanwhile
      // Waiting resumes merged: fewer answers than accepted requests, but at least one.
      expect(states).toBeGreaterThanOrEqual(1);
      expect(states).toBeLessThan(accepted);
    });

    it("limits joins per code with 429 and Retry-After, while the quiet game's moves all go through", async () => {
      const flood = Promise.all(Array.from({ length: 25 }, () => join(loud, loud.observerCode, "Crowd")));
      const quietOk = await quietMoves(10);
      const results = await flood;
      const ok = results.filter((r) => r.status === 200).length;
      const limited = results.filter((r) => r.status === 429);
      expect(quietOk).toBe(10);
      expect(ok + limited.length).toBe(25);
      // Ten a minute per code; the observer code had one join already (the resume test's).
      expect(ok).toBeLessThanOrEqual(10);
      expect(ok).toBeGreaterThanOrEqual(8);
      for (const r of limited) {
        expect(r.body.error.code).toBe("rate_limited");
        expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      }
      // Another code of the same game is not held back by this one.
      expect((await join(loud, loud.joinCodes["n-aide"]!, "Other")).status).not.toBe(429);
    });

    it("records a name on a seat once, and refuses a new name past the cap with 409 seat_full", async () => {
      const seat = "n-fish";
      const code = quiet.joinCodes[seat]!;
      expect((await join(quiet, code, "Ana")).status).toBe(200);
      expect((await join(quiet, code, "Ana")).status).toBe(200);
      expect((await join(quiet, code, "  ana ")).status).toBe(200);
      // Two at once with one name: recorded once.
      const both = await Promise.all([join(quiet, code, "Bo"), join(quiet, code, "Bo")]);
      expect(both.map((r) => r.status)).toEqual([200, 200]);
      expect(await seatJoins(quiet, seat)).toEqual(["Ana", "Bo"]);

      expect((await join(quiet, code, "Cy")).status).toBe(200);
      const full = await join(quiet, code, "Dee");
      expect(full.status).toBe(409);
      expect(full.body.error.code).toBe("seat_full");
      // A name the seat has still joins (a student on a second device), and records nothing new.
      const back = await join(quiet, code, "Bo");
      expect(back.status).toBe(200);
      expect(typeof back.body.token).toBe("string");
      expect(await seatJoins(quiet, seat)).toEqual(["Ana", "Bo", "Cy"]);
    });

    it("limits joins per address: a flood of guessed codes meets 429, and the quiet game goes on", async () => {
      const flood = Promise.all(
        Array.from({ length: 120 }, (_, i) => join(loud, `GUESS-${String(i).padStart(5, "0")}`, "Eve")),
      );
      const quietOk = await quietMoves(10);
      const results = await flood;
      expect(quietOk).toBe(10);
      const statuses = new Set(results.map((r) => r.status));
      expect([...statuses].every((s) => s === 401 || s === 429)).toBe(true);
      const limited = results.filter((r) => r.status === 429);
      // 100 a minute from one address, some used by the tests above.
      expect(limited.length).toBeGreaterThanOrEqual(20);
      expect(limited[0]!.body.error.message).toMatch(/address/);
      expect(Number(limited[0]!.retryAfter)).toBeGreaterThanOrEqual(1);
    });

    it("limits game creation per key, uploads and imports per key, and every write per address, with 429", async () => {
      const key = await facilitatorKey(server.url, "Flooder");
      const created = await Promise.all(
        Array.from({ length: 10 }, () =>
          request(server.url, "POST", "/api/games", { scenarioId: "great-rebalancing" }, key),
        ),
      );
      expect(created.filter((r) => r.status === 201).length).toBe(5);
      const limited = created.filter((r) => r.status === 429);
      expect(limited.length).toBe(5);
      for (const r of limited) {
        expect(r.body.error.code).toBe("rate_limited");
        expect(Number(r.retryAfter)).toBeGreaterThanOrEqual(1);
      }
      // Another key is not held back by this one.
      expect(
        (await request(server.url, "POST", "/api/games", { scenarioId: "great-rebalancing" }, TEST_OPERATOR_KEY))
          .status,
      ).toBe(201);

      const uploads = [];
      for (let i = 0; i < 5; i++)
        uploads.push(await request(server.url, "POST", "/api/scenarios?dryRun=true", tinyScenario, key));
      expect(uploads.filter((r) => r.status === 429).length).toBe(2);
      // A check without publishing (the scenario lab's) takes from the same budget.
      const check = await request(server.url, "POST", "/api/scenarios/validate", tinyScenario, key);
      expect(check.status).toBe(429);
      expect(check.body.error.message).toMatch(/scenario uploads/);
      const imports = [];
      for (let i = 0; i < 4; i++)
        imports.push(await request(server.url, "POST", "/api/games/import", { nope: true }, key));
      expect(imports.map((r) => r.status)).toEqual([400, 400, 429, 429]);

      // Without a key: 401 until this address's writes are used up, then 429 (the quiet game goes on).
      const anonymous = Promise.all(
        Array.from({ length: 40 }, () =>
          request(server.url, "POST", "/api/games", { scenarioId: "great-rebalancing" }),
        ),
      );
      const quietOk = await quietMoves(5);
      const answers = (await anonymous).map((r) => r.status);
      expect(quietOk).toBe(5);
      expect(answers.every((s) => s === 401 || s === 429)).toBe(true);
      expect(answers.filter((s) => s === 429).length).toBeGreaterThanOrEqual(10);
    });
  });
}

for (const backend of backends) {
  describe(`resume in pages, with live moves in between (${backend.name})`, () => {
    it("sends every event the seat may see once, in order, then state, then only later ones", async () => {
      const fresh = await backend.fresh();
      // Moves unlimited here: the log must be long enough for many pages.
      const server = await startServer(fresh.db, {
        MOVES_PER_SECOND: "10000",
        MOVE_BURST: "10000",
        RESUME_PAGE_EVENTS: "10",
      });
      const clients: SeatClient[] = [];
      try {
        await request(server.url, "POST", "/api/scenarios", tinyScenario, TEST_OPERATOR_KEY);
        const game = (await request(server.url, "POST", "/api/games", { scenarioId: "tiny-summit" }, TEST_OPERATOR_KEY))
          .body as Game;
        const token = async (seat: string) =>
          (
            await request(server.url, "POST", `/api/games/${game.gameId}/join`, {
              code: game.joinCodes[seat],
              name: seat,
            })
          ).body.token as string;
        const leadToken = await token("n-lead");
        const fac = await connect(server.url, game.facilitatorToken);
        const lead = await connect(server.url, leadToken);
        const south = await connect(server.url, await token("s-lead"));
        clients.push(fac, lead, south);
        // About 300 events, a third of them hidden from n-lead: 30 pages.
        for (let i = 0; i < 100; i++) {
          await Promise.all([
            fac.move({ type: "note", text: `note ${i}` }),
            lead.move({ type: "chat", channel: "team:north", text: `ours ${i}` }),
            south.move({ type: "chat", channel: "team:south", text: `hidden ${i}` }),
          ]);
        }

        for (let round = 0; round < 3; round++) {
          const before = lead.received.length;
          const fromSeq = round * 40;
          // The resume, then live moves at once: its pages and their appends take turns.
          lead.socket.emit("resume", { fromSeq });
          const moving = Promise.all(
            Array.from({ length: 30 }, (_, i) =>
              (i % 2 ? south : fac).move(
                i % 2
                  ? { type: "chat", channel: "team:south", text: `hidden live ${i}` }
                  : { type: "note", text: `live ${i}` },
              ),
            ),
          );
          const live = await moving;
          expect(live.every((a) => a.ok)).toBe(true);
          const lastLive = Math.max(...live.map((a) => a.seq));
          const tick = (await fac.move({ type: "note", text: `end of round ${round}` })).seq;
          await lead.until(tick);

          const seats = (
            await http(server.url, "GET", `/api/games/${game.gameId}/events?from=${fromSeq}`, { token: leadToken })
          ).body as { seq: number }[];
          const visible = seats.map((e) => e.seq);
          const after = lead.received.slice(before);
          const stateAt = after.findIndex((r) => r.name === "state");
          expect(stateAt).toBeGreaterThan(0);
          const stateSeq = after[stateAt]!.payload.seq as number;
          const seqs = (xs: typeof after) => xs.filter((r) => r.name === "event").map((r) => r.payload.seq as number);
          // Live events may arrive between the request and the resume's start; the replay begins
          // at the first event after fromSeq.
          const replay = after.slice(0, stateAt);
          const begins = replay.findIndex((r) => r.name === "event" && r.payload.seq === visible[0]);
          expect(begins).toBeGreaterThanOrEqual(0);
          expect(seqs(replay.slice(begins))).toEqual(visible.filter((s) => s <= stateSeq));
          expect(seqs(after.slice(stateAt + 1))).toEqual(visible.filter((s) => s > stateSeq && s <= tick));
          expect(stateSeq).toBeLessThanOrEqual(tick);
          expect(lastLive).toBeLessThan(tick);
          expect(JSON.stringify(after)).not.toContain("hidden");
        }
      } finally {
        for (const c of clients) c.close();
        await server.stop();
        await fresh.db.close();
        await fresh.drop();
      }
    });
  });
}

describe(`classroom defaults (${backends[0]!.name})`, () => {
  it("let a teacher create three tables in a minute and thirty students join them from one address", async () => {
    const fresh = await backends[0]!.fresh();
    const server = await startServer(fresh.db);
    try {
      const key = await facilitatorKey(server.url, "Ms Lee");
      expect((await request(server.url, "POST", "/api/scenarios", tinyScenario, key)).status).toBe(201);
      const tables = await Promise.all(
        [1, 2, 3].map(async (n) => {
          const r = await request(
            server.url,
            "POST",
            "/api/games",
            { scenarioId: "tiny-summit", title: `Table ${n}` },
            key,
          );
          expect(r.status).toBe(201);
          return r.body as Game;
        }),
      );
      const joins = await Promise.all(
        Array.from({ length: 30 }, (_, i) => {
          const table = tables[i % 3]!;
          const seats = Object.keys(table.joinCodes);
          const code = table.joinCodes[seats[Math.floor(i / 3) % seats.length]!]!;
          return request(server.url, "POST", `/api/games/${table.gameId}/join`, { code, name: `Student ${i}` });
        }),
      );
      expect(joins.map((r) => r.status)).toEqual(Array(30).fill(200));
    } finally {
      await server.stop();
      await fresh.db.close();
      await fresh.drop();
    }
  });
});

describe(`behind a proxy (${backends[0]!.name})`, () => {
  it("counts addresses from X-Forwarded-For only when TRUST_PROXY says to believe it", async () => {
    const fresh = await backends[0]!.fresh();
    const join = (url: string, from: string) =>
      fetch(`${url}/api/join`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": from },
        body: JSON.stringify({ code: "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-A", name: "Guess" }),
      }).then((r) => r.status);
    const limits = { JOINS_PER_MINUTE_PER_ADDRESS: "2" };
    const trusting = await startServer(fresh.db, { ...limits, TRUST_PROXY: "true" });
    const plain = await startServer(fresh.db, limits);
    try {
      // Believed: each student behind the proxy has a budget of its own.
      expect([await join(trusting.url, "10.1.1.1"), await join(trusting.url, "10.1.1.1")]).toEqual([401, 401]);
      expect(await join(trusting.url, "10.1.1.1")).toBe(429);
      expect(await join(trusting.url, "10.1.1.2")).toBe(401);
      // Not believed: a forged header buys no fresh budget.
      expect([await join(plain.url, "10.2.2.1"), await join(plain.url, "10.2.2.2")]).toEqual([401, 401]);
      expect(await join(plain.url, "10.2.2.3")).toBe(429);
    } finally {
      await trusting.stop();
      await plain.stop();
      await fresh.db.close();
      await fresh.drop();
    }
  });
});
