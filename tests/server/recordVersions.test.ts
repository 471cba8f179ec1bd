import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { genesisHash } from "../../server/games/hash";
import { verifyRecord } from "../../server/games/record";
import { registerRulesVersion, rulesOf } from "../../shared/rulesVersions";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { http, type Running, startServer, TEST_OPERATOR_KEY } from "../support/server";
import { DECOMPOSED, frozenRecord, versionOneExport } from "../support/versionedRecord";

// Rules versions through the server and its database: the column (old rows 1, new games the
// current version), imports of the frozen and of a version-1 export that come back out unchanged,
// a game stored before versions existed that goes on under version 1, and a rule change made
// while games run, which leaves them under their own version.

describe.each(backends)("rules versions on the server ($name)", (backend) => {
  let server: Running;
  let drop: () => Promise<void>;
  const key = TEST_OPERATOR_KEY;

  beforeAll(async () => {
    const fresh = await backend.fresh();
    drop = fresh.drop;
    server = await startServer(fresh.db);
    await http(server.url, "POST", "/api/scenarios", { token: key, body: tinyScenario });
  });
  afterAll(async () => {
    await server?.stop();
    await server?.ctx.db.close();
    await drop?.();
  });

  const newGame = async (seed: string) =>
    (await http(server.url, "POST", "/api/games", { token: key, body: { scenarioId: "tiny-summit", seed } })).body as {
      gameId: string;
      facilitatorToken: string;
    };
  const exportOf = async (gameId: string, token: string) =>
    (await http(server.url, "GET", `/api/games/${gameId}/export?format=json`, { token })).body;
  const importOf = (doc: unknown) => http(server.url, "POST", "/api/games/import", { token: key, body: doc });
  const move = (gameId: string, token: string, m: unknown) =>
    http(server.url, "POST", `/api/games/${gameId}/moves`, { token, body: m });
  const sql = <R>(text: string, params: unknown[] = []) => server.ctx.db.query<R>(text, params);

  it("stores each game's version: rows from before the column are 1, a new game the current version (4)", async () => {
    const defaults = await sql<{ column_default: string }>(
      "SELECT column_default FROM information_schema.columns WHERE table_name = 'games' AND column_name = 'rules_version'",
    );
    expect(defaults.rows[0]?.column_default).toBe("1");
    const game = await newGame("stored");
    const row = await sql<{ rules_version: number; last_hash: string }>(
      "SELECT rules_version, last_hash FROM games WHERE id = $1",
      [game.gameId],
    );
    // A new game takes the latest version: 4 since Control's rulings (issue #12).
    expect(row.rows[0]!.rules_version).toBe(4);
    expect(row.rows[0]!.last_hash).toBe(genesisHash(tinyScenario, "stored", 4));
    const summary = await http(server.url, "GET", `/api/games/${game.gameId}`, { token: game.facilitatorToken });
    expect(summary.body).toMatchObject({ rulesVersion: 4 });
    expect(await exportOf(game.gameId, game.facilitatorToken)).toMatchObject({ rulesVersion: 4, events: [] });
  });

  it("imports the frozen export, and exports it again event for event, hash for hash", async () => {
    const frozen = frozenRecord();
    const imported = await importOf(frozen);
    expect(imported.status).toBe(201);
    const again = await exportOf(imported.body.gameId, imported.body.facilitatorToken);
    expect(again.rulesVersion).toBe(2);
    expect(again.scenario).toEqual(frozen.scenario);
    expect(again.events).toEqual(frozen.events);
  });

  it("imports a version-1 server's export (text not NFC, an id now reserved) and keeps it version 1", async () => {
    const v1 = versionOneExport();
    const imported = await importOf(v1);
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const { gameId, facilitatorToken } = imported.body;
    const again = await exportOf(gameId, facilitatorToken);
    expect(again.rulesVersion).toBe(1);
    expect(again.scenario.title).toBe(`Tiny Summit: ${DECOMPOSED}`);
    expect(again.events).toEqual(v1.events);
    expect(verifyRecord(again)).toMatchObject({ ok: true, rulesVersion: 1 });
    const row = await sql<{ rules_version: number }>("SELECT rules_version FROM games WHERE id = $1", [gameId]);
    expect(row.rows[0]!.rules_version).toBe(1);
    const summary = await http(server.url, "GET", `/api/games/${gameId}`, { token: facilitatorToken });
    expect(summary.body).toMatchObject({ rulesVersion: 1, status: "archived", outcome: { agreement: true } });
    // Loaded from the snapshot the import saved, checked under version 1 (under version 2 its
    // objective id `valueOf` would fail and the whole log be folded again): the text as recorded.
    const loaded = await server.ctx.service.get(gameId);
    expect(loaded?.state.rulesVersion).toBe(1);
    expect(loaded?.snapshotSeq).toBe(17);
    expect(loaded?.state.scenario.title).toBe(`Tiny Summit: ${DECOMPOSED}`);
    expect(server.logs.filter((line) => line.includes("snapshot does not parse"))).toEqual([]);
  });

  it("a live game stored before versions existed goes on under version 1: its text kept as sent", async () => {
    const game = await newGame("old-live");
    // What the migration made of a game created by the version-1 server: rules_version 1, its
    // chain starting from version 1's genesis.
    await sql("UPDATE games SET rules_version = 1, last_hash = $2 WHERE id = $1", [
      game.gameId,
      genesisHash(tinyScenario, "old-live", 1),
    ]);
    const modern = await newGame("new-live");
    for (const g of [game, modern]) {
      expect((await move(g.gameId, g.facilitatorToken, { type: "note", text: DECOMPOSED })).status).toBe(200);
    }
    const old = await exportOf(game.gameId, game.facilitatorToken);
    expect(old.rulesVersion).toBe(1);
    expect(old.events[0].payload.text).toBe(DECOMPOSED);
    expect(verifyRecord(old)).toMatchObject({ ok: true, rulesVersion: 1 });
    const now = await exportOf(modern.gameId, modern.facilitatorToken);
    expect(now.events[0].payload.text).toBe(DECOMPOSED.normalize("NFC"));
    expect(verifyRecord(now)).toMatchObject({ ok: true, rulesVersion: 4 });
  });

  describe("a rule change while games run (a test-only version 5: extensions at most 20 minutes)", () => {
    let unregister: (() => void) | null = null;
    afterEach(() => {
      unregister?.();
      unregister = null;
    });

    it("a game created before it keeps its limit; one created after follows the new rule", async () => {
      const before = await newGame("before-change");
      const extend = (g: { gameId: string; facilitatorToken: string }, minutes: number) =>
        move(g.gameId, g.facilitatorToken, { type: "extend", minutes });
      expect((await move(before.gameId, before.facilitatorToken, { type: "resume" })).status).toBe(200);
      expect((await extend(before, 15)).status).toBe(200);

      unregister = registerRulesVersion({
        ...rulesOf(4),
        version: 5,
        changes: "extensions at most 20 minutes (a test)",
        maxExtendMinutes: 20,
      });
      const after = await newGame("after-change");
      expect((await http(server.url, "GET", `/api/games/${after.gameId}`, { token: key })).body.rulesVersion).toBe(5);
      expect((await move(after.gameId, after.facilitatorToken, { type: "resume" })).status).toBe(200);
      expect((await extend(after, 15)).status).toBe(200);
      const refused = await extend(after, 10);
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({ error: { code: "extend_limit", details: { max: 20 } } });

      // The game from before: 25 minutes in all, as version 4 allows; its record verifies as version 4.
      expect((await extend(before, 10)).status).toBe(200);
      const record = await exportOf(before.gameId, before.facilitatorToken);
      expect(verifyRecord(record)).toMatchObject({ ok: true, rulesVersion: 4 });
      expect(verifyRecord(await exportOf(after.gameId, after.facilitatorToken))).toMatchObject({
        ok: true,
        rulesVersion: 5,
      });
    });
  });
});
