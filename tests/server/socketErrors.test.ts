import { io } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { connect, http, type Running, type SeatClient, startServer, TEST_OPERATOR_KEY } from "../support/server";

// Every error a socket can meet: each gets its code, changes nothing, and the server goes on
// serving everyone else.

describe("socket errors", () => {
  let server: Running;
  let game: { gameId: string; facilitatorToken: string; joinCodes: Record<string, string>; observerCode: string };
  const tokens: Record<string, string> = {};
  let fac: SeatClient;
  let lead: SeatClient;

  beforeAll(async () => {
    server = await startServer((await backends[0]!.fresh()).db, { MOVES_PER_SECOND: "10", MOVE_BURST: "20" });
    await http(server.url, "POST", "/api/scenarios", { token: TEST_OPERATOR_KEY, body: tinyScenario });
    game = (
      await http(server.url, "POST", "/api/games", { token: TEST_OPERATOR_KEY, body: { scenarioId: "tiny-summit" } })
    ).body;
    for (const seat of ["n-lead", "n-fish", "s-lead"]) {
      tokens[seat] = (
        await http(server.url, "POST", `/api/games/${game.gameId}/join`, {
          body: { code: game.joinCodes[seat], name: seat },
        })
      ).body.token;
    }
    tokens.observer = (
      await http(server.url, "POST", `/api/games/${game.gameId}/join`, {
        body: { code: game.observerCode, name: "Wall" },
      })
    ).body.token;
    fac = await connect(server.url, game.facilitatorToken);
    lead = await connect(server.url, tokens["n-lead"]!);
  });
  afterAll(async () => {
    fac?.close();
    lead?.close();
    await server?.stop();
    await server?.ctx.db.close();
  });

  const refusedWith = async (client: SeatClient, move: unknown, code: string) => {
    const before = server.ctx.service.loaded(game.gameId)!.state;
    const ack = await client.move(move);
    expect(ack, JSON.stringify(move)?.slice(0, 80)).toMatchObject({ ok: false, error: { code } });
    expect(typeof ack.error.message).toBe("string");
    expect(server.ctx.service.loaded(game.gameId)!.state).toBe(before);
  };

  it("refuses a bad token at the handshake with the error code as the message", async () => {
    for (const auth of [{ token: "gt_nope" }, {}, { token: 42 }]) {
      const s = io(server.url, { auth, transports: ["websocket"], reconnection: false, forceNew: true });
      const err = await new Promise<Error>((resolve) => s.once("connect_error", resolve));
      expect(err.message).toBe("unauthorized");
      s.close();
    }
  });

  it("refuses moves that are not moves", async () => {
    await refusedWith(lead, null, "unknown_move");
    await refusedWith(lead, "propose", "unknown_move");
    await refusedWith(lead, { type: "teleport" }, "unknown_move");
    await refusedWith(lead, { type: "propose", terms: "all of it" }, "invalid_move");
    await refusedWith(lead, { type: "sign", draftVersion: -1 }, "invalid_move");
  });

  it("refuses a player's facilitator move, and an observer's any move", async () => {
    await refusedWith(lead, { type: "advancePhase" }, "not_facilitator");
    await refusedWith(lead, { type: "endGame" }, "not_facilitator");
    const wall = await connect(server.url, tokens.observer!);
    await refusedWith(wall, { type: "chat", channel: "table", text: "hi" }, "read_only");
    wall.close();
  });

  it("refuses an oversized message with too_large", async () => {
    await refusedWith(lead, { type: "chat", channel: "team:north", text: "x".repeat(70_000) }, "too_large");
  });

  it("refuses a flood beyond the burst with rate_limited, and lets the seat move again after a pause", async () => {
    const flooder = await connect(server.url, tokens["n-fish"]!);
    const acks = await Promise.all(
      Array.from({ length: 30 }, (_, i) => flooder.move({ type: "chat", channel: "team:north", text: `flood ${i}` })),
    );
    const limited = acks.filter((a) => a.ok === false && a.error.code === "rate_limited").length;
    expect(acks.filter((a) => a.ok).length).toBeGreaterThanOrEqual(20);
    expect(limited).toBeGreaterThanOrEqual(5);
    // Another connection is not held back by this one's flood.
    expect(await lead.move({ type: "chat", channel: "team:north", text: "still here" })).toMatchObject({ ok: true });
    await new Promise((r) => setTimeout(r, 400));
    expect(await flooder.move({ type: "chat", channel: "team:north", text: "calmer now" })).toMatchObject({ ok: true });
    flooder.close();
  });

  it("answers a malformed resume with a typed error, and a good one with the missed events", async () => {
    const got = new Promise<{ code: string }>((resolve) => lead.socket.once("error_message", resolve));
    lead.socket.emit("resume", { fromSeq: "yesterday" });
    expect((await got).code).toBe("invalid_input");
  });

  it("goes on serving: the facilitator's moves are acknowledged after the failed ones", async () => {
    const ack = await fac.move({ type: "resume" });
    expect(ack).toMatchObject({ ok: true });
    await lead.until(ack.seq);
    expect(lead.view.phase.paused).toBe(false);
  });
});
