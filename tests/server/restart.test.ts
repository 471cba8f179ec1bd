import { afterAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/connect";
import { backends } from "../support/backends";
import { fastScenario } from "../support/fastScenario";
import { connect, http, startServer } from "../support/server";
import { storedGame } from "../support/storedGame";

// A restart loses nothing acknowledged, and a deadline that passed while the server was down
// fires at start-up, exactly once.

describe.each(backends)("a restart ($name)", (backend) => {
  const cleanup: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c().catch(() => {});
  });

  it("keeps every acknowledged move and fires the missed deadline once", async () => {
    const fresh = await backend.fresh();
    cleanup.push(fresh.drop);
    const first = await startServer(fresh.db);
    // A 3-second phase: stored directly, since an upload refuses phases under a minute.
    const game = await storedGame(first, fastScenario("tiny-fast", 3));
    const f = await connect(first.url, game.facilitatorToken);
    const acked: number[] = [];
    acked.push((await f.move({ type: "resume" })).seq);
    for (let i = 0; i < 10; i++) {
      const ack = await f.move({ type: "chat", channel: "team:north", text: `note ${i}` });
      expect(ack.ok).toBe(true);
      acked.push(ack.seq);
    }
    f.close();
    // Stop before the 3-second phase runs out, then stay down past its deadline.
    await first.stop();
    await fresh.db.close();
    await new Promise((r) => setTimeout(r, 3500));

    const db: Database = await fresh.reopen();
    const second = await startServer(db);
    cleanup.push(async () => {
      await second.stop();
      await db.close();
    });
    // The deadline fires as the server starts, once (the next phase runs ten minutes).
    const deadlines = async () => {
      const events = (
        await http(second.url, "GET", `/api/games/${game.gameId}/events`, { token: game.facilitatorToken })
      ).body;
      return events as { seq: number; type: string; at: number }[];
    };
    let events = await deadlines();
    for (let i = 0; i < 100 && !events.some((e) => e.type === "deadline"); i++) {
      await new Promise((r) => setTimeout(r, 50));
      events = await deadlines();
    }
    expect(events.map((e) => e.seq).slice(0, acked.length)).toEqual(acked);
    const fired = events.filter((e) => e.type === "deadline");
    expect(fired).toHaveLength(1);
    expect(fired[0]!.seq).toBe(acked.length + 1);
    const g = (await http(second.url, "GET", `/api/games/${game.gameId}`, { token: game.facilitatorToken })).body;
    expect(g.phase).toBe("round1");
    // A second server start (both now running) must not fire it again.
    const third = await startServer(backend.name === "postgres" ? await fresh.reopen() : db);
    cleanup.push(async () => {
      await third.stop();
    });
    await new Promise((r) => setTimeout(r, 500));
    expect((await deadlines()).filter((e) => e.type === "deadline")).toHaveLength(1);
  });
});
