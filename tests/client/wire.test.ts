import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiFailure, api } from "../../client/src/core/api";
import { type Dropped, onDropped, parseAck, parseServerMessage } from "../../client/src/core/serverMessages";
import { emptyAnswer, me, scenarioList } from "../../shared/contract/index";
import { backends } from "../support/backends";
import { connect, type Running, startServer, TEST_OPERATOR_KEY } from "../support/server";

// The client's two readers of the wire: api() parses every HTTP answer with the contract's schema,
// and serverMessages.ts parses every socket message; what does not match is a typed failure or a
// dropped (and reported) message, never data handed on as if it matched. Against a real server.

describe.each(backends)("the client reads the wire through the contract ($name)", (backend) => {
  let server: Running;
  let drop: () => Promise<void>;
  const dropped: Dropped[] = [];
  let unlisten: () => void;

  beforeAll(async () => {
    const fresh = await backend.fresh();
    drop = fresh.drop;
    server = await startServer(fresh.db);
    unlisten = onDropped((d) => dropped.push(d));
  });
  afterAll(async () => {
    unlisten?.();
    await server?.stop();
    await server?.ctx.db.close();
    await drop?.();
  });

  it("api(): an answer that matches is parsed; a refusal is an ApiFailure with the server's code", async () => {
    const who = await api(`${server.url}/api/me`, me, { token: TEST_OPERATOR_KEY });
    expect(who.operator).toBe(true);
    const refused = await api(`${server.url}/api/me`, me).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiFailure);
    expect(refused).toMatchObject({ status: 401, error: { code: "unauthorized" } });
  });

  it("api(): an answer of another shape is a bad_response failure, not data", async () => {
    // The listing is not a key's identity: the schema refuses it, and says where.
    const wrong = await api(`${server.url}/api/scenarios`, me, { token: TEST_OPERATOR_KEY }).catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ApiFailure);
    expect(wrong).toMatchObject({ status: 502, error: { code: "bad_response" } });
    const right = await api(`${server.url}/api/scenarios`, scenarioList, { token: TEST_OPERATOR_KEY });
    expect(right.length).toBeGreaterThan(0);
    // A 204 answers null, which the contract's emptyAnswer takes and anything else refuses.
    const nothing = await api(`${server.url}/metrics/reset`, emptyAnswer, { method: "POST", token: TEST_OPERATOR_KEY });
    expect(nothing).toBeNull();
  });

  it("socket messages: a real server's state parses; a malformed one is dropped and reported", async () => {
    const created = await fetch(`${server.url}/api/games`, {
      method: "POST",
      headers: { authorization: `Bearer ${TEST_OPERATOR_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ scenarioId: "great-rebalancing", seed: "wire" }),
    }).then((r) => r.json());
    const c = await connect(server.url, created.facilitatorToken);
    try {
      const state = c.received.find((r) => r.name === "state")!.payload;
      expect(parseServerMessage("state", state)?.view.seat).toEqual({ id: "facilitator" });
      expect(dropped).toEqual([]);

      expect(parseServerMessage("state", { ...state, view: { ...state.view, seq: "one" } })).toBeNull();
      expect(parseServerMessage("event", { seq: 1, event: { type: "teleport" }, view: state.view })).toBeNull();
      expect(parseServerMessage("presence", { seats: [{ id: "us-president" }] })).toBeNull();
      expect(dropped.map((d) => d.name)).toEqual(["state", "event", "presence"]);
      expect(dropped[0]!.where).toBe("view.seq");

      const ack = await c.move({ type: "resume" });
      expect(parseAck(ack)).toMatchObject({ ok: true, seq: 1 });
      expect(parseAck({ ok: "yes" })).toMatchObject({ ok: false, error: { code: "bad_response" } });
      expect(dropped.at(-1)!.name).toBe("move ack");
    } finally {
      c.close();
    }
  });
});
