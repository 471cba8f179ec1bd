import { describe, expect, it } from "vitest";
import { parseMove, parseScenario, type Scenario, scoreOf } from "../shared/index";
import { tinyScenario } from "../shared/scenarios/index";
import { F, Play, seat } from "./support/play";

// Scenario ids that are Object.prototype's names (issue 9). Both defences are tested: the id
// schema refuses them, with their paths; and the rules look ids up as own keys only, so a scenario
// holding them (one stored before the rule) plays and scores exactly as the same scenario with
// ordinary ids.

const PROTO_NAMES = { north: "constructor", south: "toString", fish: "hasOwnProperty", none: "__proto__" };

/** The tiny scenario with some ids renamed everywhere they appear, as values and as keys. */
function renamed(map: Record<string, string>): Scenario {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return Object.hasOwn(map, v) ? map[v] : v;
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") {
      // defineProperty: a "__proto__" key stays an own key, as JSON.parse makes it.
      const out = {};
      for (const [k, x] of Object.entries(v)) {
        Object.defineProperty(out, Object.hasOwn(map, k) ? map[k]! : k, {
          value: walk(x),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return v;
  };
  return walk(structuredClone(tinyScenario)) as Scenario;
}

describe("ids that are Object.prototype's names", () => {
  it("are refused by the scenario schema, each with its path", () => {
    const withNames = renamed(PROTO_NAMES);
    const r = parseScenario(withNames);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.problems.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(["$.sides[0].id", "$.sides[1].id", "$.issues[0].id"]));
    expect(paths).toEqual(expect.arrayContaining(["$.issues[0].options[0].id"]));
    // The cross-references look sides up as own keys: missing points for "constructor" are missing.
    const noPoints = renamed(PROTO_NAMES) as unknown as { issues: { points: Partial<Record<string, unknown>> }[] };
    Reflect.deleteProperty(noPoints.issues[1]!.points, "constructor");
    const missing = parseScenario(noPoints);
    expect(missing.ok).toBe(false);
    if (!missing.ok)
      expect(missing.problems).toContainEqual({
        path: "$.issues[1].points",
        message: 'issue "border": no points for side "constructor"',
        severity: "error",
      });
    // And from JSON text, where "__proto__" is an own key (an issue's points keyed by a side).
    const text = JSON.stringify({ ...tinyScenario, id: "valueOf" });
    const fromText = parseScenario(text);
    expect(fromText.ok).toBe(false);
    if (!fromText.ok) expect(fromText.problems.map((p) => p.path)).toContain("$.id");
    const proto = parseScenario(JSON.stringify(tinyScenario).replace('"id":"fish"', '"id":"__proto__"'));
    expect(proto.ok).toBe(false);
    if (!proto.ok) expect(proto.problems.map((p) => p.path)).toContain("$.issues[0].id");
  });

  it("are refused in a move's ids and keys", () => {
    for (const raw of [
      { type: "propose", terms: { constructor: "open" } },
      JSON.parse('{"type":"propose","terms":{"__proto__":"open"}}'),
      { type: "accept", proposalId: "toString" },
      { type: "inject", injectId: "hasOwnProperty" },
      { type: "note", text: "hi", to: ["valueOf"] },
    ]) {
      const parsed = parseMove(raw);
      expect(parsed.ok, JSON.stringify(raw)).toBe(false);
      if (!parsed.ok) expect(parsed.error.code).toBe("invalid_move");
    }
  });

  /** The same game on both scenarios: moves named with the original ids, renamed for the other. */
  function playBoth(moves: (ids: (id: string) => string) => [unknown, unknown][]) {
    const results = [{}, PROTO_NAMES].map((map: Record<string, string>) => {
      const ids = (id: string) => (Object.hasOwn(map, id) ? map[id]! : id);
      const play = new Play(Object.keys(map).length ? renamed(map) : (structuredClone(tinyScenario) as Scenario));
      for (const [actor, move] of moves(ids)) {
        const m = typeof move === "function" ? move(play) : move;
        play.ok(actor, m);
      }
      return { play, ids };
    });
    return results as [{ play: Play; ids: (id: string) => string }, { play: Play; ids: (id: string) => string }];
  }

  const toSummit: [unknown, unknown][] = [
    [F, { type: "resume" }],
    [F, { type: "advancePhase" }],
    [F, { type: "advancePhase" }],
  ];

  it("play and score as ordinary ids do: an agreement, with an inject shifting points and a reservation", () => {
    const [plain, proto] = playBoth(() => [
      ...toSummit,
      [F, { type: "inject", injectId: "inj-storm" }],
      [seat("n-lead"), { type: "propose", terms: { border: "open", statement: "friendly" } }],
      [seat("s-lead"), (p: Play) => ({ type: "accept", proposalId: p.state.proposals.at(-1)!.id })],
      [seat("n-lead"), (p: Play) => ({ type: "sign", draftVersion: p.state.draft.version })],
      [seat("s-lead"), (p: Play) => ({ type: "sign", draftVersion: p.state.draft.version })],
    ]);
    const a = plain.play.state.outcome!;
    const b = proto.play.state.outcome!;
    expect(a).not.toBeNull();
    expect(b).not.toBeNull();
    expect(b.agreement).toBe(true);
    // Every issue is in the terms, the one named hasOwnProperty at its noDeal option "__proto__".
    expect(Object.keys(b.terms).sort()).toEqual(["border", "hasOwnProperty", "statement"]);
    expect(b.terms.hasOwnProperty).toBe("__proto__");
    expect(b.scores.sides.constructor).toBe(a.scores.sides.north);
    expect(b.scores.sides.toString).toBe(a.scores.sides.south);
    expect(b.scores.roles).toEqual(a.scores.roles);
    for (const v of [...Object.values(b.scores.sides), ...Object.values(b.scores.roles)])
      expect(typeof v).toBe("number");
    const report = scoreOf(proto.play.state);
    expect(report.reservations.toString).toBe(scoreOf(plain.play.state).reservations.south);
    expect(typeof report.reservations.toString).toBe("number");
  });

  it("play and score as ordinary ids do: a walk-away after the inject, scored at the shifted reservations", () => {
    const [plain, proto] = playBoth(() => [
      ...toSummit,
      [F, { type: "inject", injectId: "inj-storm" }],
      [seat("n-lead"), { type: "walkAway" }],
    ]);
    const a = plain.play.state.outcome!;
    const b = proto.play.state.outcome!;
    expect(b.agreement).toBe(false);
    // The reservation shift was a number added, not "9function Object() { [native code] }2".
    expect(b.scores.sides.toString).toBe(a.scores.sides.south);
    expect(b.scores.sides.constructor).toBe(a.scores.sides.north);
    expect(typeof b.scores.sides.toString).toBe("number");
    expect(b.scores.roles).toEqual(a.scores.roles);
    expect(Object.keys(b.terms).sort()).toEqual(["border", "hasOwnProperty", "statement"]);
    expect(proto.play.state.shifts.reservation.toString).toBe(2);
  });
});
