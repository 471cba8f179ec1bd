import fc from "fast-check";
import { Decoder as DefaultDecoder, Encoder as DefaultEncoder, PacketType } from "socket.io-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mergeEvent, needsWholeView } from "../../client/src/core/mergeView";
import { SharedJson } from "../../server/socket/encodeShared";
import { Encoded, frameBytes, wireParser } from "../../server/socket/parser";
import {
  apply,
  createGame,
  eventFor,
  type GameState,
  isRevealedTo,
  type RecordedEvent,
  type Scenario,
  viewFor,
  viewsOf,
} from "../../shared/index";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { gameArb, playGame } from "../support/randomPlay";
import { connect, http, type Running, type SeatClient, startServer, TEST_OPERATOR_KEY } from "../support/server";

// The fan-out of issue #13: an event's views are made together and their shared parts encoded
// once (viewsOf, SharedJson, the parser's splice), and a seat's sockets share one room emit.
// What that risks: a message that is not what the per-seat code sent (another audience's part
// in it), a packet other than Socket.IO's own, a resuming socket that gets an event twice.

const plain = (seq: number, state: GameState, e: RecordedEvent, seat: string, gameId: string) => {
  const seen = eventFor(state, e, seat);
  if (!seen) return null;
  const event = isRevealedTo(state, seat) ? seen : (({ hash: _h, ...rest }) => rest)(seen);
  return { seq, event, view: { ...viewFor(state, seat, { histories: false }), gameId } };
};

describe("encoding an event once per audience", () => {
  it("makes, for every seat of random games, the very text JSON.stringify made of the per-seat message", () => {
    const scenario = tinyScenario;
    const seats = [...scenario.roles.map((r) => r.id), "observer", "facilitator"];
    fc.assert(
      fc.property(gameArb, (game) => {
        let state = createGame(scenario, { seed: game.seed });
        const { events } = playGame(scenario, game);
        for (const [i, ev] of events.entries()) {
          const e = { seq: i + 1, ...ev, hash: `h${i}` } as RecordedEvent;
          state = apply(state, e);
          const views = viewsOf(state, { histories: false });
          const json = new SharedJson();
          for (const seat of seats) {
            const want = plain(e.seq, state, e, seat, "g");
            if (!want) continue;
            const text = json.eventMessage(e.seq, want.event, views(seat), "g").json;
            expect(text).toBe(JSON.stringify(want));
          }
        }
      }),
      { numRuns: 15, seed: 21 },
    );
  });

  it("splices any JSON-like object into the text JSON.stringify makes of it (the encoder's own kinds of value)", () => {
    // Views hold only what the state holds; this reaches what they might: escapes, -0, NaN,
    // undefined fields, empty objects, deep arrays.
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.anything({ maxDepth: 4 })), fc.nat(4), (value, depth) => {
        expect(new SharedJson().of(value, depth)).toBe(JSON.stringify(value));
      }),
      { numRuns: 500, seed: 13 },
    );
  });

  it("puts out Socket.IO's own packets, and tells a received event's frame size", () => {
    const ours = new wireParser.Encoder();
    const theirs = new DefaultEncoder();
    const message = { seq: 3, event: { type: "chat", text: "ünïcode ✓" }, view: { a: [1, { b: null }] } };
    for (const extra of [{}, { nsp: "/admin" }, { id: 7 }]) {
      const packet = { type: PacketType.EVENT, nsp: "/", ...extra };
      expect(ours.encode({ ...packet, data: ["event", new Encoded(JSON.stringify(message))] })).toEqual(
        theirs.encode({ ...packet, data: ["event", message] }),
      );
      // Anything else goes through the default encoder untouched.
      expect(ours.encode({ ...packet, data: ["event", message] })).toEqual(
        theirs.encode({ ...packet, data: ["event", message] }),
      );
    }
    const frame = theirs.encode({
      type: PacketType.EVENT,
      nsp: "/",
      id: 4,
      data: ["move", { type: "chat", text: "ü" }],
    })[0];
    const decoded = new Promise<any>((resolve) => {
      const d = new wireParser.Decoder();
      d.on("decoded", resolve);
      d.add(frame);
    });
    return decoded.then((packet) => {
      expect(packet.data[1]).toEqual({ type: "chat", text: "ü" });
      expect(frameBytes(packet.data[1])).toBe(Buffer.byteLength(frame as string));
      // The default decoder's packet is the same.
      const d = new DefaultDecoder();
      let same: any = null;
      d.on("decoded", (p: any) => {
        same = p;
      });
      d.add(frame);
      expect(packet).toEqual(same);
    });
  });
});

// On each database: on PostgreSQL, Socket.IO's adapter is the cluster one, and a room emit must
// stay in this process (the other processes tell their own sockets, db/notices.ts).
describe.each(backends)("the fan-out over real sockets ($name)", (backend) => {
  let server: Running;
  let game: { gameId: string; facilitatorToken: string; joinCodes: Record<string, string>; observerCode: string };
  const clients: { seat: string; client: SeatClient }[] = [];

  beforeAll(async () => {
    server = await startServer((await backend.fresh()).db);
    await http(server.url, "POST", "/api/scenarios", { token: TEST_OPERATOR_KEY, body: tinyScenario });
    game = (
      await http(server.url, "POST", "/api/games", { token: TEST_OPERATOR_KEY, body: { scenarioId: "tiny-summit" } })
    ).body;
    for (const seat of tinyScenario.roles.map((r) => r.id)) {
      const { token } = (
        await http(server.url, "POST", `/api/games/${game.gameId}/join`, {
          body: { code: game.joinCodes[seat], name: seat },
        })
      ).body;
      clients.push({ seat, client: await connect(server.url, token) });
      // Two more sockets on one seat: they get one room emit.
      if (seat === "n-lead")
        for (let i = 0; i < 2; i++) clients.push({ seat, client: await connect(server.url, token) });
    }
    const { token } = (
      await http(server.url, "POST", `/api/games/${game.gameId}/join`, {
        body: { code: game.observerCode, name: "Wall" },
      })
    ).body;
    clients.push({ seat: "observer", client: await connect(server.url, token) });
    clients.push({ seat: "facilitator", client: await connect(server.url, game.facilitatorToken) });
  });
  afterAll(async () => {
    for (const { client } of clients) client.close();
    await server?.stop();
    await server?.ctx.db.close();
  });

  const by = (seat: string) => clients.find((c) => c.seat === seat)!.client;

  it("sends each socket exactly the per-seat message, in order, and the folded views equal the server's", async () => {
    const F = "facilitator";
    const moves: [string, unknown][] = [
      [F, { type: "resume" }],
      ["n-fish", { type: "chat", channel: "team:north", text: "plan" }],
      [F, { type: "note", text: "to the south", to: ["south"] }],
      ["s-lead", { type: "chat", channel: "team:south", text: "theirs" }],
      [F, { type: "advancePhase" }],
      ["n-fish", { type: "propose", terms: { fish: "north" }, note: "opening" }],
      ["s-fish", { type: "reject", proposalId: "p1", note: "no" }],
      ["s-fish", { type: "propose", terms: { fish: "split", border: "daytime" } }],
      ["n-fish", { type: "chat", channel: "bc-fish", text: "psst" }],
      [F, { type: "advancePhase" }],
      ["n-lead", { type: "accept", proposalId: "p2" }],
      ["s-lead", { type: "statement", text: "Progress." }],
      [F, { type: "inject", title: "Memo", text: "For the south.", to: ["south"] }],
      ["n-lead", { type: "sign", draftVersion: 1 }],
      ["s-lead", { type: "sign", draftVersion: 1 }],
    ];
    let last = 0;
    for (const [seat, move] of moves) {
      const ack = await by(seat).move(move);
      expect(ack, JSON.stringify(move)).toMatchObject({ ok: true });
      last = ack.seq;
    }
    // Every socket has heard of the last event (every seat sees a signing) before the check.
    for (const { client } of clients) await client.until(last);

    // The states the server went through, from its own log.
    const row = (await server.ctx.store.game(game.gameId))!;
    const events = await server.ctx.store.eventsAfter(game.gameId, 0);
    const states = new Map<number, GameState>();
    let state = createGame(row.scenario as Scenario, { seed: row.seed, rulesVersion: row.rulesVersion });
    for (const e of events) {
      state = apply(state, e);
      states.set(e.seq, state);
    }
    expect(state.outcome).not.toBeNull();

    let compared = 0;
    for (const { seat, client } of clients) {
      const first = client.received.find((r) => r.name === "state")!.payload;
      const want = events
        .filter((e) => e.seq > first.seq)
        .map((e) => plain(e.seq, states.get(e.seq)!, e, seat, game.gameId))
        .filter((m) => m !== null);
      const got = client.events();
      expect(got, seat).toEqual(want);
      // Each view is this seat's own: its seat, and its side's private part only.
      for (const m of got) {
        expect(m.view.seat.id).toBe(seat);
        const side = tinyScenario.roles.find((r) => r.id === seat)?.side;
        if (side) expect(m.view.mine.side.id).toBe(side);
      }
      // And the client's fold of them is, after every event, the whole view the server had for
      // the seat then (where the client asks for a whole view again, it gets that one).
      let view = first.view;
      for (const m of got) {
        const whole = { ...viewFor(states.get(m.seq)!, seat), gameId: game.gameId };
        if (needsWholeView(m, view)) view = whole;
        else {
          view = mergeEvent(view, m);
          expect(view, `${seat} after ${m.seq}`).toEqual(whole);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(40);
    // The backchannel chat reached its two members only (and the facilitator).
    const psst = events.find((e) => e.type === "chat" && (e.payload as { text: string }).text === "psst")!;
    const heard = new Set(
      clients.filter(({ client }) => client.events().some((m) => m.seq === psst.seq)).map((c) => c.seat),
    );
    expect([...heard].sort()).toEqual(["facilitator", "n-fish", "s-fish"]);
  });
});
