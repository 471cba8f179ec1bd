import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyRecord } from "../../server/games/record";
import { parseRecord } from "../../shared/contract/record";
import { brokenLink, hashChain } from "../../shared/hashChain";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { connect, http, type Running, type SeatClient, startServer, TEST_OPERATOR_KEY } from "../support/server";

// Issue 11: a fork carried the original players' names, because it copied the record's seatJoined
// events. A fork now copies every other event, in order and unchanged, renumbered and re-chained:
// its seats start empty, nothing it shows or exports names the old players, its record verifies,
// and it plays on with new people.

const OLD = ["Olga Original", "Oskar Original", "Sana Original", "Sven Original", "Late Lena"];

describe.each(backends)("a fork without the original's players ($name)", (backend) => {
  let server: Running;
  let drop: () => Promise<void>;
  const key = TEST_OPERATOR_KEY;
  let game: { gameId: string; facilitatorToken: string; joinCodes: Record<string, string>; observerCode: string };
  let fork: { gameId: string; facilitatorToken: string; joinCodes: Record<string, string>; observerCode: string };
  const clients: SeatClient[] = [];
  let original: any;
  let atSeq = 0;

  const join = async (g: typeof game, seat: string, name: string) => {
    const r = await http(server.url, "POST", `/api/games/${g.gameId}/join`, {
      body: { code: g.joinCodes[seat], name },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.token as string;
  };
  const move = async (g: { gameId: string }, token: string, body: unknown) => {
    const r = await http(server.url, "POST", `/api/games/${g.gameId}/moves`, { token, body });
    expect(r.body, JSON.stringify(body)).toMatchObject({ ok: true });
    return r.body.seq as number;
  };
  const exportOf = async (g: { gameId: string; facilitatorToken: string }, query = "format=json") =>
    (await http(server.url, "GET", `/api/games/${g.gameId}/export?${query}`, { token: g.facilitatorToken })).body;

  beforeAll(async () => {
    const fresh = await backend.fresh();
    drop = fresh.drop;
    server = await startServer(fresh.db);
    await http(server.url, "POST", "/api/scenarios", { token: key, body: tinyScenario });
    game = (
      await http(server.url, "POST", "/api/games", { token: key, body: { scenarioId: "tiny-summit", seed: "fk" } })
    ).body;
    const t: Record<string, string> = {};
    t["n-lead"] = await join(game, "n-lead", OLD[0]!);
    t["n-fish"] = await join(game, "n-fish", OLD[1]!);
    t["s-lead"] = await join(game, "s-lead", OLD[2]!);
    t["s-fish"] = await join(game, "s-fish", OLD[3]!);
    const f = game.facilitatorToken;
    await move(game, f, { type: "resume" });
    await move(game, t["n-fish"]!, { type: "chat", channel: "team:north", text: "hold the line" });
    await move(game, f, { type: "advancePhase" });
    await move(game, t["n-fish"]!, { type: "propose", terms: { fish: "north" } });
    // Someone joins mid-game, between two moves: the fork drops this join too.
    await join(game, "n-fish", OLD[4]!);
    await move(game, t["s-fish"]!, { type: "reject", proposalId: "p1", note: "no" });
    atSeq = await move(game, t["s-fish"]!, { type: "propose", terms: { fish: "split" } });
    // The original goes on after the fork's point; the fork holds none of it.
    await move(game, t["n-fish"]!, { type: "accept", proposalId: "p2" });
    original = await exportOf(game);

    const r = await http(server.url, "POST", `/api/games/${game.gameId}/fork`, { token: f, body: { atSeq } });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    fork = r.body;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await server?.stop();
    await server?.ctx.db.close();
    await drop?.();
  });

  const noOldName = (what: string, x: unknown) => {
    const text = typeof x === "string" ? x : JSON.stringify(x);
    for (const name of OLD) expect(text, `${what} names ${name}`).not.toContain(name);
  };

  it("copies every event but the joins, in order and unchanged but for seq and hash, and re-chains them", async () => {
    const exported = await exportOf(fork);
    const kept = original.events.filter((e: any) => e.seq <= atSeq && e.type !== "seatJoined");
    expect(original.events.filter((e: any) => e.seq <= atSeq && e.type === "seatJoined")).toHaveLength(5);
    // The clock was running at the fork's point: the fork adds its pause, at that moment.
    const pause = exported.events.at(-1);
    expect(pause).toMatchObject({ type: "pause", actor: { facilitator: true }, seq: kept.length + 1 });
    expect(pause.at).toBe(original.events.find((e: any) => e.seq === atSeq).at);
    const copied = exported.events.slice(0, -1);
    const content = (e: any) => ({ type: e.type, actor: e.actor, at: e.at, payload: e.payload });
    expect(copied.map(content)).toEqual(kept.map(content));
    expect(exported.events.map((e: any) => e.seq)).toEqual(exported.events.map((_: unknown, i: number) => i + 1));

    // Its record verifies: as a file (shape and chain) and against the rules, event by event.
    const read = parseRecord(exported);
    expect(read.ok).toBe(true);
    if (read.ok) expect(brokenLink(hashChain(), read.record)).toBeNull();
    expect(verifyRecord(exported)).toMatchObject({ ok: true });
    const imported = await http(server.url, "POST", "/api/games/import", { token: key, body: exported });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);

    // The same draft and proposals as the original at that point.
    const state = (await server.ctx.service.get(fork.gameId))!.state;
    expect(state.proposals.map((p) => [p.id, p.status, p.terms])).toEqual([
      ["p1", "rejected", { fish: "north" }],
      ["p2", "open", { fish: "split" }],
    ]);
    expect(state.clock.paused).toBe(true);
  });

  it("starts with empty seats: no old name in its state, views, summary, exports or logs", async () => {
    const state = (await server.ctx.service.get(fork.gameId))!.state;
    expect(Object.values(state.seats).flat()).toEqual([]);
    expect(Object.values(state.joins).flat()).toEqual([]);
    noOldName("the fork's state", state);

    const facilitator = await connect(server.url, fork.facilitatorToken);
    clients.push(facilitator);
    noOldName("the facilitator's view", facilitator.view);
    expect(facilitator.view.seats.every((s: any) => s.names.length === 0 && s.joins.length === 0)).toBe(true);
    const observer = await connect(
      server.url,
      (
        await http(server.url, "POST", `/api/games/${fork.gameId}/join`, {
          body: { code: fork.observerCode, name: "Wall" },
        })
      ).body.token,
    );
    clients.push(observer);
    noOldName("the observer's view", observer.view);

    const summary = await http(server.url, "GET", `/api/games/${fork.gameId}`, { token: key });
    expect(summary.body).toMatchObject({ status: "live", forkedFrom: game.gameId });
    expect(summary.body.seats.every((s: any) => s.joined === false)).toBe(true);
    noOldName("the summary", summary.body);
    noOldName(
      "the event log",
      (await http(server.url, "GET", `/api/games/${fork.gameId}/events?from=0`, { token: fork.facilitatorToken })).body,
    );
    noOldName("the JSON export", await exportOf(fork));
    noOldName("the CSV export", await exportOf(fork, "format=csv"));
    // The original keeps its players, and its record is as it was.
    expect((await exportOf(game)).events).toEqual(original.events);
    expect(JSON.stringify(original)).toContain(OLD[4]);
  });

  it("plays on with new people: their joins are its own, and its record still verifies", async () => {
    // An old code opens the old game, never the fork.
    const old = await http(server.url, "POST", "/api/join", { body: { code: game.joinCodes["n-lead"], name: "Nia" } });
    expect(old.body.gameId).toBe(game.gameId);
    const nLead = await join(fork, "n-lead", "Nia New");
    const sLead = await join(fork, "s-lead", "Sol New");
    const sFish = await join(fork, "s-fish", "Sam New");
    const nFish = await join(fork, "n-fish", "Noa New");
    const f = fork.facilitatorToken;
    await move(fork, f, { type: "resume" });
    await move(fork, nFish, { type: "chat", channel: "team:north", text: "fresh start" });
    await move(fork, nFish, { type: "accept", proposalId: "p2" });
    await move(fork, f, { type: "advancePhase" });
    await move(fork, nLead, { type: "propose", terms: { statement: "friendly" } });
    await move(fork, sLead, { type: "accept", proposalId: "p3" });
    await move(fork, nLead, { type: "sign", draftVersion: 2 });
    await move(fork, sLead, { type: "sign", draftVersion: 2 });
    expect(sFish).toBeTruthy();

    const state = (await server.ctx.service.get(fork.gameId))!.state;
    expect(state.outcome).toMatchObject({ agreement: true });
    expect(state.seats).toEqual({
      "n-aide": [],
      "n-lead": ["Nia New"],
      "n-fish": ["Noa New"],
      "s-lead": ["Sol New"],
      "s-fish": ["Sam New"],
    });
    const exported = await exportOf(fork);
    noOldName("the finished fork's export", exported);
    expect(verifyRecord(exported)).toMatchObject({ ok: true });
  });
});
