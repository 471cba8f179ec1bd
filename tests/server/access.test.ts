import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashSecret } from "../../server/auth/secrets";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { connect, facilitatorKey, http, type Running, startServer, TEST_OPERATOR_KEY } from "../support/server";

// Who may do what (PROTOCOL.md): only a facilitator key creates, uploads and imports; keys come
// from the operator (directly or by an invite used once) and stop at once when revoked or
// rotated; an upload belongs to its uploader; /metrics is the operator's; a facilitator token
// can be reset like a seat's code.

const OP = TEST_OPERATOR_KEY;

describe.each(backends)("access ($name)", (backend) => {
  let server: Running;
  let drop: () => Promise<void>;
  const call = (method: string, path: string, token?: string, body?: unknown) =>
    http(server.url, method, path, { token, body });

  beforeAll(async () => {
    const fresh = await backend.fresh();
    server = await startServer(fresh.db, { METRICS_TOKEN: "scraper-token-0123456789abcdef" });
    drop = async () => {
      await server.stop();
      await fresh.db.close();
      await fresh.drop();
    };
  });
  afterAll(async () => drop?.());

  it("refuses game creation, uploads and imports without a key, saying to ask the operator", async () => {
    const game = (await call("POST", "/api/games", OP, { scenarioId: "great-rebalancing" })).body;
    const seatToken = (
      await call("POST", `/api/games/${game.gameId}/join`, undefined, {
        code: game.joinCodes["cn-president"],
        name: "Li",
      })
    ).body.token;
    expect(seatToken).toMatch(/^gt_/);
    for (const token of [undefined, "fk_not-a-key-at-all-000000000000", seatToken, game.facilitatorToken]) {
      for (const [path, body] of [
        ["/api/games", { scenarioId: "great-rebalancing" }],
        ["/api/scenarios", { ...tinyScenario, id: "sneaky" }],
        ["/api/games/import", { format: "summitry-game" }],
        // A malformed body is still "who are you?" first, not a validation error that confirms the route.
        ["/api/games", { nonsense: true }],
      ] as const) {
        const r = await call("POST", path, token, body);
        expect(r.status, `${path} with ${token?.slice(0, 3)}`).toBe(401);
        expect(r.body.error.code).toBe("unauthorized");
        expect(r.body.error.message).toMatch(/operator/);
      }
    }
    expect((await call("GET", "/api/scenarios", OP)).body.map((s: { id: string }) => s.id)).not.toContain("sneaky");
  });

  it("issues keys only to the operator or an invite, and an invite only once", async () => {
    expect((await call("POST", "/api/facilitators", undefined, { name: "Eve" })).status).toBe(401);
    const teacher = await facilitatorKey(server.url, "Ms Lee");
    expect(await call("GET", "/api/me", teacher)).toMatchObject({
      status: 200,
      body: { name: "Ms Lee", operator: false },
    });
    // A facilitator is not the operator: no keys, no invites, no list of keys.
    expect((await call("POST", "/api/facilitators", teacher, { name: "Friend" })).status).toBe(403);
    expect((await call("POST", "/api/invites", teacher, {})).status).toBe(403);
    expect((await call("GET", "/api/facilitators", teacher)).status).toBe(403);

    const invite = await call("POST", "/api/invites", OP, { name: "Mr Chen", hours: 2 });
    expect(invite.status).toBe(201);
    const redeemed = await call("POST", "/api/facilitators", undefined, { invite: invite.body.invite });
    expect(redeemed.status).toBe(201);
    expect(redeemed.body.name).toBe("Mr Chen");
    expect((await call("GET", "/api/me", redeemed.body.facilitatorKey)).body.name).toBe("Mr Chen");
    const again = await call("POST", "/api/facilitators", undefined, { invite: invite.body.invite, name: "Eve" });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe("invalid_invite");

    // Two people redeeming one invite at once: one key, not two.
    const race = (await call("POST", "/api/invites", OP, {})).body.invite;
    const both = await Promise.all(
      [1, 2, 3].map((i) => call("POST", "/api/facilitators", undefined, { invite: race, name: `R${i}` })),
    );
    expect(both.filter((r) => r.status === 201)).toHaveLength(1);

    // An expired invite opens nothing.
    await server.ctx.store.keys.insertInvite({
      id: "i-expired",
      codeHash: hashSecret("invite:iv_expired-invite"),
      name: "",
      createdBy: (await call("GET", "/api/me", OP)).body.id,
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await call("POST", "/api/facilitators", undefined, { invite: "iv_expired-invite" })).status).toBe(401);

    const listed = (await call("GET", "/api/invites", OP)).body;
    expect(listed.find((i: { id: string }) => i.id === invite.body.id).usedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(invite.body.invite);
    expect((await call("DELETE", "/api/invites/i-expired", OP)).status).toBe(204);
  });

  it("stops a revoked or rotated key at once, and never revokes the operator", async () => {
    const key = await facilitatorKey(server.url, "Leaving");
    const me = (await call("GET", "/api/me", key)).body;
    const made = await call("POST", "/api/games", key, { scenarioId: "great-rebalancing" });
    expect(made.status).toBe(201);
    const rotated = await call("POST", `/api/facilitators/${me.id}/rotate`, key);
    expect(rotated.status).toBe(200);
    expect((await call("GET", "/api/me", key)).status).toBe(401);
    const fresh = rotated.body.facilitatorKey;
    expect((await call("GET", "/api/games", fresh)).body.map((g: { gameId: string }) => g.gameId)).toEqual([
      made.body.gameId,
    ]);

    expect((await call("DELETE", `/api/facilitators/${me.id}`, OP)).status).toBe(204);
    const after = await call("POST", "/api/games", fresh, { scenarioId: "great-rebalancing" });
    expect(after.status).toBe(401);
    expect(after.body.error.message).toMatch(/revoked/);
    expect((await call("POST", `/api/games/${made.body.gameId}/facilitator-token`, fresh)).status).toBe(401);
    const list = (await call("GET", "/api/facilitators", OP)).body;
    expect(list.find((f: { id: string }) => f.id === me.id).revokedAt).not.toBeNull();
    expect(JSON.stringify(list)).not.toMatch(/fk_/);

    const opId = (await call("GET", "/api/me", OP)).body.id;
    expect((await call("DELETE", `/api/facilitators/${opId}`, OP)).status).toBe(409);
    expect((await call("GET", "/api/me", OP)).body.operator).toBe(true);
    expect((await call("DELETE", "/api/facilitators/f-nobody", OP)).status).toBe(404);
  });

  it("keeps an upload to its uploader until the operator makes it public", async () => {
    const alice = await facilitatorKey(server.url, "Alice");
    const bob = await facilitatorKey(server.url, "Bob");
    const lab = { ...structuredClone(tinyScenario), id: "alice-lab", title: "Alice's lab" };

    // Validation without publishing: every problem, nothing stored.
    const dry = await http(server.url, "POST", "/api/scenarios?dryRun=true", { token: alice, body: lab });
    expect(dry).toMatchObject({ status: 200, body: { ok: true, id: "alice-lab", version: 1 } });
    const dryBad = await http(server.url, "POST", "/api/scenarios?dryRun=true", {
      token: alice,
      body: { ...lab, issues: [] },
    });
    expect(dryBad.status).toBe(400);
    expect(dryBad.body.error.details.problems.length).toBeGreaterThan(0);
    expect((await call("GET", "/api/scenarios", alice)).body.map((s: { id: string }) => s.id)).not.toContain(
      "alice-lab",
    );

    expect((await call("POST", "/api/scenarios", alice, lab)).status).toBe(201);
    const mine = (await call("GET", "/api/scenarios", alice)).body.find((s: { id: string }) => s.id === "alice-lab");
    expect(mine).toEqual({
      id: "alice-lab",
      version: 1,
      title: "Alice's lab",
      summary: tinyScenario.summary,
      builtIn: false,
      public: false,
      mine: true,
    });

    // Bob neither sees it, reads it, uses it nor versions it; nor does anyone without a key.
    for (const token of [bob, undefined]) {
      expect((await call("GET", "/api/scenarios", token)).body.map((s: { id: string }) => s.id)).not.toContain(
        "alice-lab",
      );
      expect((await call("GET", "/api/scenarios/alice-lab", token)).status).toBe(404);
    }
    const bobGame = await call("POST", "/api/games", bob, { scenarioId: "alice-lab" });
    expect(bobGame.status).toBe(404);
    const bobV2 = await call("POST", "/api/scenarios", bob, { ...lab, version: 2, title: "Bob's now" });
    expect(bobV2.status).toBe(409);
    expect(bobV2.body.error.code).toBe("scenario_id_taken");
    expect((await call("DELETE", "/api/scenarios/alice-lab", bob)).status).toBe(404);
    expect((await call("POST", "/api/scenarios/alice-lab/public", alice, { public: true })).status).toBe(403);

    // Alice uses and versions it; a token of her game reads its public fields.
    const g = await call("POST", "/api/games", alice, { scenarioId: "alice-lab" });
    expect(g.status).toBe(201);
    const seat = (
      await call("POST", `/api/games/${g.body.gameId}/join`, undefined, { code: g.body.joinCodes["s-lead"], name: "S" })
    ).body.token;
    const read = await call("GET", "/api/scenarios/alice-lab", seat);
    expect(read.status).toBe(200);
    for (const secret of ['"brief"', '"points"', '"reservation"', '"objectives"', '"injects"'])
      expect(JSON.stringify(read.body)).not.toContain(secret);
    expect((await call("POST", "/api/scenarios", alice, { ...lab, version: 2 })).status).toBe(201);
    // Used by a game: it stays for that game's record.
    const inUse = await call("DELETE", "/api/scenarios/alice-lab", alice);
    expect(inUse.status).toBe(409);
    expect(inUse.body.error.code).toBe("scenario_in_use");
    expect((await call("DELETE", "/api/scenarios/alice-lab?version=2", alice)).status).toBe(204);

    // The operator makes it public: now every key may create from it, but only Alice versions it.
    expect((await call("POST", "/api/scenarios/alice-lab/public", OP, { public: true })).status).toBe(200);
    const listed = (await call("GET", "/api/scenarios", bob)).body.find((s: { id: string }) => s.id === "alice-lab");
    expect(listed).toMatchObject({ public: true, mine: false, version: 1 });
    expect((await call("POST", "/api/games", bob, { scenarioId: "alice-lab" })).status).toBe(201);
    expect((await call("POST", "/api/scenarios", bob, { ...lab, version: 3 })).status).toBe(409);
    expect((await call("DELETE", "/api/scenarios/alice-lab", bob)).status).toBe(403);

    // An unused upload can go.
    expect((await call("POST", "/api/scenarios", bob, { ...lab, id: "bob-draft" })).status).toBe(201);
    expect((await call("DELETE", "/api/scenarios/bob-draft", bob)).status).toBe(204);
    expect((await call("GET", "/api/scenarios", bob)).body.map((s: { id: string }) => s.id)).not.toContain("bob-draft");
  });

  it("reserves the built-in ids: an upload of great-rebalancing v2 is refused and changes nothing", async () => {
    const before = (await call("GET", "/api/scenarios/great-rebalancing")).body;
    const evil = await call("POST", "/api/scenarios", OP, {
      ...structuredClone(tinyScenario),
      id: "great-rebalancing",
      version: 2,
    });
    expect(evil.status).toBe(409);
    expect(evil.body.error.code).toBe("reserved_scenario_id");
    expect((await call("GET", "/api/scenarios/great-rebalancing")).body).toEqual(before);
    const listed = (await call("GET", "/api/scenarios")).body.find((s: { id: string }) => s.id === "great-rebalancing");
    expect(listed).toMatchObject({ version: 1, builtIn: true });
    // The listing is metadata: no scenario document rides along.
    expect(JSON.stringify((await call("GET", "/api/scenarios", OP)).body)).not.toMatch(/"(roles|issues|sides)"/);
  });

  it("shows /metrics to the operator and METRICS_TOKEN only, and a GET changes nothing", async () => {
    const teacher = await facilitatorKey(server.url);
    expect((await call("GET", "/metrics")).status).toBe(401);
    expect((await call("GET", "/metrics", teacher)).status).toBe(403);
    const game = (await call("POST", "/api/games", OP, { scenarioId: "great-rebalancing" })).body;
    await call("POST", `/api/games/${game.gameId}/moves`, game.facilitatorToken, { type: "note", text: "hi" });
    const before = await call("GET", "/metrics?reset=true", OP);
    expect(before.status).toBe(200);
    const scraped = await call("GET", "/metrics", "scraper-token-0123456789abcdef");
    expect(scraped.status).toBe(200);
    expect(scraped.body.games.appended).toBeGreaterThanOrEqual(before.body.games.appended);
    expect((await call("POST", "/metrics/reset", teacher)).status).toBe(403);
    expect((await call("POST", "/metrics/reset", OP)).status).toBe(204);
  });

  it("tells both people when a second one joins a seat, and records a name once", async () => {
    const game = (await call("POST", "/api/games", OP, { scenarioId: "great-rebalancing" })).body;
    const join = (name: string) =>
      call("POST", `/api/games/${game.gameId}/join`, undefined, { code: game.joinCodes["us-treasury"], name });
    const ana = await join("Ana");
    expect(ana.body.holders).toEqual([]);
    const anaSocket = await connect(server.url, ana.body.token);
    const ben = await join("Ben");
    expect(ben.body.holders).toEqual(["Ana"]);
    // Ana hears of Ben through the record's seatJoined event on her own seat.
    const start = Date.now();
    const heard = () => anaSocket.events().some((e) => e.event.type === "seatJoined" && e.event.payload.name === "Ben");
    while (!heard() && Date.now() - start < 10_000) await new Promise((r) => setTimeout(r, 10));
    expect(heard()).toBe(true);
    // Opening the link again under the same name: no second name on the roster.
    expect((await join("ana ")).body.holders).toEqual(["Ben"]);
    const view = (await connect(server.url, ana.body.token)).view;
    expect(view.seats.find((s: { id: string }) => s.id === "us-treasury").names).toEqual(["Ana", "Ben"]);
    anaSocket.close();
  });

  it("resets a facilitator token: the old one stops on HTTP and on its socket at once", async () => {
    const owner = await facilitatorKey(server.url);
    const game = (await call("POST", "/api/games", owner, { scenarioId: "great-rebalancing" })).body;
    const spare = (await call("POST", `/api/games/${game.gameId}/facilitator-token`, owner)).body.facilitatorToken;
    const seatToken = (
      await call("POST", `/api/games/${game.gameId}/join`, undefined, {
        code: game.joinCodes["us-president"],
        name: "P",
      })
    ).body.token;
    expect(seatToken).toMatch(/^gt_/);
    expect((await call("POST", `/api/games/${game.gameId}/facilitator-token/reset`, seatToken)).status).toBe(403);

    const console1 = await connect(server.url, game.facilitatorToken);
    const closed = new Promise<string>((resolve) => console1.socket.once("disconnect", (reason) => resolve(reason)));
    const reset = await call("POST", `/api/games/${game.gameId}/facilitator-token/reset`, game.facilitatorToken);
    expect(reset.status).toBe(200);
    expect(await closed).toBe("io server disconnect");
    for (const old of [game.facilitatorToken, spare]) {
      expect((await call("GET", `/api/games/${game.gameId}`, old)).status).toBe(401);
      const moved = await call("POST", `/api/games/${game.gameId}/moves`, old, { type: "resume" });
      expect(moved.status).toBe(401);
    }
    const refused = await connect(server.url, game.facilitatorToken).then(
      () => "connected",
      (err: Error) => err.message,
    );
    expect(refused).toBe("unauthorized");
    const fresh = await connect(server.url, reset.body.facilitatorToken);
    expect(fresh.view.seat.id).toBe("facilitator");
    fresh.close();
    // The owner's key still opens the game and can mint a token again.
    expect((await call("POST", `/api/games/${game.gameId}/facilitator-token/reset`, owner)).status).toBe(200);
  });
});
