import { describe, expect, it } from "vitest";
import { backends } from "../support/backends";
import { http, startServer, TEST_OPERATOR_KEY } from "../support/server";

// A join is one write: its seatJoined event and its token are stored together or not at all.
// A trigger makes the token's insert fail for one name; the record then holds no trace of it.

describe.each(backends)("a join is one transaction ($name)", (backend) => {
  it("stores neither the event nor the token when either fails", async () => {
    const fresh = await backend.fresh();
    const server = await startServer(fresh.db);
    try {
      await fresh.db.query(`
        CREATE FUNCTION refuse_token() RETURNS trigger AS $$
        BEGIN
          IF NEW.name = 'Refused Name' THEN RAISE EXCEPTION 'token refused for the test'; END IF;
          RETURN NEW;
        END $$ LANGUAGE plpgsql`);
      await fresh.db.query(
        "CREATE TRIGGER refuse_token BEFORE INSERT ON tokens FOR EACH ROW EXECUTE FUNCTION refuse_token()",
      );
      const game = (
        await http(server.url, "POST", "/api/games", {
          token: TEST_OPERATOR_KEY,
          body: { scenarioId: "great-rebalancing" },
        })
      ).body;
      const join = (name: string) =>
        http(server.url, "POST", `/api/games/${game.gameId}/join`, { body: { code: game.joinCodes["us-nsa"], name } });
      const count = async (sql: string) => (await fresh.db.query<{ n: number }>(sql, [game.gameId])).rows[0]!.n;
      const events = () => count("SELECT count(*)::int AS n FROM events WHERE game_id = $1 AND type = 'seatJoined'");
      const tokens = () => count("SELECT count(*)::int AS n FROM tokens WHERE game_id = $1 AND seat_id = 'us-nsa'");

      const refused = await join("Refused Name");
      expect(refused.status).toBe(500);
      expect(refused.body.error.code).toBe("internal");
      expect(JSON.stringify(refused.body)).not.toContain("token refused");
      expect([await events(), await tokens()]).toEqual([0, 0]);

      // The game is unharmed: the next join records its name and its token, and the seq follows on.
      const ok = await join("Ana");
      expect(ok.status).toBe(200);
      expect([await events(), await tokens()]).toEqual([1, 1]);
      const summary = await http(server.url, "GET", `/api/games/${game.gameId}/events`, { token: ok.body.token });
      expect(summary.body.map((e: { type: string }) => e.type)).toEqual(["seatJoined"]);
    } finally {
      await server.stop();
      await fresh.db.close();
      await fresh.drop();
    }
  });
});
