import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { facilitatorKey, http, type Running, startServer, TEST_OPERATOR_KEY } from "../support/server";

// Every HTTP route of PROTOCOL.md, and every error it names: each gets its code, changes
// nothing, and the server goes on serving.

const backend = backends[0]!;

describe("the HTTP API", () => {
  let server: Running;
  let key = "";
  let game: { gameId: string; facilitatorToken: string; joinCodes: Record<string, string>; observerCode: string };
  let other: typeof game;
  const tokens: Record<string, string> = {};
  const get = (path: string, token?: string) => http(server.url, "GET", path, { token });
  const post = (path: string, body?: unknown, token?: string) => http(server.url, "POST", path, { body, token });

  beforeAll(async () => {
    server = await startServer((await backend.fresh()).db);
    key = await facilitatorKey(server.url);
    // The small test scenario is not built in: it arrives as a teacher's upload would.
    expect((await post("/api/scenarios", tinyScenario, key)).status).toBe(201);
    game = (await post("/api/games", { scenarioId: "tiny-summit", title: "Table 1" }, key)).body;
    // The operator may use every upload (and make it public).
    other = (await post("/api/games", { scenarioId: "tiny-summit" }, TEST_OPERATOR_KEY)).body;
    for (const seat of ["n-lead", "n-fish", "s-lead"]) {
      tokens[seat] = (
        await post(`/api/games/${game.gameId}/join`, { code: game.joinCodes[seat], name: seat })
      ).body.token;
    }
  });
  afterAll(async () => {
    await server?.stop();
    await server?.ctx.db.close();
  });

  it("reports its health and its database", async () => {
    expect(await get("/health")).toMatchObject({
      status: 200,
      // PGlite never calls fsync: what it acknowledges survives a process crash, not a power cut.
      body: { status: "ok", database: "embedded", durability: "process-crash" },
    });
  });

  it("hands out facilitator keys (the operator's to issue), secrets of at least 128 bits", async () => {
    const r = await post("/api/facilitators", { name: "Ms Lee" }, TEST_OPERATOR_KEY);
    expect(r.status).toBe(201);
    expect(r.body.facilitatorKey).toMatch(/^fk_[A-Za-z0-9_-]{32}$/);
    expect(game.facilitatorToken).toMatch(/^gt_[A-Za-z0-9_-]{32}$/);
    // Join codes are short since issue #11 (typed by students, kept safe by limits: docs/join-codes.md).
    expect(game.joinCodes["n-lead"]).toMatch(/^[2-9A-HJKMNP-TW-Z]{5}-[2-9A-HJKMNP-TW-Z]{5}$/);
  });

  it("creates games from a scenario, with a code per seat, leaving out optional roles", async () => {
    const r = await post(
      "/api/games",
      { scenarioId: "great-rebalancing", leaveOut: ["us-nsa"], phaseMinutes: { summit: 15 } },
      TEST_OPERATOR_KEY,
    );
    expect(r.status).toBe(201);
    expect(Object.keys(r.body.joinCodes)).not.toContain("us-nsa");
    expect(Object.keys(r.body.joinCodes)).toHaveLength(8);
  });

  it.each([
    [{}, 400, "invalid_input"],
    [{ scenarioId: 7 }, 400, "invalid_input"],
    [{ scenarioId: "tiny-summit", seed: 5 }, 400, "invalid_input"],
    [{ scenarioId: "tiny-summit", surprise: true }, 400, "invalid_input"],
    [{ scenarioId: "nope" }, 404, "unknown_scenario"],
    [{ scenarioId: "tiny-summit", leaveOut: ["n-lead"] }, 400, "not_optional"],
    [{ scenarioId: "tiny-summit", phaseMinutes: { lunch: 5 } }, 400, "unknown_phase"],
    [{ scenarioId: "tiny-summit", phaseMinutes: { prep: 0 } }, 400, "invalid_input"],
  ])("refuses to create a game from %j with %i %s", async (body, status, code) => {
    const r = await post("/api/games", body, key);
    expect(r.status).toBe(status);
    expect(r.body.error.code).toBe(code);
    expect(typeof r.body.error.message).toBe("string");
  });

  it("refuses malformed JSON, other media types and oversized bodies", async () => {
    const bad = await http(server.url, "POST", "/api/games", { raw: '{"scenarioId": ', token: key });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_json");
    const media = await http(server.url, "POST", "/api/games", {
      raw: "scenarioId=x",
      token: key,
      headers: { "content-type": "text/plain" },
    });
    expect(media.status).toBe(415);
    expect(media.body.error.code).toBe("unsupported_media_type");
    const big = await post("/api/games", { scenarioId: "tiny-summit", title: "x".repeat(300_000) }, key);
    expect(big.status).toBe(413);
    expect(big.body.error.code).toBe("too_large");
  });

  it("joins a seat with its code and a name; a wrong code is refused", async () => {
    const bad = await post(`/api/games/${game.gameId}/join`, { code: "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-A", name: "Eve" });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe("invalid_code");
    const cross = await post(`/api/games/${other.gameId}/join`, { code: game.joinCodes["n-lead"], name: "Eve" });
    expect(cross.status).toBe(401);
    // Codes are forgiving of case and dashes, as typed from a projector.
    const typed = game.joinCodes["s-fish"]!.replace(/-/g, "").toLowerCase();
    const ok = await post(`/api/games/${game.gameId}/join`, { code: typed, name: "Sam" });
    expect(ok.body.seat).toEqual({ id: "s-fish", side: "south", role: "s-fish" });
    expect((await post(`/api/games/${game.gameId}/join`, { code: game.joinCodes["n-lead"], name: "" })).status).toBe(
      400,
    );
  });

  it("shows a game's summary to any token of the game and to the owner's key, never to another game's", async () => {
    const mine = await get(`/api/games/${game.gameId}`, tokens["n-fish"]);
    expect(mine.status).toBe(200);
    expect(mine.body).toMatchObject({
      gameId: game.gameId,
      title: "Table 1",
      scenarioId: "tiny-summit",
      status: "live",
      phase: "prep",
    });
    expect(mine.body.seats.find((s: { id: string }) => s.id === "n-lead").joined).toBe(true);
    expect(mine.body.seats.find((s: { id: string }) => s.id === "n-aide").joined).toBe(false);
    expect((await get(`/api/games/${game.gameId}`, key)).status).toBe(200);
    expect((await get(`/api/games/${game.gameId}`)).body.error.code).toBe("unauthorized");
    expect((await get(`/api/games/${game.gameId}`, "gt_not-a-token")).status).toBe(401);
    const cross = await get(`/api/games/${game.gameId}`, other.facilitatorToken);
    expect(cross.status).toBe(403);
    expect(cross.body.error.code).toBe("forbidden");
    expect((await get("/api/games/gnope", tokens["n-fish"])).status).toBe(404);
  });

  it("lists a facilitator's games, newest first, by scenario for a cohort", async () => {
    await post("/api/games", { scenarioId: "great-rebalancing", title: "Table 2" }, key);
    const all = await get("/api/games", key);
    expect(all.body.map((g: { title: string }) => g.title)).toEqual(["Table 2", "Table 1"]);
    const cohort = await get("/api/games?scenarioId=tiny-summit", key);
    expect(cohort.body.map((g: { title: string }) => g.title)).toEqual(["Table 1"]);
    expect((await get("/api/games", tokens["n-fish"])).status).toBe(401);
    expect((await get("/api/games?scenarioId=%20", key)).status).toBe(400);
  });

  it("takes moves over HTTP too, with the rules' codes", async () => {
    const f = game.facilitatorToken;
    const m = (body: unknown, token: string) =>
      http(server.url, "POST", `/api/games/${game.gameId}/moves`, { body, token });
    expect((await m({ type: "resume" }, f)).body).toMatchObject({ ok: true });
    const asPlayer = await m({ type: "advancePhase" }, tokens["n-lead"]!);
    expect(asPlayer.status).toBe(403);
    expect(asPlayer.body.error.code).toBe("not_facilitator");
    expect((await m({ type: "teleport" }, f)).body.error.code).toBe("unknown_move");
    expect((await m({ type: "extend", minutes: "5" }, f)).body.error.code).toBe("invalid_move");
    expect((await m({ type: "resume" }, f)).body.error.code).toBe("not_paused");
    const chat = await m({ type: "chat", channel: "team:north", text: "NORTH-ONLY plans" }, tokens["n-fish"]!);
    expect(chat.body.ok).toBe(true);
    const south = await m({ type: "chat", channel: "team:south", text: "SOUTH-ONLY plans" }, tokens["s-lead"]!);
    expect(south.body.ok).toBe(true);
  });

  it("serves the event log each caller may see", async () => {
    const south = await get(`/api/games/${game.gameId}/events`, tokens["s-lead"]);
    expect(south.status).toBe(200);
    const text = JSON.stringify(south.body);
    expect(text).toContain("SOUTH-ONLY");
    expect(text).not.toContain("NORTH-ONLY");
    expect(south.body.every((e: { hash?: string }) => e.hash === undefined)).toBe(true);
    const all = await get(`/api/games/${game.gameId}/events`, game.facilitatorToken);
    expect(all.body.map((e: { seq: number }) => e.seq)).toEqual(all.body.map((_: unknown, i: number) => i + 1));
    expect(all.body.every((e: { hash: string }) => /^[0-9a-f]{64}$/.test(e.hash))).toBe(true);
    const later = await get(`/api/games/${game.gameId}/events?from=${all.body.length - 1}`, game.facilitatorToken);
    expect(later.body).toHaveLength(1);
    expect((await get(`/api/games/${game.gameId}/events?from=-1`, game.facilitatorToken)).status).toBe(400);
    expect((await get(`/api/games/${game.gameId}/events?from=abc`, game.facilitatorToken)).status).toBe(400);
  });

  it("resets a seat's code: the old code and its tokens stop working", async () => {
    const asPlayer = await post(`/api/games/${game.gameId}/seats/n-fish/reset`, undefined, tokens["n-lead"]);
    expect(asPlayer.status).toBe(403);
    const r = await post(`/api/games/${game.gameId}/seats/n-fish/reset`, undefined, game.facilitatorToken);
    expect(r.status).toBe(200);
    expect((await get(`/api/games/${game.gameId}`, tokens["n-fish"])).status).toBe(401);
    expect((await post(`/api/games/${game.gameId}/join`, { code: game.joinCodes["n-fish"], name: "x" })).status).toBe(
      401,
    );
    expect((await post(`/api/games/${game.gameId}/join`, { code: r.body.code, name: "Nia" })).body.seat.id).toBe(
      "n-fish",
    );
    const unknown = await post(`/api/games/${game.gameId}/seats/ghost/reset`, undefined, game.facilitatorToken);
    expect(unknown.status).toBe(404);
  });

  it("gives the owner's key a fresh facilitator token, and no one else", async () => {
    const r = await post(`/api/games/${game.gameId}/facilitator-token`, undefined, key);
    expect(r.status).toBe(200);
    expect((await get(`/api/games/${game.gameId}/events`, r.body.facilitatorToken)).status).toBe(200);
    const stranger = await facilitatorKey(server.url, "Stranger");
    expect((await post(`/api/games/${game.gameId}/facilitator-token`, undefined, stranger)).status).toBe(403);
    expect((await post(`/api/games/${other.gameId}/facilitator-token`, undefined, key)).status).toBe(403);
  });

  it("serves the scenarios' public fields only, and the format as JSON Schema", async () => {
    const list = await get("/api/scenarios");
    expect(list.body.map((s: { id: string }) => s.id)).toContain("great-rebalancing");
    const one = await get("/api/scenarios/great-rebalancing");
    expect(one.status).toBe(200);
    const text = JSON.stringify(one.body);
    for (const forbidden of ['"brief"', '"points"', '"reservation"', '"objectives"', '"injects"'])
      expect(text).not.toContain(forbidden);
    expect((await get("/api/scenarios/nope")).status).toBe(404);
    const schema = await get("/api/scenario-schema.json");
    expect(schema.body.properties.issues).toBeTruthy();
  });

  it("takes uploaded scenarios: every problem with its path, then 201, then 409 for the same version", async () => {
    const broken = {
      ...structuredClone(tinyScenario),
      id: "uploaded",
      rules: { ...tinyScenario.rules, minimumIssues: 9 },
    };
    (broken.issues[0] as { noDeal: string }).noDeal = "nothing";
    const bad = await post("/api/scenarios", broken, key);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_scenario");
    expect(bad.body.error.details.problems.map((p: { path: string }) => p.path)).toEqual(
      expect.arrayContaining(["$.issues[0].noDeal", "$.rules.minimumIssues"]),
    );
    const good = { ...structuredClone(tinyScenario), id: "uploaded" };
    expect((await post("/api/scenarios", good, key)).status).toBe(201);
    expect((await post("/api/scenarios", good, key)).body.error.code).toBe("scenario_exists");
    expect((await post("/api/scenarios", { ...good, version: 2, title: "Uploaded, revised" }, key)).status).toBe(201);
    expect((await get("/api/scenarios", key)).body.find((s: { id: string }) => s.id === "uploaded").version).toBe(2);
    const g = await post("/api/games", { scenarioId: "uploaded", scenarioVersion: 1 }, key);
    expect(g.status).toBe(201);
  });

  it("documents itself as OpenAPI at /docs", async () => {
    const doc = await get("/docs/json");
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        "/api/games",
        "/api/games/{gameId}/join",
        "/api/games/{gameId}/events",
        "/api/scenarios",
      ]),
    );
    const page = await fetch(`${server.url}/docs`);
    expect(page.status).toBe(200);
  });

  it("deletes a game with everything in it", async () => {
    const doomed = (await post("/api/games", { scenarioId: "tiny-summit" }, key)).body;
    const seatToken = (await post(`/api/games/${doomed.gameId}/join`, { code: doomed.joinCodes["n-lead"], name: "Al" }))
      .body.token;
    expect((await http(server.url, "DELETE", `/api/games/${doomed.gameId}`, { token: seatToken })).status).toBe(403);
    expect(
      (await http(server.url, "DELETE", `/api/games/${doomed.gameId}`, { token: doomed.facilitatorToken })).status,
    ).toBe(204);
    expect((await get(`/api/games/${doomed.gameId}`, doomed.facilitatorToken)).status).toBe(404);
    const names = await server.ctx.db.query("SELECT count(*)::int AS n FROM tokens WHERE game_id = $1", [
      doomed.gameId,
    ]);
    expect(names.rows[0]).toEqual({ n: 0 });
  });

  it("answers unknown routes with a typed 404, and still serves after all of the above", async () => {
    const r = await get("/api/nothing-here");
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe("not_found");
    expect((await get("/health")).status).toBe(200);
  });
});

describe("flooding the HTTP moves endpoint", () => {
  it("is refused with 429 rate_limited beyond the seat's burst (one budget with its sockets: limits.test.ts)", async () => {
    const fresh = await backend.fresh();
    const server = await startServer(fresh.db, { MOVES_PER_SECOND: "1", MOVE_BURST: "5" });
    try {
      const game = (
        await http(server.url, "POST", "/api/games", {
          token: TEST_OPERATOR_KEY,
          body: { scenarioId: "great-rebalancing" },
        })
      ).body;
      const send = () =>
        http(server.url, "POST", `/api/games/${game.gameId}/moves`, {
          token: game.facilitatorToken,
          body: { type: "note", text: "flood" },
        });
      const results = [];
      const started = performance.now();
      for (let i = 0; i < 20; i++) results.push(await send());
      const refilled = Math.ceil((performance.now() - started) / 1000);
      const accepted = results.filter((r) => r.status === 200).length;
      expect(accepted).toBeGreaterThanOrEqual(5);
      expect(accepted).toBeLessThanOrEqual(5 + refilled);
      const limited = results.filter((r) => r.status === 429);
      expect(limited.length).toBe(20 - accepted);
      expect(limited[0]!.body.error.code).toBe("rate_limited");
      expect((await http(server.url, "GET", "/health")).status).toBe(200);
    } finally {
      await server.stop();
      await fresh.db.close();
      await fresh.drop();
    }
  });
});
