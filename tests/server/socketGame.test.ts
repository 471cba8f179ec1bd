import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { leaks, privateTextsOf } from "../support/secrets";
import { connect, http, type Running, type SeatClient, startServer, TEST_OPERATOR_KEY } from "../support/server";

// A whole game of the default scenario over real Socket.IO clients: one per seat, the
// facilitator and an observer, from joining to both signatures, on each database.

describe.each(backends)("a whole game over sockets ($name)", (backend) => {
  let server: Running;
  let drop: () => Promise<void>;
  const clients = new Map<string, SeatClient>();
  const tokens = new Map<string, string>();
  let gameId = "";
  let facilitatorKey = "";
  let lastSeq = 0;

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

  const move = async (seat: string, m: unknown) => {
    const ack = await clients.get(seat)!.move(m);
    expect(ack, `${seat} ${JSON.stringify(m)}`).toMatchObject({ ok: true });
    lastSeq = ack.seq;
    return ack;
  };

  it("creates a game, and every seat joins with its code and a name", async () => {
    facilitatorKey = TEST_OPERATOR_KEY;
    const created = await http(server.url, "POST", "/api/games", {
      token: facilitatorKey,
      body: { scenarioId: "great-rebalancing", title: "Period 3", seed: "p3" },
    });
    expect(created.status).toBe(201);
    gameId = created.body.gameId;
    tokens.set("facilitator", created.body.facilitatorToken);
    for (const [seat, code] of Object.entries<string>(created.body.joinCodes)) {
      const j = await http(server.url, "POST", `/api/games/${gameId}/join`, {
        body: { code, name: `Student ${seat}` },
      });
      expect(j.status).toBe(200);
      expect(j.body.seat.id).toBe(seat);
      tokens.set(seat, j.body.token);
    }
    const o = await http(server.url, "POST", `/api/games/${gameId}/join`, {
      body: { code: created.body.observerCode, name: "Projector" },
    });
    expect(o.body.seat).toEqual({ id: "observer" });
    tokens.set("observer", o.body.token);
    for (const [seat, token] of tokens) clients.set(seat, await connect(server.url, token));
    expect(clients.get("us-president")!.view.seat).toEqual({
      id: "us-president",
      side: "washington",
      role: "us-president",
    });
    expect(clients.get("us-president")!.view.mine.side.brief).toBe(defaultScenario.sides[0]!.brief);
  });

  it("plays from the briefing to both signatures", async () => {
    await move("facilitator", { type: "resume" });
    await move("us-treasury", {
      type: "chat",
      channel: "team:washington",
      text: "WASHINGTON-TEAM-CHAT: hold on chips",
    });
    await move("cn-commerce", {
      type: "chat",
      channel: "team:beijing",
      text: "BEIJING-TEAM-CHAT: magnets are our lever",
    });
    await move("facilitator", { type: "advancePhase" });
    await move("us-treasury", { type: "chat", channel: "bc-treasury-vp", text: "BACKCHANNEL: can we meet at 50?" });
    await move("us-treasury", { type: "propose", terms: { tariffs: "extendTruce", purchases: "buy150bTwoYears" } });
    await move("cn-vice-premier", {
      type: "propose",
      terms: { tariffs: "cutFentanylTariff", purchases: "buy50bPerYear" },
      inReplyTo: "p1",
    });
    await move("us-treasury", { type: "accept", proposalId: "p2" });
    await move("facilitator", { type: "advancePhase" });
    await move("us-president", { type: "statement", text: "We are here to make a great deal." });
    await move("us-president", {
      type: "propose",
      terms: {
        chips: "licenseDowngraded",
        rareEarths: "generalLicences",
        fentanyl: "schedulePrecursors",
        tiktok: "jointVenture",
        investment: "greenfieldPlants",
        taiwan: "privateAssurances",
        framing: "partnership",
      },
    });
    await move("cn-president", { type: "accept", proposalId: "p3" });
    await move("us-president", { type: "sign", draftVersion: 2 });
    await move("cn-president", { type: "sign", draftVersion: 2 });
    for (const c of clients.values()) await c.until(lastSeq);
    const outcome = clients.get("observer")!.view.outcome;
    expect(outcome).toMatchObject({ agreement: true, reason: "signed", scores: { washington: 77, beijing: 68 } });
  });

  it("every socket received the events it may see, in order", () => {
    for (const [seat, c] of clients) {
      const seqs = c.events().map((e) => e.seq);
      expect(seqs, seat).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size, seat).toBe(seqs.length);
      expect(seqs.at(-1), seat).toBe(lastSeq);
    }
    // Team chat and backchannels reach only their members: the others see a gap.
    const chats = (seat: string) =>
      clients
        .get(seat)!
        .events()
        .filter((e) => e.event.type === "chat")
        .map((e) => e.event.payload.channel);
    expect(chats("us-commerce")).toEqual(["team:washington"]);
    expect(chats("cn-commerce")).toEqual(["team:beijing"]);
    expect(chats("cn-vice-premier")).toEqual(["team:beijing", "bc-treasury-vp"]);
    expect(chats("observer")).toEqual([]);
    expect(chats("facilitator")).toEqual(["team:washington", "team:beijing", "bc-treasury-vp"]);
  });

  it("no socket received the other side's secrets before the game opened at its end", () => {
    const beijing = [...privateTextsOf(defaultScenario, "beijing"), "BEIJING-TEAM-CHAT"];
    const washington = [...privateTextsOf(defaultScenario, "washington"), "WASHINGTON-TEAM-CHAT"];
    for (const [seat, c] of clients) {
      if (seat === "facilitator") continue;
      // The last event ends a game that reveals everything at its end: judge what came before.
      const before = c.received.filter((r) => !(r.name === "event" && r.payload.seq === lastSeq));
      const text = JSON.stringify(before);
      const side = seat.startsWith("us-") ? "washington" : seat.startsWith("cn-") ? "beijing" : null;
      const others = side === "washington" ? beijing : side === "beijing" ? washington : [...beijing, ...washington];
      expect(leaks(text, others), seat).toEqual([]);
      const inBackchannel = seat === "us-treasury" || seat === "cn-vice-premier";
      if (!inBackchannel) expect(text.includes("BACKCHANNEL"), seat).toBe(false);
      for (const r of before) {
        const v = r.payload?.view;
        if (!v) continue;
        expect(v.secrets, seat).toBeNull();
        if (side) expect(v.mine.side.id, seat).toBe(side);
        else {
          expect(v.mine, seat).toBeNull();
          expect(JSON.stringify(v).includes('"points"'), seat).toBe(false);
          expect(JSON.stringify(v).includes('"reservation"'), seat).toBe(false);
        }
      }
    }
  });

  it("opens the game to every seat at its end, as the scenario says", () => {
    const last = clients.get("us-commerce")!.events().at(-1)!;
    expect(last.view.revealed).toBe(true);
    expect(last.view.secrets.sides.map((s: { id: string }) => s.id)).toEqual(["washington", "beijing"]);
  });

  it("logs no token, no code and no private text", () => {
    const logs = server.logs.join("\n");
    for (const token of tokens.values()) expect(logs.includes(token)).toBe(false);
    expect(
      leaks(logs, [...privateTextsOf(defaultScenario, "beijing"), ...privateTextsOf(defaultScenario, "washington")]),
    ).toEqual([]);
    expect(logs).not.toContain("TEAM-CHAT");
    expect(logs).toContain(gameId);
  });

  it("lists the game for its facilitator, with who joined and the outcome", async () => {
    const list = await http(server.url, "GET", "/api/games", { token: facilitatorKey });
    expect(list.status).toBe(200);
    expect(list.body).toHaveLength(1);
    expect(list.body[0]).toMatchObject({ gameId, status: "over", title: "Period 3" });
    expect(list.body[0].seats.every((s: { joined: boolean }) => s.joined)).toBe(true);
  });
});
