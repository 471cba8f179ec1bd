import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintGame } from "../../server/routes/games";
import { defaultScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { facilitatorKey, http, type Running, startServer } from "../support/server";

// A class in one action (issue #11): N labelled games of one scenario and set-up, created in one
// transaction or not at all, read back by the owner's key only, a roster dealt over every seat.

const SCENARIO = "great-rebalancing";
const SEATS = 9;

describe.each(backends)("classes ($name)", (backend) => {
  let server: Running;
  let drop: () => Promise<void>;
  let teacher: string;
  let other: string;
  const call = (method: string, path: string, token?: string, body?: unknown) =>
    http(server.url, method, path, { token, body });
  /** Everything the key owns: its games and its classes. */
  const owned = async (key: string) => ({
    games: (await call("GET", "/api/games", key)).body as { gameId: string }[],
    classes: (await call("GET", "/api/classes", key)).body as { classId: string }[],
  });

  beforeAll(async () => {
    const fresh = await backend.fresh();
    server = await startServer(fresh.db);
    drop = async () => {
      await server.stop();
      await fresh.db.close();
      await fresh.drop();
    };
    teacher = await facilitatorKey(server.url, "Ms Lee");
    other = await facilitatorKey(server.url, "Mr Chen");
  });
  afterAll(async () => drop?.());

  it("refuses a bad body and creates nothing at all", async () => {
    const bad: [unknown, number, string][] = [
      // Neither tables nor a roster.
      [{ scenarioId: SCENARIO }, 400, "invalid_input"],
      // Labels that do not match the tables, and a label twice.
      [{ scenarioId: SCENARIO, tables: 3, labels: ["Red", "Blue"] }, 400, "invalid_input"],
      [{ scenarioId: SCENARIO, tables: 2, labels: ["Red", "red"] }, 400, "invalid_input"],
      // A required role cannot be left out: the set-up's rule, checked before any table exists.
      [{ scenarioId: SCENARIO, tables: 3, leaveOut: ["us-president"] }, 400, "not_optional"],
      [{ scenarioId: SCENARIO, tables: 3, phaseMinutes: { nowhere: 5 } }, 400, "unknown_phase"],
      // A roster longer than the tables it was given can seat.
      [
        { scenarioId: SCENARIO, tables: 1, roster: Array.from({ length: 10 }, (_, i) => `S${i}`) },
        400,
        "invalid_input",
      ],
      [{ scenarioId: "no-such-scenario", tables: 3 }, 404, "unknown_scenario"],
      [{ scenarioId: SCENARIO, tables: 3, timingPlan: "no-such-plan" }, 400, "invalid_input"],
      [{ scenarioId: SCENARIO, tables: 21 }, 400, "invalid_input"],
    ];
    for (const [body, status, code] of bad) {
      const r = await call("POST", "/api/classes", teacher, body);
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(r.body.error.code, JSON.stringify(body)).toBe(code);
    }
    expect(await owned(teacher)).toEqual({ games: [], classes: [] });
    // Without a key: 401 before the body is read.
    expect((await call("POST", "/api/classes", undefined, { scenarioId: SCENARIO, tables: 3 })).status).toBe(401);
  });

  it("creates three labelled tables of the default scenario in one call, with one set-up", async () => {
    const r = await call("POST", "/api/classes", teacher, {
      scenarioId: SCENARIO,
      tables: 3,
      phaseMinutes: { briefing: 3, stockholm: 10, summit: 15, signing: 4 },
      leaveOut: ["us-nsa"],
    });
    expect(r.status).toBe(201);
    const created = r.body;
    expect(created.classId).toMatch(/^c/);
    expect(created.title).toBe("The Great Rebalancing");
    expect(created.tables.map((t: { label: string }) => t.label)).toEqual(["Table A", "Table B", "Table C"]);
    const codes = new Set<string>();
    for (const table of created.tables) {
      expect(table.title).toBe(`${table.label} · The Great Rebalancing`);
      expect(table.facilitatorToken).toMatch(/^gt_/);
      expect(Object.keys(table.joinCodes)).toHaveLength(SEATS - 1);
      expect(table.joinCodes["us-nsa"]).toBeUndefined();
      for (const c of [...Object.values(table.joinCodes), table.observerCode]) codes.add(c as string);
      // Each table's summary carries its class and label; its token is its own table's.
      const summary = await call("GET", `/api/games/${table.gameId}`, table.facilitatorToken);
      expect(summary.body).toMatchObject({ classId: created.classId, label: table.label, title: table.title });
      expect(summary.body.seats).toHaveLength(SEATS - 1);
      const other = created.tables.find((t: { gameId: string }) => t.gameId !== table.gameId);
      expect((await call("GET", `/api/games/${other.gameId}`, table.facilitatorToken)).status).toBe(403);
    }
    // Every code of the class opens one seat: 3 × (8 seats + the observers).
    expect(codes.size).toBe(3 * SEATS);

    // The set-up reached every table: the phase minutes and the left-out role.
    const joined = await call("POST", "/api/join", undefined, {
      code: created.tables[2].joinCodes["cn-president"],
      name: "Li",
    });
    expect(joined.status).toBe(200);
    expect(joined.body.gameId).toBe(created.tables[2].gameId);
    const listed = await call("GET", `/api/classes/${created.classId}`, teacher);
    expect(listed.status).toBe(200);
    expect(listed.body.tables.map((t: { label: string }) => t.label)).toEqual(["Table A", "Table B", "Table C"]);
    expect(listed.body.tables[2].seats.find((s: { id: string }) => s.id === "cn-president").joined).toBe(true);
    expect(listed.body.tables[0].seats.every((s: { joined: boolean }) => !s.joined)).toBe(true);
    expect(JSON.stringify(listed.body)).not.toContain(created.tables[0].joinCodes["cn-president"]);

    const games = (await owned(teacher)).games.filter((g) =>
      created.tables.some((t: { gameId: string }) => t.gameId === g.gameId),
    );
    expect(games).toHaveLength(3);
  });

  it("stores a class and its tables in one transaction: a table the database refuses leaves none of them", async () => {
    const key = await facilitatorKey(server.url, "Atomic");
    const me = (await call("GET", "/api/me", key)).body;
    const scenario = defaultScenario;
    const table = () => mintGame({ scenario, seed: "s", title: "t", facilitatorId: me.id }).row;
    const a = table();
    // The third table reuses the first's join code: the unique index refuses it, after two were inserted.
    const c = { ...table(), seats: a.seats };
    await expect(
      server.ctx.store.insertClass(
        { id: "c-atomic", facilitatorId: me.id, title: "t", scenarioId: SCENARIO, scenarioVersion: 1, tables: [] },
        [a, table(), c],
      ),
    ).rejects.toThrow();
    expect(await server.ctx.store.classById("c-atomic")).toBeNull();
    expect(await owned(key)).toEqual({ games: [], classes: [] });
  });

  it("fits every table to one of the scenario's timing plans, minutes sent beside it winning", async () => {
    const plan = defaultScenario.timingPlans?.[0];
    expect(plan).toBeDefined();
    const r = await call("POST", "/api/classes", teacher, {
      scenarioId: SCENARIO,
      tables: 2,
      timingPlan: plan!.id,
      phaseMinutes: { signing: 7 },
    });
    expect(r.status).toBe(201);
    for (const table of r.body.tables) {
      const record = await call("GET", `/api/games/${table.gameId}/export`, table.facilitatorToken);
      const minutes = Object.fromEntries(
        record.body.scenario.phases.map((p: { id: string; minutes: number }) => [p.id, p.minutes]),
      );
      expect(minutes).toEqual({ ...plan!.phaseMinutes, signing: 7 });
    }
  });

  it("counts every table against the key's games budget, all or none", async () => {
    const fresh = await backend.fresh();
    const limited = await startServer(fresh.db, { GAMES_PER_MINUTE_PER_KEY: "5" });
    try {
      const key = await facilitatorKey(limited.url, "Budget");
      const post = (body: unknown) => http(limited.url, "POST", "/api/classes", { token: key, body });
      // Six tables need six games: refused, and only the request's own one is spent.
      const six = await post({ scenarioId: SCENARIO, tables: 6 });
      expect(six.status).toBe(429);
      expect(six.body.error.code).toBe("rate_limited");
      expect((await http(limited.url, "GET", "/api/classes", { token: key })).body).toEqual([]);
      // Four left: a class of four takes them all, and then a lone game is refused.
      expect((await post({ scenarioId: SCENARIO, tables: 4 })).status).toBe(201);
      const more = await http(limited.url, "POST", "/api/games", { token: key, body: { scenarioId: SCENARIO } });
      expect(more.status).toBe(429);
    } finally {
      await limited.stop();
      await fresh.db.close();
      await fresh.drop();
    }
  });

  it("lets only the owner's key read a class; another key is told there is none", async () => {
    const created = (
      await call("POST", "/api/classes", teacher, {
        scenarioId: SCENARIO,
        tables: 2,
        title: "Period 3",
        labels: ["Red", "Blue"],
      })
    ).body;
    expect(created.tables.map((t: { title: string }) => t.title)).toEqual(["Red · Period 3", "Blue · Period 3"]);
    expect((await call("GET", `/api/classes/${created.classId}`, teacher)).body.title).toBe("Period 3");
    const foreign = await call("GET", `/api/classes/${created.classId}`, other);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe("not_found");
    expect((await call("GET", "/api/classes/c-nothing-here", teacher)).status).toBe(404);
    expect((await call("GET", "/api/classes", other)).body).toEqual([]);
    expect((await call("GET", `/api/classes/${created.classId}`)).status).toBe(401);
    // A game token is not a key, even the class's own table's.
    expect((await call("GET", `/api/classes/${created.classId}`, created.tables[0].facilitatorToken)).status).toBe(401);
    const mine = (await call("GET", "/api/classes", teacher)).body as { classId: string }[];
    expect(mine[0]!.classId).toBe(created.classId);
  });

  it("seats every name of a roster, spread evenly over as many tables as it needs", async () => {
    const roster = Array.from({ length: 22 }, (_, i) => `Student ${i + 1}`);
    const r = await call("POST", "/api/classes", teacher, { scenarioId: SCENARIO, roster });
    expect(r.status).toBe(201);
    const tables = r.body.tables as {
      gameId: string;
      label: string;
      seating: Record<string, string>;
      joinCodes: Record<string, string>;
    }[];
    // 22 names at 9 seats a table: 3 tables, of 8, 7 and 7.
    expect(tables.map((t) => Object.keys(t.seating).length)).toEqual([8, 7, 7]);
    const seated = tables.flatMap((t) => Object.values(t.seating));
    expect(seated.sort()).toEqual([...roster].sort());
    for (const t of tables) for (const seat of Object.keys(t.seating)) expect(t.joinCodes[seat]).toBeDefined();
    // The seating is kept with the class, for the handouts printed later.
    const read = (await call("GET", `/api/classes/${r.body.classId}`, teacher)).body;
    expect(read.tables.map((t: { seating: object }) => t.seating)).toEqual(tables.map((t) => t.seating));
  });
});
