import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "../../shared/index";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { leaks, privateTextsOf } from "../support/secrets";
import {
  connect,
  facilitatorKey,
  http,
  type Running,
  type SeatClient,
  startServer,
  TEST_OPERATOR_KEY,
} from "../support/server";

// The leak audit: an outsider and every kind of seat try every route and socket event of a live
// game and of a finished one, under both `revealAtEnd` settings. Nothing of the other side's
// (briefs, objectives, points, reservation, team chat, backchannels it is not in, notes and
// reveals addressed to the other side), nor an unplayed deck card, reaches them in any payload,
// error, export or log line, until a revealing end opens the record to all.

const SIDES = { north: ["n-lead", "n-fish", "n-aide"], south: ["s-lead", "s-fish"] } as const;
type Side = keyof typeof SIDES;
const other = (s: Side): Side => (s === "north" ? "south" : "north");
/** What Control's written inject adds to north's walk-away (11): 53 is in no other payload. */
const NORTH_SHIFT = 42;

/** The tiny scenario with points rows distinctive enough to find in any payload. */
function auditScenario(reveal: boolean): Scenario {
  const s = structuredClone(tinyScenario) as Scenario;
  s.id = `audit-${reveal ? "reveal" : "sealed"}`;
  s.rules.revealAtEnd = reveal;
  s.sides[0]!.reservation = 11;
  s.sides[1]!.reservation = 13;
  s.issues[0]!.points = { north: [0, 61, 79], south: [83, 57, 1] };
  s.issues[1]!.points = { north: [67, 31, 2], south: [3, 71, 89] };
  s.issues[2]!.points = { north: [4, 23], south: [5, 37] };
  return s;
}

/** What a seat of `side` must never see while the game is sealed to it. */
function secretsAgainst(scenario: Scenario, side: Side | "none"): string[] {
  const sides: Side[] = side === "none" ? ["north", "south"] : [other(side)];
  const out: string[] = [];
  for (const s of sides) {
    out.push(...privateTextsOf(scenario, s));
    const idx = scenario.sides.findIndex((x) => x.id === s);
    out.push(`"reservation":${scenario.sides[idx]!.reservation}`);
    for (const issue of scenario.issues) out.push(JSON.stringify(issue.points[s]));
    out.push(`${s.toUpperCase()}-TEAM-CANARY`, `NOTE-TO-${s.toUpperCase()}-CANARY`);
  }
  if (side !== "south") out.push("SOUTH-WRITTEN-INJECT-CANARY", "SOUTH-WRITTEN-REVEAL-CANARY");
  // Control's written effects (rules version 4): north's walk-away and fish row as shifted, and the
  // effects themselves, which no seat's copy of the event holds.
  if (sides.includes("north")) out.push(`"reservation":${11 + NORTH_SHIFT}`, JSON.stringify([0, 61, 79 - 20]));
  out.push("shiftReservation", "shiftPoints");
  // Deck cards never played stay the control cell's, effects and all.
  out.push("A storm empties the bank.", "Crowds gather.", "A memo leaks.", "SOUTH-REVEAL-SECRET");
  return out;
}

describe.each(backends)("the leak audit ($name)", (backend) => {
  let server: Running;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const fresh = await backend.fresh();
    server = await startServer(fresh.db);
    drop = async () => {
      await server.stop();
      await fresh.db.close();
      await fresh.drop();
    };
  });
  afterAll(async () => drop?.());

  describe.each([true, false])("revealAtEnd %s", (reveal) => {
    const scenario = auditScenario(reveal);
    let owner = "";
    let game: { gameId: string; facilitatorToken: string; joinCodes: Record<string, string>; observerCode: string };
    let otherGame: typeof game;
    const tokens: Record<string, string> = {};
    const sockets: Record<string, SeatClient> = {};
    const received: Record<string, string[]> = {};
    const fac = (m: unknown) =>
      http(server.url, "POST", `/api/games/${game.gameId}/moves`, { token: game.facilitatorToken, body: m });
    const as = async (seat: string, m: unknown) => {
      const ack = await sockets[seat]!.move(m);
      expect(ack, `${seat} ${JSON.stringify(m)}: ${JSON.stringify(ack)}`).toMatchObject({ ok: true });
    };

    /** Every route a caller can try on the game; the answers, as text. */
    async function probeHttp(token: string | undefined): Promise<{ what: string; status: number; text: string }[]> {
      const g = game.gameId;
      const tries: [string, string, unknown?][] = [
        ["GET", `/api/games/${g}`],
        ["GET", `/api/games/${g}/events`],
        ["GET", `/api/games/${g}/events?from=1`],
        ["GET", `/api/games/${g}/export`],
        ["GET", `/api/games/${g}/export?format=csv`],
        ["GET", `/api/games/${g}/export?deidentify=true`],
        ["GET", "/api/games"],
        ["GET", `/api/games?scenarioId=${scenario.id}`],
        ["GET", "/api/scenarios"],
        ["GET", `/api/scenarios/${scenario.id}`],
        ["GET", "/api/me"],
        ["GET", "/metrics"],
        ["POST", `/api/games/${g}/moves`, { type: "chat", channel: "team:south", text: "try" }],
        ["POST", `/api/games/${g}/moves`, { type: "chat", channel: "team:north", text: "try" }],
        ["POST", `/api/games/${g}/moves`, { type: "chat", channel: "bc-fish", text: "try" }],
        ["POST", `/api/games/${g}/moves`, { type: "inject", injectId: "inj-storm" }],
        ["POST", `/api/games/${g}/moves`, { type: "propose", terms: { fish: "north" } }],
        ["POST", `/api/games/${g}/moves`, { type: "sign", draftVersion: 0 }],
        ["POST", `/api/games/${g}/moves`, { type: "nonsense" }],
        ["POST", `/api/games/${g}/fork`, { atSeq: 1 }],
        ["POST", `/api/games/${g}/seats/s-lead/reset`],
        ["POST", `/api/games/${g}/facilitator-token`],
        ["POST", `/api/games/${g}/facilitator-token/reset`],
        ["DELETE", `/api/games/${g}`],
        ["POST", "/api/games", { scenarioId: scenario.id }],
        ["POST", "/api/scenarios", { ...scenario, id: "copied", version: 1 }],
        ["POST", "/api/games/import", { format: "summitry-game" }],
      ];
      const out = [];
      for (const [method, path, body] of tries) {
        const r = await http(server.url, method, path, { token, body });
        out.push({ what: `${method} ${path}`, status: r.status, text: JSON.stringify(r.body) });
      }
      return out;
    }

    /** A socket on the token: its state, a resume from 0, and refused moves; everything it got. */
    async function probeSocket(token: string): Promise<string> {
      let c: SeatClient;
      try {
        c = await connect(server.url, token);
      } catch (err) {
        return `connect_error ${(err as Error).message}`;
      }
      for (const m of [
        { type: "chat", channel: "team:south", text: "try" },
        { type: "chat", channel: "team:north", text: "try" },
        { type: "inject", injectId: "inj-crowd" },
        { type: "walkAway" },
        { type: "teleport" },
      ])
        await c.move(m).catch(() => null);
      c.socket.emit("resume", { fromSeq: 0 });
      const before = c.received.length;
      for (let i = 0; i < 400 && !c.received.slice(before).some((r) => r.name === "state"); i++) {
        await new Promise((r) => setTimeout(r, 10));
      }
      c.close();
      return JSON.stringify(c.received);
    }

    /** Asserts a caller's answers hold nothing of what it may not see. */
    async function audit(
      label: string,
      token: string | undefined,
      forbidden: string[],
      opened: boolean,
      hasKey = false,
    ) {
      const answers = await probeHttp(token);
      for (const a of answers) {
        expect(leaks(a.text, forbidden), `${label}: ${a.what} (${a.status})`).toEqual([]);
        // A seat never changes the game's access, and no caller without a key creates anything.
        const creates = /POST \/api\/(games|scenarios)$|import/.test(a.what);
        if (/reset|facilitator-token|fork|DELETE/.test(a.what) || (creates && !hasKey)) {
          expect(a.status, `${label}: ${a.what}`).toBeGreaterThanOrEqual(400);
        }
        if (/export/.test(a.what)) expect(a.status === 200, `${label}: ${a.what}`).toBe(opened);
      }
      if (token) expect(leaks(await probeSocket(token), forbidden), `${label}: socket`).toEqual([]);
    }

    it("plays a game full of secrets on both sides", async () => {
      owner = await facilitatorKey(server.url, `Owner ${reveal}`);
      expect((await http(server.url, "POST", "/api/scenarios", { token: owner, body: scenario })).status).toBe(201);
      game = (await http(server.url, "POST", "/api/games", { token: owner, body: { scenarioId: scenario.id } })).body;
      otherGame = (
        await http(server.url, "POST", "/api/games", {
          token: TEST_OPERATOR_KEY,
          body: { scenarioId: "great-rebalancing" },
        })
      ).body;
      expect(game.gameId).toBeTruthy();
      for (const seat of [...SIDES.north, ...SIDES.south]) {
        const j = await http(server.url, "POST", `/api/games/${game.gameId}/join`, {
          body: { code: game.joinCodes[seat], name: `Name ${seat}` },
        });
        tokens[seat] = j.body.token;
        sockets[seat] = await connect(server.url, tokens[seat]!);
      }
      tokens.observer = (
        await http(server.url, "POST", `/api/games/${game.gameId}/join`, {
          body: { code: game.observerCode, name: "Wall" },
        })
      ).body.token;
      sockets.observer = await connect(server.url, tokens.observer!);
      tokens.otherGameSeat = (
        await http(server.url, "POST", `/api/games/${otherGame.gameId}/join`, {
          body: { code: otherGame.joinCodes["cn-president"], name: "Elsewhere" },
        })
      ).body.token;

      expect((await fac({ type: "resume" })).status).toBe(200);
      await as("n-lead", { type: "chat", channel: "team:north", text: "NORTH-TEAM-CANARY hold fish" });
      await as("s-lead", { type: "chat", channel: "team:south", text: "SOUTH-TEAM-CANARY open the crossing" });
      expect((await fac({ type: "note", text: "NOTE-TO-SOUTH-CANARY", to: ["south"] })).status).toBe(200);
      expect(
        (await fac({ type: "note", text: "NOTE-TO-NORTH-CANARY", to: ["n-lead", "n-fish", "n-aide"] })).status,
      ).toBe(200);
      expect((await fac({ type: "advancePhase" })).status).toBe(200);
      await as("n-fish", { type: "chat", channel: "bc-fish", text: "BC-FISH-CANARY quiet word" });
      expect(
        (await fac({ type: "inject", title: "Word from home", text: "SOUTH-WRITTEN-INJECT-CANARY", to: ["south"] }))
          .status,
      ).toBe(200);
      await as("n-fish", { type: "propose", terms: { fish: "split" } });
      await as("s-fish", { type: "accept", proposalId: "p1" });
      // Control adjudicates (rules version 4): private effects in a written inject to everyone, a
      // ruling and its undo, both told to everyone.
      const ruled = {
        type: "inject",
        title: "Court ruling",
        text: "The court rules on the fishery.",
        effects: [
          { shiftReservation: { side: "north", by: NORTH_SHIFT } },
          { shiftPoints: { side: "north", issue: "fish", option: "north", by: -20 } },
          { reveal: { to: ["south"], text: "SOUTH-WRITTEN-REVEAL-CANARY" } },
        ],
      };
      expect((await fac(ruled)).status).toBe(200);
      const ruling = { type: "ruling", kind: "impose", issue: "border", option: "daytime", reason: "By treaty" };
      expect((await fac(ruling)).status).toBe(200);
      expect((await fac({ type: "undo", reason: "Treaty lapsed" })).status).toBe(200);
    });

    it("during play: every caller sees only its own side's secrets", async () => {
      const bcOutsiders = ["n-lead", "n-aide", "s-lead", "observer"];
      for (const [side, seats] of Object.entries(SIDES) as [Side, readonly string[]][]) {
        for (const seat of seats) {
          const forbidden = secretsAgainst(scenario, side);
          if (bcOutsiders.includes(seat)) forbidden.push("BC-FISH-CANARY");
          await audit(seat, tokens[seat], forbidden, false);
        }
      }
      const none = [...secretsAgainst(scenario, "none"), "BC-FISH-CANARY"];
      await audit("observer", tokens.observer, none, false);
      await audit("outsider", undefined, none, false);
      await audit("another game's seat", tokens.otherGameSeat, none, false);
      await audit("a key that does not own the game", await facilitatorKey(server.url), none, false, true);
    });

    it("every socket's live stream held only its own side's secrets", () => {
      for (const [side, seats] of Object.entries(SIDES) as [Side, readonly string[]][]) {
        for (const seat of seats) {
          received[seat] = sockets[seat]!.received.map((r) => JSON.stringify(r));
          expect(leaks(received[seat]!.join("\n"), secretsAgainst(scenario, side)), seat).toEqual([]);
        }
      }
      // Not vacuous: the written inject's reveal and shift did reach the side they were for.
      expect(received["s-lead"]!.join("\n")).toContain("SOUTH-WRITTEN-REVEAL-CANARY");
      expect(received["n-lead"]!.join("\n")).toContain(`"reservation":${11 + NORTH_SHIFT}`);
      const observed = sockets.observer!.received.map((r) => JSON.stringify(r)).join("\n");
      expect(leaks(observed, [...secretsAgainst(scenario, "none"), "BC-FISH-CANARY"])).toEqual([]);
    });

    it("after the end: sealed stays sealed, a revealing end opens the record to the game's seats only", async () => {
      expect((await fac({ type: "advancePhase" })).status).toBe(200);
      await as("n-lead", { type: "propose", terms: { fish: "split", statement: "friendly" } });
      // The probes above made proposals of their own (a seat may): take the one just made.
      await sockets["s-lead"]!.until(sockets["n-lead"]!.lastSeq);
      const made = sockets["s-lead"]!.view.proposals.filter((p: { from: string }) => p.from === "north").at(-1);
      await as("s-lead", { type: "accept", proposalId: made.id });
      await sockets["n-lead"]!.until(sockets["s-lead"]!.lastSeq);
      const draft = sockets["n-lead"]!.view.draft.version;
      await as("n-lead", { type: "sign", draftVersion: draft });
      await as("s-lead", { type: "sign", draftVersion: draft });
      const over = await http(server.url, "GET", `/api/games/${game.gameId}`, { token: tokens["n-lead"] });
      expect(over.body.status).toBe("over");

      for (const [side, seats] of Object.entries(SIDES) as [Side, readonly string[]][]) {
        for (const seat of seats) {
          // Once a revealing game is over everything is open to its seats (GAME.md); sealed, nothing more is.
          const forbidden = reveal ? [] : [...secretsAgainst(scenario, side)];
          if (!reveal && ["n-lead", "n-aide", "s-lead"].includes(seat)) forbidden.push("BC-FISH-CANARY");
          await audit(`${seat} after the end`, tokens[seat], forbidden, reveal);
        }
      }
      const none = [...secretsAgainst(scenario, "none"), "BC-FISH-CANARY"];
      await audit("observer after the end", tokens.observer, reveal ? [] : none, reveal);
      // An outsider and another game learn nothing, revealing or not.
      await audit("outsider after the end", undefined, none, false);
      await audit("another game's seat after the end", tokens.otherGameSeat, none, false);
      if (reveal) {
        // The revealed record really is whole: the audit above would pass on an empty export otherwise.
        const exported = await http(server.url, "GET", `/api/games/${game.gameId}/export`, { token: tokens["n-lead"] });
        expect(leaks(JSON.stringify(exported.body), ["SOUTH-TEAM-CANARY", "SOUTH-SIDE-SECRET"])).toHaveLength(2);
      }
    });

    it("no log line holds a private text, a chat, a name or a token", () => {
      const log = server.logs.join("\n");
      const texts = [
        ...secretsAgainst(scenario, "none"),
        "BC-FISH-CANARY",
        "Name n-lead",
        ...Object.values(tokens),
        game.facilitatorToken,
        owner,
        TEST_OPERATOR_KEY,
      ];
      expect(leaks(log, texts)).toEqual([]);
      for (const c of Object.values(sockets)) c.close();
    });
  });
});
