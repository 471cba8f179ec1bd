import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { connect, http, type Running, startServer, TEST_OPERATOR_KEY } from "../support/server";

// A client that drops and comes back with `resume` receives every event it missed, in order,
// then its whole view, then continues live.

describe.each(backends)("reconnect and resume ($name)", (backend) => {
  let server: Running;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const fresh = await backend.fresh();
    drop = fresh.drop;
    server = await startServer(fresh.db);
    await http(server.url, "POST", "/api/scenarios", { token: TEST_OPERATOR_KEY, body: tinyScenario });
  });
  afterAll(async () => {
    await server?.stop();
    await server?.ctx.db.close();
    await drop?.();
  });

  it("replays the missed events to the returning seat, then goes on live", async () => {
    const game = (
      await http(server.url, "POST", "/api/games", { token: TEST_OPERATOR_KEY, body: { scenarioId: "tiny-summit" } })
    ).body;
    const join = async (seat: string) =>
      (
        await http(server.url, "POST", `/api/games/${game.gameId}/join`, {
          body: { code: game.joinCodes[seat], name: seat },
        })
      ).body.token;
    const fishToken = await join("n-fish");
    const fac = await connect(server.url, game.facilitatorToken);
    const southFish = await connect(server.url, await join("s-fish"));
    let fish = await connect(server.url, fishToken);

    await fac.move({ type: "resume" });
    await fac.move({ type: "advancePhase" });
    const seen = (await fish.move({ type: "propose", terms: { fish: "north" } })).seq;
    await fish.until(seen);
    fish.close();

    // While n-fish is away: the other side answers, the South team talks, the facilitator notes.
    await southFish.move({ type: "reject", proposalId: "p1", note: "No." });
    await southFish.move({ type: "chat", channel: "team:south", text: "SOUTH-PRIVATE" });
    await southFish.move({ type: "propose", terms: { fish: "split" } });
    const last = (await fac.move({ type: "note", text: "Five minutes left.", to: ["north"] })).seq;

    fish = await connect(server.url, fishToken);
    // On connect the whole view already shows where things stand…
    expect(fish.view.seq).toBe(last);
    expect(fish.view.proposals.map((p: { id: string; status: string }) => [p.id, p.status])).toEqual([
      ["p1", "rejected"],
      ["p2", "open"],
    ]);
    // …and `resume` replays each missed event it may see, in order, then the view again.
    const before = fish.received.length;
    fish.socket.emit("resume", { fromSeq: seen });
    const deadline = Date.now() + 10_000;
    while (!fish.received.slice(before).some((r) => r.name === "state") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const replayed = fish.received.slice(before);
    const events = replayed.filter((r) => r.name === "event").map((r) => r.payload.event);
    expect(events.map((e) => e.type)).toEqual(["reject", "propose", "note"]);
    expect(replayed.filter((r) => r.name === "event").map((r) => r.payload.seq)).toEqual([seen + 1, seen + 3, last]);
    expect(JSON.stringify(replayed)).not.toContain("SOUTH-PRIVATE");
    expect(replayed.at(-1)!.name).toBe("state");

    const live = (await southFish.move({ type: "chat", channel: "table", text: "Back to it." })).seq;
    await fish.until(live);
    expect(fish.events().at(-1).event.payload.text).toBe("Back to it.");
    for (const c of [fish, fac, southFish]) c.close();
  });
});
