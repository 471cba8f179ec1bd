import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DRAFT_MAX_CHARS } from "../../shared/contract/index";
import { defaultScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { facilitatorKey, http, type Running, startServer, TEST_OPERATOR_KEY } from "../support/server";

// The scenario lab's private draft (issue #12): one text per key, read by that key alone, bounded,
// its body checked by zod; and the whole document of a scenario the key may use, to start from.

describe.each(backends)("scenario drafts ($name)", (backend) => {
  let server: Running;
  let drop: () => Promise<void>;
  let author: string;
  let other: string;
  const call = (method: string, path: string, token?: string, body?: unknown) =>
    http(server.url, method, path, { token, body });

  beforeAll(async () => {
    const fresh = await backend.fresh();
    server = await startServer(fresh.db);
    drop = async () => {
      await server.stop();
      await fresh.db.close();
      await fresh.drop();
    };
    author = await facilitatorKey(server.url, "Designer");
    other = await facilitatorKey(server.url, "Another teacher");
  });
  afterAll(async () => drop?.());

  it("keeps a key's draft as typed, half-written JSON included, and replaces it on the next save", async () => {
    expect((await call("GET", "/api/scenario-draft", author)).body).toEqual({ text: null, updatedAt: null });
    const first = '{ "id": "ev-tariffs", "title": "EU–China EV tariff talks", ';
    const saved = await call("PUT", "/api/scenario-draft", author, { text: first });
    expect(saved.status).toBe(200);
    expect(saved.body.text).toBe(first);
    expect(Date.parse(saved.body.updatedAt)).not.toBeNaN();
    expect((await call("GET", "/api/scenario-draft", author)).body).toEqual(saved.body);

    const second = `${first}"version": 1 }`;
    await call("PUT", "/api/scenario-draft", author, { text: second });
    expect((await call("GET", "/api/scenario-draft", author)).body.text).toBe(second);
  });

  it("never shows a draft to another key, and one key's save leaves the other's alone", async () => {
    await call("PUT", "/api/scenario-draft", author, { text: "the author's secret points" });
    const seen = await call("GET", "/api/scenario-draft", other);
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({ text: null, updatedAt: null });
    expect(JSON.stringify(seen.body)).not.toContain("secret");

    await call("PUT", "/api/scenario-draft", other, { text: "another draft" });
    expect((await call("GET", "/api/scenario-draft", author)).body.text).toBe("the author's secret points");
    expect((await call("GET", "/api/scenario-draft", other)).body.text).toBe("another draft");
    // Even the operator reads only its own.
    expect((await call("GET", "/api/scenario-draft", TEST_OPERATOR_KEY)).body.text).toBeNull();
  });

  it("asks for a key: none, a bad one or a game token gets 401 and nothing is stored", async () => {
    const game = await call("POST", "/api/games", author, { scenarioId: defaultScenario.id });
    const token = game.body.facilitatorToken as string;
    for (const who of [undefined, "fk_not-a-key", token]) {
      const read = await call("GET", "/api/scenario-draft", who);
      expect(read.status).toBe(401);
      expect(read.body.error.code).toBe("unauthorized");
      const write = await call("PUT", "/api/scenario-draft", who, { text: "x" });
      expect(write.status).toBe(401);
    }
    expect((await call("GET", "/api/scenario-draft", author)).body.text).toBe("the author's secret points");
  });

  it("refuses a body zod refuses, with its path, and keeps the draft it had", async () => {
    const bad: unknown[] = [
      {},
      { text: 42 },
      { text: "x", extra: true },
      { text: "a\u0000b" },
      { text: "x".repeat(DRAFT_MAX_CHARS + 1) },
      "just a string",
    ];
    for (const body of bad) {
      const r = await call("PUT", "/api/scenario-draft", author, body);
      expect(r.status, JSON.stringify(body).slice(0, 60)).toBe(400);
      expect(r.body.error.code).toBe("invalid_input");
    }
    const tooLong = await call("PUT", "/api/scenario-draft", author, { text: "x".repeat(DRAFT_MAX_CHARS + 1) });
    expect(JSON.stringify(tooLong.body.error)).toContain("text");
    // A lone surrogate cannot be written in JSON.stringify's output; it is sent as an escape.
    const lone = await http(server.url, "PUT", "/api/scenario-draft", { token: author, raw: '{"text":"a\\ud800b"}' });
    expect(lone.status).toBe(400);
    expect((await call("GET", "/api/scenario-draft", author)).body.text).toBe("the author's secret points");
  });

  it("bounds the body: the longest draft is kept, one over the body limit gets 413", async () => {
    const longest = "y".repeat(DRAFT_MAX_CHARS);
    const kept = await call("PUT", "/api/scenario-draft", author, { text: longest });
    expect(kept.status).toBe(200);
    expect((await call("GET", "/api/scenario-draft", author)).body.text).toHaveLength(DRAFT_MAX_CHARS);
    // Characters of three UTF-8 bytes: under the character bound, over the 256 kB body limit.
    const huge = await call("PUT", "/api/scenario-draft", author, { text: "€".repeat(DRAFT_MAX_CHARS) });
    expect(huge.status).toBe(413);
    expect((await call("GET", "/api/scenario-draft", author)).body.text).toHaveLength(DRAFT_MAX_CHARS);
  });

  it("forgets the draft on an empty save", async () => {
    const r = await call("PUT", "/api/scenario-draft", author, { text: "" });
    expect(r.body).toEqual({ text: null, updatedAt: null });
    expect((await call("GET", "/api/scenario-draft", author)).body).toEqual({ text: null, updatedAt: null });
  });

  it("leaves GET /api/scenarios/draft to a scenario whose id is draft", async () => {
    await call("PUT", "/api/scenario-draft", author, { text: "not a scenario" });
    const named = { ...defaultScenario, id: "draft", title: "A scenario called draft" };
    expect((await call("POST", "/api/scenarios", author, named)).status).toBe(201);
    const read = await call("GET", "/api/scenarios/draft", author);
    expect(read.status).toBe(200);
    expect(read.body.title).toBe("A scenario called draft");
    expect((await call("GET", "/api/scenarios/draft/document", author)).body.title).toBe("A scenario called draft");
    expect((await call("GET", "/api/scenario-draft", author)).body.text).toBe("not a scenario");
  });

  it("gives a key the whole document of a scenario it may use, and another key's upload to no one else", async () => {
    const builtIn = await call("GET", `/api/scenarios/${defaultScenario.id}/document`, other);
    expect(builtIn.status).toBe(200);
    expect(builtIn.body.roles[0].brief).toBe(defaultScenario.roles[0]!.brief);
    expect(builtIn.body.issues[0].points).toEqual(defaultScenario.issues[0]!.points);

    const mine = { ...defaultScenario, id: "lab-copy", title: "A copy" };
    expect((await call("POST", "/api/scenarios", author, mine)).status).toBe(201);
    const own = await call("GET", "/api/scenarios/lab-copy/document", author);
    expect(own.status).toBe(200);
    expect(own.body.title).toBe("A copy");
    const theirs = await call("GET", "/api/scenarios/lab-copy/document", other);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe("unknown_scenario");
    expect(JSON.stringify(theirs.body)).not.toContain(defaultScenario.roles[0]!.brief.slice(0, 40));

    const game = await call("POST", "/api/games", author, { scenarioId: "lab-copy" });
    const seatless = await call("GET", "/api/scenarios/lab-copy/document", game.body.facilitatorToken);
    expect(seatless.status).toBe(401);
    expect((await call("GET", "/api/scenarios/lab-copy/document")).status).toBe(401);
    expect((await call("GET", "/api/scenarios/bad%00id/document", author)).status).toBe(400);
  });
});
