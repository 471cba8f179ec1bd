import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/connect";
import { backends } from "../support/backends";
import { fastScenario } from "../support/fastScenario";
import { connect, http, startServer, TEST_OPERATOR_KEY } from "../support/server";

// A last call's end is the server's deadline like a phase's (service.ts arms the clock's endsAt):
// it fires by itself, over real sockets, and a restart while it runs keeps it. The shortest last
// call is a minute, so this test waits one out (about 62 s per database).

const MINUTE = 60_000;

describe.each(backends)("a last call on the server ($name)", (backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  it("shows every seat its end, refuses all but signing, and ends the game at its minute after a restart", async () => {
    const fresh = await backend.fresh();
    cleanup.push(fresh.drop);
    const first = await startServer(fresh.db);
    // The tiny scenario, its first phase ten minutes: only the last call can end it within the test.
    const scenario = fastScenario("tiny-last-call", 600);
    await http(first.url, "POST", "/api/scenarios", { token: TEST_OPERATOR_KEY, body: scenario });
    const created = await http(first.url, "POST", "/api/games", {
      token: TEST_OPERATOR_KEY,
      body: { scenarioId: scenario.id, seed: "last-call" },
    });
    expect(created.status).toBe(201);
    const { gameId, facilitatorToken } = created.body;
    // Version 3 brought the last call; a new game takes the latest version, which keeps it.
    expect(
      (await http(first.url, "GET", `/api/games/${gameId}`, { token: facilitatorToken })).body.rulesVersion,
    ).toBeGreaterThanOrEqual(3);
    const joined = await http(first.url, "POST", `/api/games/${gameId}/join`, {
      body: { code: created.body.joinCodes["n-fish"], name: "Ann" },
    });
    expect(joined.status).toBe(200);
    const seatToken: string = joined.body.token;

    const f = await connect(first.url, facilitatorToken);
    expect(await f.move({ type: "resume" })).toMatchObject({ ok: true });
    const called = await f.move({ type: "lastCall", minutes: 1 });
    expect(called).toMatchObject({ ok: true });
    const seat = await connect(first.url, seatToken);
    const endsAt: number = seat.view.phase.endsAt;
    expect(seat.view.phase.lastCall).toMatchObject({ minutes: 1 });
    expect(endsAt - seat.view.phase.lastCall.at).toBe(MINUTE);
    expect(await seat.move({ type: "chat", channel: "team:north", text: "Sign?" })).toMatchObject({
      ok: false,
      error: { code: "last_call", details: { endsAt, open: ["sign", "unsign"] } },
    });
    expect(await f.move({ type: "lastCall", minutes: 2 })).toMatchObject({ ok: false, error: { code: "last_call" } });
    f.close();
    seat.close();

    // A restart while the last call runs: the new server arms its end from the stored game.
    await first.stop();
    await fresh.db.close();
    const db: Database = await fresh.reopen();
    const second = await startServer(db);
    cleanup.push(async () => {
      await second.stop();
      await db.close();
    });
    const watcher = await connect(second.url, seatToken);
    expect(watcher.view.phase).toMatchObject({ endsAt, lastCall: { minutes: 1 } });
    expect(watcher.view.outcome).toBeNull();
    const wait = endsAt - Date.now() + 10_000;
    await watcher.until(called.seq + 1, Math.max(wait, 1_000));
    const deadline = watcher.events().find((e) => e.event?.type === "deadline");
    expect(deadline?.event).toMatchObject({ type: "deadline", actor: { system: true } });
    expect(deadline.event.at).toBeGreaterThanOrEqual(endsAt);
    expect(watcher.view.outcome).toMatchObject({ agreement: false, reason: "deadline" });
    watcher.close();
    const summary = (await http(second.url, "GET", `/api/games/${gameId}`, { token: facilitatorToken })).body;
    expect(summary.status).toBe("over");
  }, 120_000);
});
