import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/connect";
import { GameStore } from "../../server/db/gameStore";
import { verifyRecord } from "../../server/games/record";
import { botTurn } from "../../shared/bots/index";
import type { View } from "../../shared/index";
import { eventFor, type RecordedEvent, type Scenario, viewFor } from "../../shared/index";
import { defaultScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { connect, http, type Running, type SeatClient, startServer, TEST_OPERATOR_KEY } from "../support/server";
import { storedGame } from "../support/storedGame";

// Bots in the seats of a live game (issue #12): they join like people, move through the same
// service as people (judged, stored, broadcast), are given their seat's view and nothing else,
// are refused where a person would be, and come back after a restart.

/** The default scenario with phases of seconds, so a whole game runs within a test. */
function quickRebalancing(id: string, seconds: Record<string, number>): Scenario {
  const s = structuredClone(defaultScenario);
  s.id = id;
  s.phases = s.phases.map((p) => ({ ...p, minutes: (seconds[p.id] ?? 10) / 60 }));
  return s;
}

/** Small pacing: the bots' human delays and the idle look, in ms. */
const FAST_BOTS = { BOT_DELAY_MIN_MS: "20", BOT_DELAY_MAX_MS: "80", BOT_IDLE_MS: "200", BOT_MOVES_PER_MINUTE: "600" };

type Event = {
  seq: number;
  at: number;
  type: string;
  actor: Record<string, unknown>;
  payload: Record<string, unknown>;
};

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, ms = 90_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const got = await probe();
    if (got) return got;
    if (Date.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.each(backends)("bots in live seats ($name)", (backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  async function server(env: Record<string, string> = {}, options: Parameters<typeof startServer>[2] = {}) {
    const fresh = await backend.fresh();
    cleanup.push(fresh.drop);
    const running = await startServer(fresh.db, { ...FAST_BOTS, ...env }, options);
    cleanup.push(() => running.stop());
    return { running, fresh };
  }

  const newGame = (s: Running, scenario: Scenario) => storedGame(s, scenario, "bots-test");

  /** Puts a bot of each strategy in each seat, as the game's facilitator; every one must be seated. */
  async function putBots(s: Running, game: { gameId: string; facilitatorToken: string }, bots: Record<string, string>) {
    for (const [seat, strategy] of Object.entries(bots)) {
      const put = await http(s.url, "POST", `/api/games/${game.gameId}/bots`, {
        token: game.facilitatorToken,
        body: { seat, strategy },
      });
      expect(put.status, JSON.stringify(put.body)).toBe(201);
      expect(put.body.name).toMatch(/^Bot \(/);
    }
  }

  const events = async (s: Running, gameId: string, token: string): Promise<Event[]> =>
    (await http(s.url, "GET", `/api/games/${gameId}/events`, { token })).body;

  it("play two seats beside people over real sockets: legal moves, seen by all, from their own view alone", async () => {
    // Every view a bot is given, with the state's own view of its seat at that moment.
    const shown: { seat: string; view: View; expected: View }[] = [];
    let app: Running | null = null;
    const { running } = await server(
      {},
      {
        botTurn: (strategy, view, now, memory) => {
          const seat = view.seat.id;
          const live = app!.ctx.service.loaded(gameId)!;
          shown.push({ seat, view, expected: viewFor(live.state, seat) });
          return botTurn(strategy, view, now, memory);
        },
      },
    );
    app = running;
    const scenario = quickRebalancing("rebalancing-bots", { briefing: 1, stockholm: 6, summit: 12, signing: 4 });
    const game = await newGame(running, scenario);
    const gameId = game.gameId;
    const bots = { "cn-vice-premier": "boulware", "cn-president": "conceder" } as const;
    await putBots(running, game, bots);
    // People in every other seat, each on a socket.
    const people = new Map<string, { token: string; client: SeatClient }>();
    for (const role of scenario.roles.filter((r) => !(r.id in bots))) {
      const j = await http(running.url, "POST", `/api/games/${gameId}/join`, {
        body: { code: game.joinCodes[role.id], name: `Student ${role.id}` },
      });
      expect(j.status).toBe(200);
      people.set(role.id, { token: j.body.token, client: await connect(running.url, j.body.token) });
    }
    const facilitator = await connect(running.url, game.facilitatorToken);
    expect((await facilitator.move({ type: "resume" })).ok).toBe(true);
    // A person moves too: Treasury opens in Stockholm once it starts.
    const treasury = people.get("us-treasury")!.client;
    await until("stockholm", async () => treasury.view?.phase?.id === "stockholm");
    const opened = await treasury.move({
      type: "propose",
      terms: { tariffs: "cutFentanylTariff", purchases: "buy50bPerYear" },
    });
    expect(opened.ok).toBe(true);

    const over = await until("the game's end", async () => {
      const g = await http(running.url, "GET", `/api/games/${gameId}`, { token: game.facilitatorToken });
      return g.body.status === "over" ? g.body : null;
    });
    expect(over.outcome).not.toBeNull();

    const all = await events(running, gameId, game.facilitatorToken);
    const botMoves = all.filter((e) => typeof e.actor.seat === "string" && e.actor.seat in bots);
    for (const seat of Object.keys(bots)) {
      expect(
        botMoves.some((e) => e.actor.seat === seat),
        `${seat} moved`,
      ).toBe(true);
    }
    // Each bot joined like a person: its seatJoined is in the record, under its bot name.
    for (const seat of Object.keys(bots)) {
      expect(
        all.some((e) => e.type === "seatJoined" && e.payload.seat === seat && /^Bot/.test(String(e.payload.name))),
      ).toBe(true);
    }
    // Legal: the whole record, re-judged move by move, verifies.
    const exported = await http(running.url, "GET", `/api/games/${gameId}/export`, { token: game.facilitatorToken });
    expect(exported.status).toBe(200);
    const verified = verifyRecord(exported.body);
    expect(verified.ok, JSON.stringify(!verified.ok && verified)).toBe(true);

    // Every person saw, live, every event their seat may see while the game runs (bots' moves
    // included), redacted as for their seat, and nothing else: the game's state as it was before its
    // end (an end with revealAtEnd opens the record to all, afterwards).
    const final = running.ctx.service.loaded(gameId)!.state;
    const live = { ...final, outcome: null };
    for (const [seat, { client }] of people) {
      await client.until(all.at(-1)!.seq);
      const seen = client.events().map((m) => m.event);
      const from = seen[0].seq;
      const expected = all
        .filter((e) => e.seq >= from)
        .map((e) => eventFor(live, e as unknown as RecordedEvent, seat))
        .filter((e) => e !== null)
        .map(({ hash: _hash, ...e }) => e);
      // The event that ends the game comes with its hash (the record is then open to all).
      expect(seen.slice(0, -1).some((e: { hash?: string }) => e.hash !== undefined)).toBe(false);
      expect(
        seen.map(({ hash: _hash, ...e }: { hash?: string }) => e),
        seat,
      ).toEqual(expected);
      const botSeen = seen.filter((e: Event) => typeof e.actor.seat === "string" && e.actor.seat in bots);
      expect(botSeen.length).toBeGreaterThan(0);
      // Beijing's team channel stays Beijing's.
      if (seat.startsWith("us-")) {
        expect(seen.some((e: Event) => e.type === "chat" && e.payload.channel === "team:beijing")).toBe(false);
      }
      expect(client.view.outcome).not.toBeNull();
      client.close();
    }
    facilitator.close();

    // The bots were given their seat's view, exactly, and it held nothing of Washington's.
    expect(shown.length).toBeGreaterThan(0);
    const washington = scenario.sides.find((s) => s.id === "washington")!;
    const usRoles = scenario.roles.filter((r) => r.side === "washington");
    for (const { seat, view, expected } of shown) {
      expect(seat in bots).toBe(true);
      expect(view).toEqual(expected);
      expect(view.secrets).toBeNull();
      expect(view.mine?.side.id).toBe("beijing");
      const text = JSON.stringify(view);
      expect(text).not.toContain(washington.brief);
      for (const r of usRoles) expect(text).not.toContain(r.brief);
      expect(view.channels.some((c) => c.id === "team:washington")).toBe(false);
    }
  });

  it("cap each bot's moves per minute, so two bots answering each other cannot loop", async () => {
    const { running } = await server({ BOT_MOVES_PER_MINUTE: "2" });
    const game = await newGame(
      running,
      quickRebalancing("rebalancing-cap", { briefing: 1, stockholm: 8, summit: 12, signing: 3 }),
    );
    await putBots(running, game, { "us-treasury": "conceder", "cn-vice-premier": "conceder" });
    const f = await connect(running.url, game.facilitatorToken);
    expect((await f.move({ type: "resume" })).ok).toBe(true);
    // The cap holds through Stockholm (8 s, well within a minute) and the summit's start.
    await until("the summit", async () => f.view?.phase?.id === "summit" && f.view);
    await new Promise((r) => setTimeout(r, 2_000));
    const all = await events(running, game.gameId, game.facilitatorToken);
    const by = (seat: string) => all.filter((e) => e.actor.seat === seat).length;
    expect(by("us-treasury")).toBeGreaterThan(0);
    expect(by("us-treasury")).toBeLessThanOrEqual(2);
    expect(by("cn-vice-premier")).toBeLessThanOrEqual(2);
    f.close();
  });

  it("are refused for a joined or taken seat, an unknown seat or strategy, another's token, an ended game; leave a seat a person joins", async () => {
    const { running } = await server();
    const game = await newGame(running, quickRebalancing("rebalancing-refusals", {}));
    const bots = (body: unknown, token = game.facilitatorToken) =>
      http(running.url, "POST", `/api/games/${game.gameId}/bots`, { token, body });
    const count = async () => (await events(running, game.gameId, game.facilitatorToken)).length;

    const j = await http(running.url, "POST", `/api/games/${game.gameId}/join`, {
      body: { code: game.joinCodes["us-treasury"], name: "Ada" },
    });
    expect(j.status).toBe(200);
    const before = await count();

    const joined = await bots({ seat: "us-treasury", strategy: "linear" });
    expect([joined.status, joined.body.error.code]).toEqual([409, "seat_taken"]);
    expect(joined.body.error.details).toEqual({ seat: "us-treasury" });
    const unknownSeat = await bots({ seat: "us-vice-president", strategy: "linear" });
    expect([unknownSeat.status, unknownSeat.body.error.code]).toEqual([404, "unknown_seat"]);
    const unknownStrategy = await bots({ seat: "us-commerce", strategy: "random" });
    expect([unknownStrategy.status, unknownStrategy.body.error.code]).toEqual([400, "invalid_input"]);
    expect(JSON.stringify(unknownStrategy.body.error.details)).toContain("/strategy");
    const asSeat = await bots({ seat: "us-commerce", strategy: "linear" }, j.body.token);
    expect([asSeat.status, asSeat.body.error.code]).toEqual([403, "forbidden"]);
    const otherKey = await http(running.url, "POST", "/api/facilitators", {
      token: TEST_OPERATOR_KEY,
      body: { name: "Another teacher" },
    });
    const asOther = await bots({ seat: "us-commerce", strategy: "linear" }, otherKey.body.facilitatorKey);
    expect([asOther.status, asOther.body.error.code]).toEqual([403, "forbidden"]);
    const noToken = await http(running.url, "POST", `/api/games/${game.gameId}/bots`, {
      body: { seat: "us-commerce", strategy: "linear" },
    });
    expect(noToken.status).toBe(401);
    // None of these changed anything.
    expect(await count()).toBe(before);

    expect((await bots({ seat: "us-commerce", strategy: "hardliner" })).status).toBe(201);
    const twice = await bots({ seat: "us-commerce", strategy: "linear" });
    expect([twice.status, twice.body.error.code]).toEqual([409, "seat_taken"]);
    // The seat is joined in the game's summary, as a person's would be.
    const summary = await http(running.url, "GET", `/api/games/${game.gameId}`, { token: game.facilitatorToken });
    expect(summary.body.seats.find((s: { id: string }) => s.id === "us-commerce").joined).toBe(true);

    // A person who joins the bot's seat later (a latecomer with its code) takes it over: the bot leaves.
    const botRows = async () =>
      (
        await running.ctx.db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM bot_seats WHERE game_id = $1 AND seat_id = 'us-commerce'",
          [game.gameId],
        )
      ).rows[0]!.n;
    expect(await botRows()).toBe(1);
    const late = await http(running.url, "POST", `/api/games/${game.gameId}/join`, {
      body: { code: game.joinCodes["us-commerce"], name: "Grace" },
    });
    expect(late.status).toBe(200);
    await until("the bot leaving its seat", async () => (await botRows()) === 0);

    const f = await connect(running.url, game.facilitatorToken);
    expect((await f.move({ type: "endGame" })).ok).toBe(true);
    f.close();
    const ended = await bots({ seat: "cn-commerce", strategy: "linear" });
    expect([ended.status, ended.body.error.code]).toEqual([409, "game_over"]);
  });

  it.skipIf(backend.name !== "postgres")(
    "move from one process only when several share the database, and pass to another when it stops",
    async () => {
      const lease = { BOT_LEASE_SECONDS: "1" };
      const { running: a, fresh } = await server(lease);
      const dbB = await fresh.reopen();
      const b = await startServer(dbB, { ...FAST_BOTS, ...lease });
      cleanup.push(async () => {
        await b.stop();
        await dbB.close();
      });
      const game = await newGame(a, quickRebalancing("rebalancing-two", { briefing: 1, stockholm: 40, summit: 60 }));
      await putBots(b, game, { "cn-vice-premier": "conceder", "us-treasury": "linear" });
      const f = await connect(a.url, game.facilitatorToken);
      expect((await f.move({ type: "resume" })).ok).toBe(true);
      f.close();
      const botEvents = async (s: Running) =>
        (await events(s, game.gameId, game.facilitatorToken)).filter((e) => typeof e.actor.seat === "string");
      await until("four bot moves", async () => (await botEvents(a)).length >= 4);
      // Both processes hold the game; a bot played by both would send each move twice at the same
      // moment (its turn is seeded: the same view, time and memory give the same move). The same
      // line said again later, in another phase, is the bot's own repeat.
      const twice = (list: Event[]) =>
        list.some((e, k) =>
          list
            .slice(k + 1)
            .some(
              (o) =>
                o.actor.seat === e.actor.seat &&
                o.type === e.type &&
                Math.abs(o.at - e.at) < 1_000 &&
                JSON.stringify(o.payload) === JSON.stringify(e.payload),
            ),
        );
      expect(twice(await botEvents(a))).toBe(false);
      // The process that seated them stops: the other takes them over and they go on.
      await b.stop();
      const lastBefore = (await events(a, game.gameId, game.facilitatorToken)).at(-1)!.seq;
      await until("a bot's move after the hand-over", async () => (await botEvents(a)).find((e) => e.seq > lastBefore));
      expect(twice(await botEvents(a))).toBe(false);
    },
  );

  it("count as there in the facilitator's presence, marked with their strategy, though they have no socket", async () => {
    const { running } = await server();
    const game = await newGame(running, quickRebalancing("rebalancing-presence", {}));
    const f = await connect(running.url, game.facilitatorToken);
    cleanup.push(async () => f.close());
    const latest = () => [...f.received].reverse().find((r) => r.name === "presence")?.payload.seats ?? [];
    await putBots(running, game, { "us-commerce": "boulware" });
    await expect
      .poll(() => latest().find((p: { id: string }) => p.id === "us-commerce"), { timeout: 15_000 })
      .toEqual({ id: "us-commerce", connected: true, bot: "boulware" });
    // A seat no one plays stays absent, and carries no bot mark.
    expect(latest().find((p: { id: string }) => p.id === "us-president")).toEqual({
      id: "us-president",
      connected: false,
    });
  });

  it("come back after a restart and go on playing their seats", async () => {
    const { running: first, fresh } = await server();
    const game = await newGame(
      first,
      quickRebalancing("rebalancing-restart", { briefing: 1, stockholm: 30, summit: 60 }),
    );
    await putBots(first, game, { "cn-vice-premier": "conceder" });
    const f = await connect(first.url, game.facilitatorToken);
    expect((await f.move({ type: "resume" })).ok).toBe(true);
    f.close();
    await first.stop();
    // What the record held when the first server had stopped (its bot's moves included).
    const lastBefore = (await new GameStore(fresh.db).eventsAfter(game.gameId, 0)).at(-1)!.seq;
    await fresh.db.close();

    const db: Database = await fresh.reopen();
    const second = await startServer(db, FAST_BOTS);
    cleanup.push(async () => {
      await second.stop();
      await db.close();
    });
    expect(second.logs.some((l) => l.includes("bots back in their seats"))).toBe(true);
    // The bot moves after the restart: the stockholm phase is its to play.
    const moved = await until("the bot's move after the restart", async () => {
      const all = await events(second, game.gameId, game.facilitatorToken);
      return all.find((e) => e.seq > lastBefore && e.actor.seat === "cn-vice-premier");
    });
    expect(["propose", "chat", "statement"]).toContain(moved.type);
  });
});
