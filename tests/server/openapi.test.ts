import { createConfig, lintFromString } from "@redocly/openapi-core";
// Fastify's own validator (a dependency of the server): the schema must work in a real JSON Schema tool.
import { Ajv2020 } from "ajv/dist/2020";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { operations } from "../../server/http/openapi";
import { moveTypes, scenarioSchema } from "../../shared/index";
import { SCENARIO_SCHEMA_ID } from "../../shared/scenario/parse";
import { defaultScenario, tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { facilitatorKey, http, type Running, startServer, TEST_OPERATOR_KEY } from "../support/server";

// The OpenAPI document at /docs/json as served: clean for Redocly's recommended rules, every
// operation named, secured and with its refusals, and what each route really answers documented.

type Operation = {
  operationId?: string;
  tags?: string[];
  security?: Record<string, string[]>[];
  requestBody?: { content: Record<string, { schema: { $ref?: string } }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>;
};
type Doc = {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, any>; securitySchemes: Record<string, unknown> };
};

/** Warnings the document keeps on purpose, each with its reason. */
const KEPT_WARNINGS: Record<string, string> = {
  // The project declares no licence (package.json has none); the document does not invent one.
  "info-license": "no licence to name",
};

describe.each(backends)("the OpenAPI document ($name)", (backend) => {
  let server: Running;
  let raw = "";
  let doc: Doc;
  const ops: { method: string; path: string; op: Operation }[] = [];

  beforeAll(async () => {
    server = await startServer((await backend.fresh()).db, { LOG_LEVEL: "warn" });
    const res = await fetch(`${server.url}/docs/json`);
    expect(res.status).toBe(200);
    raw = await res.text();
    doc = JSON.parse(raw);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) ops.push({ method: method.toUpperCase(), path, op });
    }
  });
  afterAll(async () => {
    await server?.stop();
    await server?.ctx.db.close();
  });

  it("passes Redocly's recommended rules with no error, and no warning but the ones kept", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source: raw, absoluteRef: "openapi.json", config });
    const show = (p: (typeof problems)[number]) => `${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`;
    expect(problems.filter((p) => p.severity === "error").map(show)).toEqual([]);
    expect(problems.filter((p) => !(p.ruleId in KEPT_WARNINGS)).map(show)).toEqual([]);
  });

  it("documents every route, and only routes that exist", () => {
    const documented = ops.map((o) => `${o.method} ${o.path}`).sort();
    expect(documented).toEqual(Object.keys(operations).sort());
    expect(documented.length).toBeGreaterThanOrEqual(30);
  });

  it("names every operation (camelCase, unique), tags it and says who may call it", () => {
    const ids = ops.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ops.length);
    for (const { method, path, op } of ops) {
      const where = `${method} ${path}`;
      expect(op.operationId, where).toMatch(/^[a-z][a-zA-Z0-9]*$/);
      expect(op.tags?.length, where).toBeGreaterThan(0);
      expect(Array.isArray(op.security), where).toBe(true);
    }
    const security = (method: string, path: string) =>
      ops.find((o) => o.method === method && o.path === path)!.op.security;
    // The bearer scheme is the one declared, and the operations that need a credential use it.
    expect(doc.components.securitySchemes).toEqual({
      bearer: expect.objectContaining({ type: "http", scheme: "bearer" }),
    });
    for (const [method, path] of [
      ["POST", "/api/games/{gameId}/moves"],
      ["GET", "/api/games"],
      ["DELETE", "/api/games/{gameId}"],
      ["POST", "/api/games/import"],
      ["GET", "/api/me"],
    ] as const) {
      expect(security(method, path), `${method} ${path}`).toEqual([{ bearer: [] }]);
    }
    // Public routes say so; a key is optional where it only shows more.
    expect(security("GET", "/health")).toEqual([]);
    expect(security("POST", "/api/join")).toEqual([]);
    expect(security("GET", "/api/scenario-schema.json")).toEqual([]);
    expect(security("GET", "/api/scenarios")).toEqual([{ bearer: [] }, {}]);
  });

  it("gives every refusal the one error shape, a DELETE its 204 with no body", () => {
    for (const { method, path, op } of ops) {
      const where = `${method} ${path}`;
      for (const [status, response] of Object.entries(op.responses)) {
        expect(response.description, `${where} ${status}`).not.toBe("Default Response");
        if (Number(status) < 400) continue;
        const schema = response.content?.["application/json"]?.schema as { $ref?: string; anyOf?: { $ref?: string }[] };
        const refs = [schema?.$ref, ...(schema?.anyOf ?? []).map((s) => s.$ref)];
        expect(refs, `${where} ${status}`).toContain("#/components/schemas/Error");
      }
      expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(["400", "503"]));
      if (method === "POST" || method === "DELETE") {
        expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(["413", "415"]));
      }
      if (method === "DELETE") {
        expect(op.responses["204"], where).toBeDefined();
        expect(op.responses["204"]!.content, where).toBeUndefined();
        expect(op.responses["200"], where).toBeUndefined();
      }
    }
    const error = doc.components.schemas.Error;
    expect(error.properties.error.required).toEqual(["code", "message"]);
    expect(error.properties.error.properties.code.enum).toEqual(
      expect.arrayContaining(["invalid_move", "rate_limited"]),
    );
  });

  it("documents the real bodies of a move, an upload and an import", () => {
    const body = (method: string, path: string) =>
      ops.find((o) => o.method === method && o.path === path)!.op.requestBody!.content["application/json"]!.schema;
    const resolve = (s: { $ref?: string }) => doc.components.schemas[s.$ref!.split("/").pop()!];
    const move = resolve(body("POST", "/api/games/{gameId}/moves"));
    const types = (move.oneOf ?? move.anyOf).map((m: any) => m.properties.type.const);
    expect(types.sort()).toEqual([...moveTypes].sort());
    const scenario = resolve(body("POST", "/api/scenarios"));
    expect(Object.keys(scenario.properties)).toEqual(
      expect.arrayContaining(["id", "sides", "roles", "issues", "rules"]),
    );
    const record = resolve(body("POST", "/api/games/import"));
    expect(record.properties.format.const).toBe("summitry-game");
    expect(record.properties.scenario.$ref).toMatch(/Scenario/);
  });

  it("says what each route really answers: probed without, with a bad and with real credentials, with bad bodies", async () => {
    const key = await facilitatorKey(server.url);
    expect((await http(server.url, "POST", "/api/scenarios", { token: key, body: tinyScenario })).status).toBe(201);
    const game = (await http(server.url, "POST", "/api/games", { token: key, body: { scenarioId: "tiny-summit" } }))
      .body;
    const seat = (
      await http(server.url, "POST", `/api/games/${game.gameId}/join`, {
        body: { code: game.joinCodes["n-lead"], name: "Al" },
      })
    ).body.token as string;
    const params: Record<string, string> = { gameId: game.gameId, seatId: "n-lead", id: "nobody" };
    const undocumented: string[] = [];
    // The DELETEs last: the game they remove is the one the others are probed on.
    const ordered = [...ops].sort((a, b) => Number(a.method === "DELETE") - Number(b.method === "DELETE"));
    for (const { method, path, op } of ordered) {
      const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => params[name]!);
      const body = method === "POST" ? {} : undefined;
      const probes: Parameters<typeof http>[3][] = [
        { body },
        { body, token: "fk_not-a-key" },
        { body, token: seat },
        { body, token: key },
        { body, token: TEST_OPERATOR_KEY },
      ];
      if (method === "POST" || method === "DELETE") {
        probes.push(
          { token: TEST_OPERATOR_KEY, raw: "hello", headers: { "content-type": "text/plain" } },
          { token: key, raw: "{not json", headers: { "content-type": "application/json" } },
        );
      }
      const answered = [];
      for (const probe of probes) answered.push((await http(server.url, method, url, probe)).status);
      answered.push((await http(server.url, method, `${url}?x=%00`, { body, token: key })).status);
      for (const status of new Set(answered)) {
        if (!(String(status) in op.responses)) undocumented.push(`${method} ${path} answered ${status}`);
      }
    }
    expect(undocumented).toEqual([]);
  });

  it("leaves the rules to name what is wrong with a move or a scenario (the documented schema validates nothing)", async () => {
    const key = await facilitatorKey(server.url);
    const bad = await http(server.url, "POST", "/api/scenarios", { token: key, body: { id: "x" } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid_scenario");
    expect(bad.body.error.details.problems.length).toBeGreaterThan(1);
    const game = (
      await http(server.url, "POST", "/api/games", { token: key, body: { scenarioId: "great-rebalancing" } })
    ).body;
    const move = await http(server.url, "POST", `/api/games/${game.gameId}/moves`, {
      token: game.facilitatorToken,
      body: { type: "extend", minutes: "ten" },
    });
    expect(move.status).toBe(400);
    expect(move.body.error.code).toBe("invalid_move");
  });
});

describe("the scenario format as JSON Schema, as served for editors", () => {
  let server: Running;
  let schema: Record<string, any>;

  beforeAll(async () => {
    server = await startServer((await backends[0]!.fresh()).db, { LOG_LEVEL: "warn" });
    const res = await fetch(`${server.url}/api/scenario-schema.json`);
    expect(res.status).toBe(200);
    schema = await res.json();
  });
  afterAll(async () => {
    await server?.stop();
    await server?.ctx.db.close();
  });

  it("names itself: a stable $id, a title and a description", () => {
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(SCENARIO_SCHEMA_ID);
    expect(schema.$id).toMatch(/^https:\/\/[a-z.]+\/schemas\/scenario-\d+\.json$/);
    expect(schema.title).toBe("Summitry scenario");
    expect(schema.description.length).toBeGreaterThan(40);
  });

  it("describes every field, wherever it nests, and marks the ones to write as required", () => {
    const undescribed: string[] = [];
    let fields = 0;
    const walk = (node: unknown, at: string): void => {
      if (typeof node !== "object" || node === null) return;
      if (Array.isArray(node)) {
        node.forEach((n, i) => {
          walk(n, `${at}[${i}]`);
        });
        return;
      }
      const properties = (node as { properties?: Record<string, { description?: string }> }).properties;
      for (const [name, field] of Object.entries(properties ?? {})) {
        fields++;
        if (!field.description?.trim()) undescribed.push(`${at}.${name}`);
      }
      for (const [key, value] of Object.entries(node)) walk(value, `${at}/${key}`);
    };
    walk(schema, "$");
    expect(undescribed).toEqual([]);
    expect(fields).toBeGreaterThan(80);
    // Every top-level field is one to write, except the optional timing plans (issue #11).
    expect(schema.required).toEqual(Object.keys(scenarioSchema.shape).filter((k) => k !== "timingPlans"));
    expect(schema.properties.timingPlans.items.required).toEqual([
      "id",
      "title",
      "readingAtHome",
      "joiningMinutes",
      "debriefMinutes",
      "phaseMinutes",
    ]);
    expect(schema.properties.sides.items.required).toEqual(["id", "name", "brief", "reservation", "leader"]);
    // A condition's optional bounds are optional.
    const issueTest = schema.$defs.Condition.anyOf.find((c: { properties: object }) => "atLeast" in c.properties);
    expect(issueTest.required).toEqual(["issue"]);
  });

  it("stays small: each level of nested conditions is one definition, not written out again", () => {
    expect(JSON.stringify(schema).length).toBeLessThan(200_000);
    expect(Object.keys(schema.$defs)).toContain("Condition");
  });

  it("accepts every built-in scenario and refuses what the format refuses, in a JSON Schema validator", () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(schema);
    for (const s of [defaultScenario, tinyScenario]) expect(validate(s), JSON.stringify(validate.errors)).toBe(true);
    const noSides = { ...tinyScenario, sides: [tinyScenario.sides[0]] };
    expect(validate(noSides)).toBe(false);
    const stray = { ...tinyScenario, rules: { ...tinyScenario.rules, extra: 1 } };
    expect(validate(stray)).toBe(false);
  });
});
