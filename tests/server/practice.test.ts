import { afterAll, describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { connect, http, startServer } from "../support/server";

// Solo practice (issue #12): no key, the student on one side's leader seat, bots in every seat of
// the other side, the clock started by the server; limited per address; a bad side changes nothing.

describe.each(backends)("solo practice ($name)", (backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  it("starts a game against a bot team with the clock running, and is limited per address", async () => {
    const fresh = await backend.fresh();
    cleanup.push(fresh.drop);
    const s = await startServer(fresh.db, {
      PRACTICE_GAMES_PER_HOUR_PER_ADDRESS: "2",
      BOT_DELAY_MIN_MS: "20",
      BOT_DELAY_MAX_MS: "60",
      BOT_IDLE_MS: "200",
    });
    cleanup.push(() => s.stop());

    const options = await http(s.url, "GET", "/api/practice");
    expect(options.status).toBe(200);
    expect(options.body.sides.map((x: { id: string }) => x.id)).toEqual(["washington", "beijing"]);
    expect(options.body.defaultStrategy).toBe("linear");
    // A third of each phase's minutes, at least one.
    expect(options.body.phaseMinutes.map((p: { minutes: number }) => p.minutes)).toEqual(
      defaultScenario.phases.map((p) => Math.max(1, Math.round(p.minutes / 3))),
    );

    const badSide = await http(s.url, "POST", "/api/practice", { body: { side: "moscow" } });
    expect([badSide.status, badSide.body.error.code, badSide.body.error.details.path]).toEqual([
      400,
      "invalid_input",
      "/side",
    ]);
    const badStrategy = await http(s.url, "POST", "/api/practice", { body: { side: "beijing", strategy: "random" } });
    expect([badStrategy.status, badStrategy.body.error.code]).toEqual([400, "invalid_input"]);

    const made = await http(s.url, "POST", "/api/practice", {
      body: { side: "washington", strategy: "boulware", name: "Ada" },
    });
    expect(made.status).toBe(201);
    expect(made.body.seat).toBe("us-president");
    const { gameId, token } = made.body;
    const g = await http(s.url, "GET", `/api/games/${gameId}`, { token });
    expect(g.status).toBe(200);
    // Optional roles left out; Beijing's every seat a bot, Washington's other seats empty.
    const joined = Object.fromEntries(g.body.seats.map((x: { id: string; joined: boolean }) => [x.id, x.joined]));
    expect(joined).toEqual({
      "us-president": true,
      "us-treasury": false,
      "us-commerce": false,
      "cn-president": true,
      "cn-vice-premier": true,
      "cn-commerce": true,
    });
    const student = await connect(s.url, token);
    expect(student.view.phase.started).toBe(true);
    expect(student.view.phase.paused).toBe(false);
    const names = Object.fromEntries(student.view.seats.map((x: { id: string; names: string[] }) => [x.id, x.names]));
    expect(names["us-president"]).toEqual(["Ada"]);
    expect(names["cn-president"]).toEqual(["Bot (Boulware)"]);
    // Nobody holds the game's facilitator seat: the student's token is a seat's.
    expect(student.view.seat.id).toBe("us-president");
    expect(student.view.secrets).toBeNull();
    student.close();

    // The second of two an hour from this address, then 429.
    expect((await http(s.url, "POST", "/api/practice", { body: { side: "beijing" } })).status).toBe(201);
    const third = await http(s.url, "POST", "/api/practice", { body: { side: "beijing" } });
    expect([third.status, third.body.error.code]).toEqual([429, "rate_limited"]);
  });
});
