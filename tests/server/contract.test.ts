import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import {
  createdGame,
  createdInvite,
  createdKey,
  errorSchema,
  eventList,
  facilitatorList,
  facilitatorTokenAnswer,
  gameList,
  gameSummary,
  handshakeRefusal,
  health,
  imported,
  inviteList,
  joined,
  joinedAnywhere,
  me,
  moveAccepted,
  moveAck,
  rotatedKey,
  type ServerMessageName,
  scenarioList,
  seatCodeAnswer,
  serverToClient,
  uploadChecked,
} from "../../shared/contract/index";
import { publicScenarioSchema } from "../../shared/index";
import { defaultScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { leaks, privateTextsOf } from "../support/secrets";
import { connect, http, type Running, type SeatClient, startServer, TEST_OPERATOR_KEY } from "../support/server";

// The wire contract (shared/contract/) against a real server: every answer of the main routes and
// every socket message a facilitator and seats receive must parse with the contract's schema, so
// that a server drifting from its contract (a field renamed, a shape changed) fails here, and the
// client, which parses with the same schemas, would not silently build on a wrong shape.

/** The value parsed by the schema, or a failure that says where the server and the contract part. */
function parses<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    expect.fail(`${what} does not match the contract: ${issues}\n${JSON.stringify(value).slice(0, 600)}`);
  }
  return parsed.data;
}

const GAME = "great-rebalancing";

describe.each(backends)("the wire contract against a real server ($name)", (backend) => {
  let server: Running;
  let drop: () => Promise<void>;
  const clients = new Map<string, SeatClient>();
  let key = "";
  let gameId = "";
  let facilitatorToken = "";
  const seatTokens = new Map<string, string>();

  beforeAll(async () => {
    const fresh = await backend.fresh();
    drop = fresh.drop;
    server = await startServer(fresh.db);
  });
  afterAll(async () => {
    for (const c of clients.values()) c.close();
    await server?.stop();
    await server?.ctx.db.close();
    await drop?.();
  });

  const call = (method: string, path: string, options: { token?: string; body?: unknown } = {}) =>
    http(server.url, method, path, options);

  it("keys, invites and the operator's lists", async () => {
    const made = await call("POST", "/api/facilitators", { token: TEST_OPERATOR_KEY, body: { name: "Ms Contract" } });
    expect(made.status).toBe(201);
    key = parses(createdKey, made.body, "POST /api/facilitators").facilitatorKey;
    parses(me, (await call("GET", "/api/me", { token: key })).body, "GET /api/me");
    parses(
      facilitatorList,
      (await call("GET", "/api/facilitators", { token: TEST_OPERATOR_KEY })).body,
      "facilitators",
    );
    const invite = await call("POST", "/api/invites", { token: TEST_OPERATOR_KEY, body: { name: "Mr Invited" } });
    expect(invite.status).toBe(201);
    const { invite: code } = parses(createdInvite, invite.body, "POST /api/invites");
    parses(inviteList, (await call("GET", "/api/invites", { token: TEST_OPERATOR_KEY })).body, "GET /api/invites");
    const redeemed = await call("POST", "/api/facilitators", { body: { invite: code } });
    const other = parses(createdKey, redeemed.body, "an invite redeemed");
    const rotated = await call("POST", `/api/facilitators/${other.id}/rotate`, { token: other.facilitatorKey });
    parses(rotatedKey, rotated.body, "rotate");
  });

  it("scenarios: the listing, the public fields, a dry-run upload", async () => {
    const list = parses(scenarioList, (await call("GET", "/api/scenarios", { token: key })).body, "GET /api/scenarios");
    expect(list.map((s) => s.id)).toContain(GAME);
    const one = await call("GET", `/api/scenarios/${GAME}`, { token: key });
    parses(publicScenarioSchema, one.body, "GET /api/scenarios/:id");
    const upload = { ...defaultScenario, id: "contract-check" };
    const dry = await call("POST", "/api/scenarios?dryRun=true", { token: key, body: upload });
    expect(dry.status).toBe(200);
    parses(uploadChecked, dry.body, "a dry-run upload");
  });

  it("games: create, list, summary, joins, tokens, seat reset", async () => {
    const created = await call("POST", "/api/games", { token: key, body: { scenarioId: GAME, seed: "contract" } });
    expect(created.status).toBe(201);
    const game = parses(createdGame, created.body, "POST /api/games");
    gameId = game.gameId;
    facilitatorToken = game.facilitatorToken;
    parses(gameList, (await call("GET", "/api/games", { token: key })).body, "GET /api/games");
    parses(gameSummary, (await call("GET", `/api/games/${gameId}`, { token: key })).body, "GET /api/games/:id");
    const seats = ["us-president", "us-treasury", "cn-president", "cn-vice-premier"];
    for (const seat of seats) {
      const code = game.joinCodes[seat]!;
      const j = await call("POST", `/api/games/${gameId}/join`, { body: { code, name: `Student ${seat}` } });
      seatTokens.set(seat, parses(joined, j.body, `join ${seat}`).token);
    }
    const anywhere = await call("POST", "/api/join", { body: { code: game.observerCode, name: "Projector" } });
    seatTokens.set("observer", parses(joinedAnywhere, anywhere.body, "POST /api/join").token);
    const again = await call("POST", `/api/games/${gameId}/facilitator-token`, { token: key });
    parses(facilitatorTokenAnswer, again.body, "facilitator-token");
    const reset = await call("POST", `/api/games/${gameId}/seats/us-commerce/reset`, { token: facilitatorToken });
    parses(seatCodeAnswer, reset.body, "a seat's reset");
  });

  it("refusals: every one in the one error shape, with a code of the closed set", async () => {
    const refusals = [
      await call("GET", "/api/games/nosuchgame", { token: key }),
      await call("GET", "/api/me"),
      await call("POST", "/api/games", { token: key, body: { scenarioId: GAME, surprise: 1 } }),
      await call("POST", `/api/games/${gameId}/moves`, { token: seatTokens.get("us-president"), body: { type: "x" } }),
      await call("POST", `/api/games/${gameId}/join`, { body: { code: "WRONG-CODE", name: "Nobody" } }),
    ];
    expect(refusals.map((r) => r.status)).toEqual([404, 401, 400, 400, 401]);
    for (const r of refusals) parses(errorSchema, r.body, `a ${r.status}`);
  });

  it("sockets: every message a facilitator and the seats receive parses, and acks do", async () => {
    clients.set("facilitator", await connect(server.url, facilitatorToken));
    for (const [seat, token] of seatTokens) clients.set(seat, await connect(server.url, token));
    const moves: [string, unknown][] = [
      ["facilitator", { type: "resume" }],
      ["us-treasury", { type: "chat", channel: "team:washington", text: "WASHINGTON-TEAM-CHAT: hold" }],
      ["cn-president", { type: "chat", channel: "team:beijing", text: "BEIJING-TEAM-CHAT: magnets" }],
      ["facilitator", { type: "advancePhase" }],
      ["us-treasury", { type: "chat", channel: "bc-treasury-vp", text: "BACKCHANNEL: fifty?" }],
      ["us-treasury", { type: "propose", terms: { tariffs: "extendTruce", purchases: "buy150bTwoYears" } }],
      [
        "cn-vice-premier",
        { type: "propose", terms: { tariffs: "cutFentanylTariff", purchases: "buy50bPerYear" }, inReplyTo: "p1" },
      ],
    ];
    let last = 0;
    for (const [seat, move] of moves) {
      const ack = parses(moveAck, await clients.get(seat)!.move(move), `ack of ${JSON.stringify(move)}`);
      expect(ack, JSON.stringify(move)).toMatchObject({ ok: true });
      if (ack.ok) last = ack.seq;
    }
    // A refused move's ack, and an error_message for a malformed resume, parse too.
    const refused = parses(moveAck, await clients.get("us-president")!.move({ type: "teleport" }), "a refusal");
    expect(refused).toMatchObject({ ok: false, error: { code: "unknown_move" } });
    clients.get("us-president")!.socket.emit("resume", { fromSeq: -1 });
    // A resume's events and its state parse as the live ones do.
    clients.get("cn-president")!.socket.emit("resume", { fromSeq: 0 });
    for (const c of clients.values()) await c.until(last);
    const waitFor = async (c: SeatClient, name: string) => {
      for (let i = 0; i < 400 && !c.received.some((r) => r.name === name); i++)
        await new Promise((r) => setTimeout(r, 5));
    };
    await waitFor(clients.get("us-president")!, "error_message");
    await waitFor(clients.get("facilitator")!, "presence");

    const names = new Set<string>();
    for (const [seat, c] of clients) {
      for (const r of c.received) {
        expect(Object.keys(serverToClient), `${seat} got "${r.name}"`).toContain(r.name);
        parses(serverToClient[r.name as ServerMessageName], r.payload, `${seat}'s "${r.name}"`);
        names.add(r.name);
      }
    }
    expect([...names].sort()).toEqual(["error_message", "event", "presence", "state"]);
    // Over HTTP, a seat's event log parses as the socket's events do.
    const events = await call("GET", `/api/games/${gameId}/events`, { token: seatTokens.get("cn-president") });
    parses(eventList, events.body, "GET /api/games/:id/events");
    const byHttp = await call("POST", `/api/games/${gameId}/moves`, {
      token: seatTokens.get("us-president"),
      body: { type: "statement", text: "A statement over HTTP." },
    });
    parses(moveAccepted, byHttp.body, "POST /api/games/:id/moves");
  });

  it("a seat's parsed messages hold no other side's secrets; the facilitator's hold every side's", () => {
    const texts = {
      washington: [...privateTextsOf(defaultScenario, "washington"), "WASHINGTON-TEAM-CHAT"],
      beijing: [...privateTextsOf(defaultScenario, "beijing"), "BEIJING-TEAM-CHAT"],
    };
    for (const [seat, c] of clients) {
      // What the client keeps is what the contract parses out of a message: judge that.
      const kept = c.received.map((r) => parses(serverToClient[r.name as ServerMessageName], r.payload, r.name));
      const side = seat.startsWith("us-") ? "washington" : seat.startsWith("cn-") ? "beijing" : null;
      const text = JSON.stringify(kept);
      if (seat === "facilitator") {
        expect(leaks(text, texts.beijing).length).toBeGreaterThan(0);
        const state = kept.find((m) => "view" in m && m.view.secrets);
        expect(state && "view" in state ? state.view.secrets?.sides.map((s) => s.id) : null).toEqual([
          "washington",
          "beijing",
        ]);
        continue;
      }
      const others = side === "washington" ? texts.beijing : side === "beijing" ? texts.washington : [];
      expect(leaks(text, side ? others : [...texts.beijing, ...texts.washington]), seat).toEqual([]);
      if (seat !== "us-treasury" && seat !== "cn-vice-premier") expect(text.includes("BACKCHANNEL"), seat).toBe(false);
      for (const m of kept) {
        if (!("view" in m)) continue;
        expect(m.view.secrets, seat).toBeNull();
        expect(m.view.mine?.side.id ?? null, seat).toBe(side);
        // Points and reservations: only the seat's own side's, in `mine`.
        const pointsOf = Object.keys(m.view.mine?.side.points ?? {});
        if (side) expect(pointsOf.length, seat).toBeGreaterThan(0);
        else expect(text.includes('"reservation"'), seat).toBe(false);
      }
    }
  });

  it("a refused handshake's message is one of the contract's codes", async () => {
    const refused = await connect(server.url, "not-a-token").then(
      () => "connected",
      (err: Error) => err.message,
    );
    parses(handshakeRefusal, refused, "connect_error");
    expect(refused).toBe("unauthorized");
  });

  it("fork and import answer as the contract says; /health too", async () => {
    const fork = await call("POST", `/api/games/${gameId}/fork`, { token: facilitatorToken, body: { atSeq: 3 } });
    expect(fork.status).toBe(201);
    parses(createdGame, fork.body, "fork");
    const record = await call("GET", `/api/games/${gameId}/export?format=json`, { token: facilitatorToken });
    expect(record.status).toBe(200);
    const back = await call("POST", "/api/games/import", { token: key, body: record.body });
    expect(back.status, JSON.stringify(back.body)).toBe(201);
    parses(imported, back.body, "import");
    parses(health, (await call("GET", "/health")).body, "/health");
  });
});
