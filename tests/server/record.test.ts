import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventHash } from "../../server/games/hash";
import { apply, createGame, type GameState, viewFor } from "../../shared/index";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { connect, http, type Running, type SeatClient, startServer, TEST_OPERATOR_KEY } from "../support/server";

// The research record: export then import gives the same game; every kind of tampering is
// refused at the right event; a fork continues from its point and leaves the original alone;
// CSV has a row per event; and a live game's replay shows each seat exactly what its socket got.

describe.each(backends)("the record ($name)", (backend) => {
  let server: Running;
  let drop: () => Promise<void>;
  let key = "";
  let game: { gameId: string; facilitatorToken: string; joinCodes: Record<string, string>; observerCode: string };
  const clients: Record<string, SeatClient> = {};
  const tokens: Record<string, string> = {};
  let exported: any;

  beforeAll(async () => {
    const fresh = await backend.fresh();
    drop = fresh.drop;
    server = await startServer(fresh.db);
    await http(server.url, "POST", "/api/scenarios", { token: TEST_OPERATOR_KEY, body: tinyScenario });
    key = TEST_OPERATOR_KEY;
    game = (
      await http(server.url, "POST", "/api/games", { token: key, body: { scenarioId: "tiny-summit", seed: "rec" } })
    ).body;
    for (const seat of ["n-lead", "n-fish", "s-lead", "s-fish"]) {
      tokens[seat] = (
        await http(server.url, "POST", `/api/games/${game.gameId}/join`, {
          body: { code: game.joinCodes[seat], name: `Player ${seat}` },
        })
      ).body.token;
    }
    tokens.observer = (
      await http(server.url, "POST", `/api/games/${game.gameId}/join`, {
        body: { code: game.observerCode, name: "Wall" },
      })
    ).body.token;
    tokens.facilitator = game.facilitatorToken;
    for (const [s, tk] of Object.entries(tokens)) clients[s] = await connect(server.url, tk);
  });
  afterAll(async () => {
    for (const c of Object.values(clients)) c.close();
    await server?.stop();
    await server?.ctx.db.close();
    await drop?.();
  });

  const move = async (seat: string, m: unknown) => {
    const ack = await clients[seat]!.move(m);
    expect(ack, JSON.stringify(m)).toMatchObject({ ok: true });
    return ack.seq as number;
  };

  it("records a live game over sockets; seats may not export it while it runs", async () => {
    await move("facilitator", { type: "resume" });
    await move("n-fish", { type: "chat", channel: "team:north", text: "NORTH-ONLY" });
    await move("facilitator", { type: "advancePhase" });
    await move("n-fish", { type: "propose", terms: { fish: "north" } });
    await move("s-fish", { type: "reject", proposalId: "p1", note: "no" });
    await move("s-fish", { type: "propose", terms: { fish: "split" } });
    await move("facilitator", { type: "inject", injectId: "inj-storm" });
    const forkPoint = await move("n-fish", { type: "accept", proposalId: "p2" });
    await move("facilitator", { type: "advancePhase" });
    await move("s-lead", { type: "statement", text: "A fair outcome." });
    await move("n-lead", { type: "propose", terms: { statement: "friendly" } });
    await move("s-lead", { type: "accept", proposalId: "p3" });
    expect(
      (await http(server.url, "GET", `/api/games/${game.gameId}/export`, { token: tokens["n-lead"] })).status,
    ).toBe(403);
    await move("n-lead", { type: "sign", draftVersion: 2 });
    const last = await move("s-lead", { type: "sign", draftVersion: 2 });
    for (const c of Object.values(clients)) await c.until(last);
    exported = (
      await http(server.url, "GET", `/api/games/${game.gameId}/export?format=json`, { token: game.facilitatorToken })
    ).body;
    expect(exported).toMatchObject({ format: "summitry-game", formatVersion: 1, gameId: game.gameId, seed: "rec" });
    expect(exported.events.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    expect(forkPoint).toBeGreaterThan(0);
    // Once a revealing game is over, its seats may export it too.
    expect(
      (await http(server.url, "GET", `/api/games/${game.gameId}/export`, { token: tokens["n-lead"] })).status,
    ).toBe(200);
  });

  it("replays, for every seat and every event it saw, exactly the view its socket received", () => {
    let state: GameState = createGame(exported.scenario, { seed: exported.seed });
    const states = new Map<number, GameState>();
    for (const e of exported.events) {
      state = apply(state, e);
      states.set(e.seq, state);
    }
    let compared = 0;
    for (const [seat, c] of Object.entries(clients)) {
      for (const m of c.events()) {
        const { gameId: _g, ...received } = m.view;
        expect(received, `${seat} at ${m.seq}`).toEqual(viewFor(states.get(m.seq)!, seat, { histories: false }));
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it("imports an export as an archived game with the same events, state and scores", async () => {
    const imported = await http(server.url, "POST", "/api/games/import", { token: key, body: exported });
    expect(imported.status).toBe(201);
    const again = (
      await http(server.url, "GET", `/api/games/${imported.body.gameId}/export`, {
        token: imported.body.facilitatorToken,
      })
    ).body;
    expect(again.events).toEqual(exported.events);
    expect(again.scenario).toEqual(exported.scenario);
    const original = (await server.ctx.service.get(game.gameId))!.state;
    const archived = (await server.ctx.service.get(imported.body.gameId))!;
    expect(archived.state).toEqual(original);
    expect(archived.status).toBe("archived");
    const summary = await http(server.url, "GET", `/api/games/${imported.body.gameId}`, { token: key });
    expect(summary.body).toMatchObject({ status: "archived", outcome: { agreement: true } });
    // An archive is for replay and debrief only.
    const moveTry = await http(server.url, "POST", `/api/games/${imported.body.gameId}/moves`, {
      token: imported.body.facilitatorToken,
      body: { type: "note", text: "hello" },
    });
    expect(moveTry.body.error.code).toBe("archived");
  });

  it("refuses every kind of tampering at the event that fails", async () => {
    const importing = (doc: unknown) => http(server.url, "POST", "/api/games/import", { token: key, body: doc });
    const copy = () => structuredClone(exported);
    const refused = async (doc: unknown, code: string, seq: number | null) => {
      const r = await importing(doc);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      expect(r.body.error.code).toBe(code);
      expect(r.body.error.details.seq).toBe(seq);
    };
    const chat = exported.events.findIndex((e: { type: string }) => e.type === "chat");

    const edited = copy();
    edited.events[chat].payload.text = "edited";
    await refused(edited, "hash_mismatch", chat + 1);

    const removed = copy();
    removed.events.splice(4, 1);
    await refused(removed, "sequence_broken", 5);

    const reordered = copy();
    [reordered.events[5], reordered.events[6]] = [reordered.events[6], reordered.events[5]];
    await refused(reordered, "sequence_broken", 6);

    const rehashed = copy();
    rehashed.events[7].hash = "0".repeat(64);
    await refused(rehashed, "hash_mismatch", 8);

    const scenario = copy();
    scenario.scenario.issues[0].points.north[2] = 99;
    await refused(scenario, "hash_mismatch", 1);

    const unknown = copy();
    unknown.events[3].extra = true;
    await refused(unknown, "invalid_record", 4);

    // A forger who recomputes every hash still cannot make the rules accept an illegal move.
    const forged = copy();
    const p = forged.events.findIndex((e: { type: string }) => e.type === "propose");
    forged.events[p].payload.terms = { statement: "friendly" }; // not on the first round's agenda
    let previous = (await import("../../server/games/hash")).genesisHash(
      forged.scenario,
      forged.seed,
      forged.rulesVersion,
    );
    for (const e of forged.events) {
      e.hash = eventHash(previous, e);
      previous = e.hash;
    }
    await refused(forged, "rule_violation", p + 1);

    expect((await importing({ format: "something-else" })).status).toBe(400);
  });

  it("forks a new live game, paused with the time it had left, and leaves the original untouched", async () => {
    const atSeq = exported.events.findIndex((e: { type: string }) => e.type === "accept") + 1;
    const asSeat = await http(server.url, "POST", `/api/games/${game.gameId}/fork`, {
      token: tokens["n-lead"],
      body: { atSeq },
    });
    expect(asSeat.status).toBe(403);
    expect(
      (await http(server.url, "POST", `/api/games/${game.gameId}/fork`, { token: key, body: { atSeq: 999 } })).status,
    ).toBe(400);
    const over = exported.events.length;
    expect(
      (await http(server.url, "POST", `/api/games/${game.gameId}/fork`, { token: key, body: { atSeq: over } })).status,
    ).toBe(409);

    const fork = await http(server.url, "POST", `/api/games/${game.gameId}/fork`, {
      token: game.facilitatorToken,
      body: { atSeq },
    });
    expect(fork.status).toBe(201);
    expect(Object.keys(fork.body.joinCodes)).toEqual(tinyScenario.roles.map((r) => r.id));
    const forked = (await server.ctx.service.get(fork.body.gameId))!.state;
    let at: GameState = createGame(exported.scenario, { seed: exported.seed });
    for (const e of exported.events.slice(0, atSeq)) at = apply(at, e);
    // The events up to atSeq but the players' joins (a fork's seats start empty), then the pause.
    const joins = exported.events.slice(0, atSeq).filter((e: { type: string }) => e.type === "seatJoined").length;
    expect(joins).toBeGreaterThan(0);
    expect(forked.seq).toBe(atSeq - joins + 1);
    expect(Object.values(forked.seats).flat()).toEqual([]);
    expect(forked.draft).toEqual(at.draft);
    expect(forked.clock.paused).toBe(true);
    expect(forked.clock.remainingMs).toBe(at.clock.endsAt! - at.at);
    // It goes on from there, on its own.
    const m = (body: unknown) =>
      http(server.url, "POST", `/api/games/${fork.body.gameId}/moves`, { token: fork.body.facilitatorToken, body });
    expect((await m({ type: "resume" })).body.ok).toBe(true);
    expect((await m({ type: "advancePhase" })).body.ok).toBe(true);
    const original = (await http(server.url, "GET", `/api/games/${game.gameId}/export`, { token: key })).body;
    expect(original.events).toEqual(exported.events);
    const summary = (await http(server.url, "GET", `/api/games/${fork.body.gameId}`, { token: key })).body;
    expect(summary).toMatchObject({ status: "live", forkedFrom: game.gameId });
  });

  it("exports CSV for research, a row per event, and a de-identified copy with no player's name", async () => {
    const csv = (await http(server.url, "GET", `/api/games/${game.gameId}/export?format=csv`, { token: key }))
      .body as string;
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toBe("seq,at,phase,side,role,type,terms,proposal,channel,text,to");
    expect(lines).toHaveLength(exported.events.length + 1);
    expect(csv).toContain("Player n-fish");
    expect(lines.find((l) => l.includes(",propose,"))).toMatch(/round1,north,n-fish,propose,fish=north,p1,,/);
    const anon = (
      await http(server.url, "GET", `/api/games/${game.gameId}/export?format=csv&deidentify=true`, { token: key })
    ).body as string;
    expect(anon.trim().split("\r\n")).toHaveLength(exported.events.length + 1);
    expect(anon).not.toMatch(/Player |Wall/);
    expect(anon).toContain("North Fisheries Minister");
    // The de-identified JSON is a record of its own, and still verifies.
    const anonJson = (await http(server.url, "GET", `/api/games/${game.gameId}/export?deidentify=true`, { token: key }))
      .body;
    expect(JSON.stringify(anonJson)).not.toContain("Player ");
    expect((await http(server.url, "POST", "/api/games/import", { token: key, body: anonJson })).status).toBe(201);
  });

  it("verifies a file and prints its timeline and scores from the command line", async () => {
    const file = join(tmpdir(), `summitry-export-${process.pid}-${backend.name}.json`);
    await writeFile(file, JSON.stringify(exported));
    const run = promisify(execFile);
    const ok = await run(process.execPath, ["--import", "tsx", "server/cli/replay.ts", file]);
    expect(ok.stdout).toMatch(/verified/);
    expect(ok.stdout).toMatch(/Agreement signed/);
    expect(ok.stdout).toMatch(/North\s+\d+\s+\(reservation 10\)/);
    const bad = structuredClone(exported);
    bad.events[2].payload = { ...bad.events[2].payload, nudge: 1 };
    await writeFile(file, JSON.stringify(bad));
    const failed = await run(process.execPath, ["--import", "tsx", "server/cli/replay.ts", file]).catch((e) => e);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/at event 3/);
  });
});
