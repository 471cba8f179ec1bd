import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends";
import { connect, http, type Running, startServer, TEST_OPERATOR_KEY } from "../support/server";

// Names stay out of the compact view that travels with each event: however many join, an event
// costs the same. The whole view (`state`) carries them, and each `seatJoined` its own.

for (const backend of backends) {
  describe(`names and the compact event view (${backend.name})`, () => {
    let server: Running;
    let drop: () => Promise<void>;
    beforeAll(async () => {
      const fresh = await backend.fresh();
      drop = fresh.drop;
      server = await startServer(fresh.db);
    });
    afterAll(async () => {
      await server?.stop();
      await server?.ctx.db.close();
      await drop?.();
    });

    it("sends no names with an event, and the same size of view however many have joined", async () => {
      const game = (
        await http(server.url, "POST", "/api/games", {
          token: TEST_OPERATOR_KEY,
          body: { scenarioId: "great-rebalancing" },
        })
      ).body;
      const fac = await connect(server.url, game.facilitatorToken);
      const size = async (text: string) => {
        const seq = (await fac.move({ type: "note", text })).seq;
        await fac.until(seq);
        const m = fac.events().find((e) => e.seq === seq)!;
        // No seats at all in an event's view (issue #13): their names only in `state`.
        expect("seats" in m.view).toBe(false);
        return JSON.stringify(m.view).length;
      };
      const before = await size("note 1");
      for (let i = 0; i < 10; i++) {
        const r = await http(server.url, "POST", `/api/games/${game.gameId}/join`, {
          body: { code: game.joinCodes["us-treasury"], name: `A rather long display name, number ${i}` },
        });
        expect(r.status).toBe(200);
      }
      // Only the sequence numbers grew a digit (ten names of 40 characters were 400 more before).
      expect((await size("note 2")) - before).toBeLessThanOrEqual(4);
      const joins = fac.events().filter((e) => e.event.type === "seatJoined");
      expect(joins).toHaveLength(10);
      for (const j of joins) expect("seats" in j.view).toBe(false);
      // The whole view has them all.
      const again = await connect(server.url, game.facilitatorToken);
      expect(again.view.seats.find((s: { id: string }) => s.id === "us-treasury").names).toHaveLength(10);
      fac.close();
      again.close();
    });
  });
}
