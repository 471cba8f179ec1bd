import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replay } from "../../shared/index";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { connect, http, type Running, startServer, TEST_OPERATOR_KEY } from "../support/server";

// The facilitator sees who is connected; a long game is loaded from its latest snapshot plus
// the events after it, and an idle, unwatched game leaves memory and comes back intact.

describe.each(backends)("presence, snapshots and eviction ($name)", (backend) => {
  let server: Running;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await backend.fresh();
    drop = fresh.drop;
    // The facilitator's 25 moves in a row are more than one seat's burst of 20 (server/limits).
    server = await startServer(fresh.db, { SNAPSHOT_EVERY: "10", IDLE_EVICT_SECONDS: "1", MOVE_BURST: "100" });
    await http(server.url, "POST", "/api/scenarios", { token: TEST_OPERATOR_KEY, body: tinyScenario });
  });
  afterAll(async () => {
    await server?.stop();
    await server?.ctx.db.close();
    await drop?.();
  });

  it("tells the facilitator whenever someone connects or leaves", async () => {
    const game = (
      await http(server.url, "POST", "/api/games", { token: TEST_OPERATOR_KEY, body: { scenarioId: "tiny-summit" } })
    ).body;
    const fac = await connect(server.url, game.facilitatorToken);
    const latest = () =>
      fac.received.filter((r) => r.name === "presence").at(-1)?.payload.seats as { id: string; connected: boolean }[];
    const connected = () =>
      (latest() ?? [])
        .filter((s) => s.connected)
        .map((s) => s.id)
        .sort();
    const waitFor = async (ids: string[]) => {
      for (let i = 0; i < 400 && JSON.stringify(connected()) !== JSON.stringify([...ids].sort()); i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(connected()).toEqual([...ids].sort());
    };
    await waitFor(["facilitator"]);
    const token = (
      await http(server.url, "POST", `/api/games/${game.gameId}/join`, {
        body: { code: game.joinCodes["s-lead"], name: "Sol" },
      })
    ).body.token;
    const sol = await connect(server.url, token);
    await waitFor(["facilitator", "s-lead"]);
    expect(latest().map((s) => s.id)).toEqual([
      "n-lead",
      "n-fish",
      "n-aide",
      "s-lead",
      "s-fish",
      "observer",
      "facilitator",
    ]);
    // A player never receives presence.
    expect(sol.received.some((r) => r.name === "presence")).toBe(false);
    sol.close();
    await waitFor(["facilitator"]);
    fac.close();
  });

  it("loads a long game from its snapshot and later events, after leaving memory", async () => {
    const game = (
      await http(server.url, "POST", "/api/games", {
        token: TEST_OPERATOR_KEY,
        body: { scenarioId: "tiny-summit", seed: "snap" },
      })
    ).body;
    const move = (m: unknown) =>
      http(server.url, "POST", `/api/games/${game.gameId}/moves`, { body: m, token: game.facilitatorToken });
    await move({ type: "resume" });
    for (let i = 0; i < 24; i++) expect((await move({ type: "note", text: `note ${i}` })).body.ok).toBe(true);
    const before = server.ctx.service.loaded(game.gameId)!.state;
    const snaps = await server.ctx.db.query<{ seq: number }>(
      "SELECT seq FROM snapshots WHERE game_id = $1 ORDER BY seq",
      [game.gameId],
    );
    // Taken at 10 and 20 (every 10 here, then each time the game grew by half); only the latest kept.
    expect(snaps.rows.map((r) => r.seq)).toEqual([20]);

    await new Promise((r) => setTimeout(r, 1100));
    expect(server.ctx.service.evictIdle(() => false)).toBeGreaterThanOrEqual(1);
    expect(server.ctx.service.loaded(game.gameId)).toBeUndefined();

    const reloaded = await server.ctx.service.get(game.gameId);
    expect(reloaded!.state).toEqual(before);
    const events = (await http(server.url, "GET", `/api/games/${game.gameId}/events`, { token: game.facilitatorToken }))
      .body;
    expect(replay(reloaded!.state.scenario, "snap", events)).toEqual(before);
    // And it goes on: the next move chains to the stored head.
    expect((await move({ type: "note", text: "after the reload" })).body).toMatchObject({ ok: true, seq: 26 });
  });
});
