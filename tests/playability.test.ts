import { describe, expect, it } from "vitest";
import { parseScenario, type Scenario, scenarioJsonSchema } from "../shared/index";
import type { Problem } from "../shared/scenario/crossCheck";
import { gridWork, INJECT_WORK_BUDGET, WIDE_ZONE } from "../shared/scenario/playability";
import { validateScenario } from "../shared/scenario/validate";
import { defaultScenario, tinyScenario } from "../shared/scenarios/index";

// The designer's broken scenarios of issue #12: each well formed, each unplayable in its own way,
// each told with its path and the ids it names. The tiny scenario is the base: it is valid and
// free of warnings, so every problem below is the one change's.

type Doc = Scenario & Record<string, unknown>;
const tiny = (): Doc => structuredClone(tinyScenario) as Doc;

function problemsOf(doc: unknown): Problem[] {
  return validateScenario(doc).problems;
}
/** The one problem at `path` (failing with the whole list otherwise). */
function only(problems: Problem[], path: string): Problem {
  const found = problems.filter((p) => p.path === path);
  expect(found, JSON.stringify(problems, null, 1)).toHaveLength(1);
  return found[0]!;
}

describe("the built-in scenarios", () => {
  it("have no playability error and no warning", () => {
    for (const s of [defaultScenario, tinyScenario]) {
      const v = validateScenario(s);
      expect(v.problems, s.id).toEqual([]);
      expect(v.ok).toBe(true);
    }
  });

  it("preview the default's figures (GAME.md: about 38% beat both walk-aways, Nash 77 / 84)", () => {
    const { preview } = validateScenario(defaultScenario);
    expect(preview!.zone.packages).toBe(99_072);
    expect(preview!.totalPackages).toBe(262_144);
    expect(preview!.nash!.scores).toEqual({ washington: 77, beijing: 84 });
    expect(preview!.frontier.length).toBeGreaterThan(5);
    // The scheduled inject only posts to press; the weak-growth card lowers Beijing's walk-away by 3.
    const byId = Object.fromEntries(preview!.injects.map((i) => [i.id, i]));
    expect(byId["inj-talks-open"]).toMatchObject({ when: "stockholm", after: preview!.zone, before: preview!.zone });
    expect(byId["inj-weak-growth"]!.before).toEqual(preview!.zone);
    expect(byId["inj-weak-growth"]!.after!.packages).toBeGreaterThan(preview!.zone.packages);
    expect(preview!.injects).toHaveLength(defaultScenario.injects.length);
  });
});

describe("playability errors, each with its path and ids", () => {
  it("no phase opens signing", () => {
    const doc = tiny();
    doc.phases[2]!.moves = doc.phases[2]!.moves.filter((m) => m !== "sign");
    const v = validateScenario(doc);
    expect(v.ok).toBe(false);
    const p = only(v.problems, "$.phases");
    expect(p.severity).toBe("error");
    expect(p.message).toMatch(/no phase opens signing \("sign"/);
    expect(p.message).toMatch(/no game of this scenario can reach an agreement/);
  });

  it("a backchannel between two roles of one side", () => {
    const doc = tiny();
    doc.backchannels[0]!.members = ["n-fish", "n-lead"];
    const p = only(problemsOf(doc), "$.backchannels[0].members");
    expect(p.severity).toBe("error");
    expect(p.message).toBe(
      'backchannel "bc-fish" joins "n-fish" and "n-lead", both of side "north"; a backchannel joins the two sides (a side talks on its team channel)',
    );
  });

  it("a 0.5-minute phase, and one longer than a game accepts (what the New-game form refuses)", () => {
    const doc = tiny();
    doc.phases[0]!.minutes = 0.5;
    doc.phases[1]!.minutes = 300;
    const problems = problemsOf(doc);
    const short = only(problems, "$.phases[0].minutes");
    expect(short).toMatchObject({ severity: "error" });
    expect(short.message).toMatch(/^phase "prep" runs 0.5 minutes; a game accepts 1 to 240 minutes a phase/);
    expect(only(problems, "$.phases[1].minutes").message).toMatch(/^phase "round1" runs 300 minutes/);
  });

  it("minimumIssues above the issues that can be settled before signing closes", () => {
    const doc = tiny();
    doc.rules.minimumIssues = 3;
    // Statement is held only by the leaders and the north aide: taken off the summit's agenda, only
    // fish and border can still reach the draft.
    doc.phases[2]!.agenda = ["fish", "border"];
    const p = only(problemsOf(doc), "$.rules.minimumIssues");
    expect(p.severity).toBe("error");
    expect(p.message).toMatch(/minimumIssues is 3, but only 2 issues \(fish, border\)/);
    expect(p.message).toMatch(/last phase that opens signing \("summit"\)/);
  });

  it("an issue nobody on the other side can accept does not count towards minimumIssues", () => {
    const doc = tiny();
    doc.rules.minimumIssues = 3;
    // Only north holds "statement" now: south can neither propose nor accept it.
    doc.roles.find((r) => r.id === "s-lead")!.portfolio = ["fish", "border"];
    expect(only(problemsOf(doc), "$.rules.minimumIssues").message).toMatch(/only 2 issues \(fish, border\)/);
  });

  it("a zone of agreement of 0", () => {
    const doc = tiny();
    doc.sides[0]!.reservation = 100;
    const v = validateScenario(doc);
    expect(v.ok).toBe(false);
    expect(v.preview!.zone.packages).toBe(0);
    const p = only(v.problems, "$");
    expect(p.severity).toBe("error");
    expect(p.message).toBe(
      "no package beats both walk-aways (north 100, south 9): the zone of agreement is empty, so no deal is worth signing to both sides",
    );
  });

  it("an inject that empties the zone: scheduled, and from the deck", () => {
    const doc = tiny();
    doc.injects.push(
      {
        id: "inj-strike",
        title: "A strike at the ports",
        text: "North's fleet is idle.",
        when: { scheduled: "summit" },
        effects: [{ shiftReservation: { side: "north", by: 90 } }],
      },
      {
        id: "inj-rally",
        title: "Rally",
        text: "South's public rallies.",
        when: "deck",
        effects: [{ shiftReservation: { side: "south", by: 40 } }],
      },
    );
    const v = validateScenario(doc);
    expect(v.ok).toBe(false);
    const strike = only(v.problems, "$.injects[4]");
    expect(strike.severity).toBe("error");
    expect(strike.message).toBe(
      'after inject "inj-strike" (at the start of "summit"): no package beats both walk-aways (north 100, south 9): the zone of agreement is empty, so no deal is worth signing to both sides',
    );
    expect(only(v.problems, "$.injects[5]").message).toMatch(
      /^after inject "inj-rally" \(played from the deck\): no package beats both walk-aways \(north 100, south 49\)/,
    );
    // The zone before any inject is the tiny scenario's own; the preview shows each inject's before and after.
    expect(v.problems.some((p) => p.path === "$")).toBe(false);
    const strikePreview = v.preview!.injects.find((i) => i.id === "inj-strike")!;
    expect(strikePreview.before!.packages).toBeGreaterThan(0);
    expect(strikePreview.after!.packages).toBe(0);
  });

  it("a point shift that empties the zone is found the same way", () => {
    const doc = tiny();
    // South's walk-away is 9: with fish "none" and both open borders worth nothing to it, its best
    // package is worth 5 + 0 + 3 = 8.
    doc.injects.push({
      id: "inj-glut",
      title: "A glut",
      text: "Fish prices collapse.",
      when: { scheduled: "round1" },
      effects: [
        { shiftPoints: { side: "south", issue: "fish", option: "none", by: -8 } },
        { shiftPoints: { side: "south", issue: "border", option: "open", by: -9 } },
        { shiftPoints: { side: "south", issue: "border", option: "daytime", by: -6 } },
      ],
    });
    const v = validateScenario(doc);
    expect(only(v.problems, "$.injects[4]").message).toMatch(
      /^after inject "inj-glut" \(at the start of "round1"\): no package/,
    );
    expect(v.preview!.injects.find((i) => i.id === "inj-glut")!.after!.packages).toBe(0);
  });

  it("an objective whose condition no ending meets, promising points", () => {
    const doc = tiny();
    // Nothing is accepted in "prep" (its moves are chat only).
    doc.roles[1]!.objectives[0]!.when = { settledIn: { issue: "fish", phase: "prep" } };
    // Fish at "none" and at "north" at once.
    doc.roles[3]!.objectives[0]!.when = {
      all: [
        { issue: "fish", is: "none" },
        { issue: "fish", is: "north" },
      ],
    };
    const problems = problemsOf(doc);
    const early = only(problems, "$.roles[1].objectives[0].when");
    expect(early.severity).toBe("error");
    expect(early.message).toMatch(/^objective "obj-n-fish-early" of role "n-fish" can never hold/);
    expect(only(problems, "$.roles[3].objectives[0].when").message).toMatch(
      /^objective "obj-s-lead-border" of role "s-lead" can never hold/,
    );
  });

  it("a penalty that can never apply is a warning, and reachable objectives pass", () => {
    const doc = tiny();
    // A walk-away is impossible once no phase opens it; the leader's penalty for one never applies.
    doc.phases[2]!.moves = doc.phases[2]!.moves.filter((m) => m !== "walkAway");
    const v = validateScenario(doc);
    const p = only(v.problems, "$.roles[0].objectives[1].when");
    expect(p.severity).toBe("warning");
    expect(p.message).toMatch(/objective "obj-n-lead-walk" of role "n-lead" can never hold/);
    expect(v.ok).toBe(true);
  });

  it("settledCount against minimumIssues: at least 3 settled can hold, 4 of 3 issues cannot", () => {
    const doc = tiny();
    doc.roles[4]!.objectives[0]!.when = { settledCount: { atLeast: 3 } };
    expect(problemsOf(doc)).toEqual([]);
    doc.roles[4]!.objectives[0]!.when = { all: [{ agreement: true }, { not: { settledCount: { atLeast: 2 } } }] };
    // minimumIssues is 2: an agreement always settles at least two.
    expect(only(problemsOf(doc), "$.roles[4].objectives[0].when").severity).toBe("error");
  });
});

describe("the work of the checks after injects", () => {
  it("is bounded: on the widest scenario the format allows, an inject past the budget is said to be unchecked", () => {
    // 12 issues of 6 options, points 0 to 100 the two sides' opposite ways: the largest grid there is.
    const doc = structuredClone(defaultScenario) as Doc;
    doc.id = "widest";
    doc.issues = Array.from({ length: 12 }, (_, i) => ({
      id: `i${i}`,
      title: `Issue ${i}`,
      description: "",
      noDeal: `i${i}o0`,
      options: Array.from({ length: 6 }, (_, k) => ({ id: `i${i}o${k}`, label: `Option ${k}`, description: "" })),
      points: {
        washington: [0, 13 + i, 40, 61 - i, 80, 100],
        beijing: [100, 77 + i, 60, 38 - i, 20, 0],
      },
    }));
    for (const r of doc.roles) {
      r.portfolio = doc.issues.map((i) => i.id);
      r.objectives = [];
    }
    for (const p of doc.phases) if (p.agenda.length > 0) p.agenda = doc.issues.map((i) => i.id);
    doc.forecast = {};
    const shift = (j: number) => ({
      id: `card-${j}`,
      title: `Card ${j}`,
      text: "Prices move.",
      when: "deck" as const,
      effects: [{ shiftPoints: { side: "washington", issue: `i${j}`, option: `i${j}o1`, by: 1 } }],
    });
    doc.injects = [shift(0), shift(1)];
    expect(gridWork(doc)).toBeGreaterThan(INJECT_WORK_BUDGET / 2);
    const v = validateScenario(doc);
    const [first, second] = v.preview!.injects;
    expect(first!.after).not.toBeNull();
    expect(second!.after).toBeNull();
    expect(only(v.problems, "$.injects[1]")).toMatchObject({
      severity: "warning",
      message: expect.stringMatching(
        /^after inject "card-1" \(played from the deck\): the zone of agreement was not checked/,
      ),
    });
    expect(v.problems.some((p) => p.path === "$.injects[0]" && /not checked/.test(p.message))).toBe(false);
  });
});

describe("playability warnings, beside a valid scenario", () => {
  it("an acting role holding nothing on its phase's agenda", () => {
    const doc = tiny();
    (doc.phases[1]!.acting as string[]).push("n-aide");
    const v = validateScenario(doc);
    expect(v.ok).toBe(true);
    const p = only(v.problems, "$.phases[1].acting[2]");
    expect(p.severity).toBe("warning");
    expect(p.message).toBe(
      'role "n-aide" acts in phase "round1" but holds no issue on its agenda (fish, border); its portfolio is statement',
    );
  });

  it(`a zone of agreement above ${WIDE_ZONE * 100}% of packages`, () => {
    const doc = tiny();
    doc.sides[0]!.reservation = -1;
    doc.sides[1]!.reservation = -1;
    const v = validateScenario(doc);
    expect(v.ok).toBe(true);
    expect(v.preview!.zone.share).toBeGreaterThan(WIDE_ZONE);
    const p = only(v.problems, "$");
    expect(p.severity).toBe("warning");
    expect(p.message).toMatch(/^\d+% of packages beat both walk-aways \(north -1, south -1\): almost any deal will do/);
  });
});

describe("one missing field, one message", () => {
  const problems = (doc: unknown) => {
    const r = parseScenario(doc);
    return r.ok ? [] : r.problems;
  };
  /** The document's problems are this one error, and nothing else. */
  const oneError = (doc: unknown, path: string, message: string) =>
    expect(problems(doc)).toEqual([{ path, message, severity: "error" }]);

  it("a role without `optional` gets one message naming the role and the field", () => {
    const doc = tiny();
    Reflect.deleteProperty(doc.roles[3]!, "optional");
    oneError(doc, "$.roles[3].optional", 'role "s-lead" is missing required field "optional" (true or false)');
  });

  it("every role without it: still one message, naming each", () => {
    const doc = tiny();
    for (const r of doc.roles) Reflect.deleteProperty(r, "optional");
    oneError(
      doc,
      "$.roles",
      '5 roles ("n-lead", "n-fish", "n-aide", "s-lead", "s-fish") are missing required field "optional" (true or false)',
    );
  });

  it("a third side is one message naming the sides, not one more per issue", () => {
    const doc = tiny();
    doc.sides.push({ id: "east", name: "East", brief: "", reservation: 3, leader: "n-lead" });
    oneError(doc, "$.sides", 'a scenario has exactly two sides; this one has 3: "north", "south", "east"');
  });

  it("a missing union field says what it takes; other messages name their thing by id", () => {
    const doc = tiny();
    Reflect.deleteProperty(doc.phases[1]!, "acting");
    Reflect.deleteProperty(doc.injects[0]!, "when");
    (doc.issues[2]!.points.south as number[])[1] = 1.5;
    const found = problems(doc);
    expect(found.find((p) => p.path === "$.phases[1].acting")?.message).toBe(
      'phase "round1" is missing required field "acting" ("all" or a list)',
    );
    expect(found.find((p) => p.path === "$.injects[0].when")?.message).toBe(
      'inject "inj-open" is missing required field "when" ("deck" or an object)',
    );
    expect(found.find((p) => p.path === "$.issues[2].points.south[1]")?.message).toMatch(/^issue "statement": .*int/);
    expect(found).toHaveLength(3);
  });

  it("a structural error stops before the playability checks (they need a sound document)", () => {
    const doc = tiny();
    Reflect.deleteProperty(doc, "rules");
    const v = validateScenario(doc);
    expect(v.ok).toBe(false);
    expect(v.preview).toBeUndefined();
    expect(v.problems).toEqual([
      { path: "$.rules", message: 'the scenario is missing required field "rules" (an object)', severity: "error" },
    ]);
  });
});

describe("messages name their things by id", () => {
  it("in the cross-references too, and only ids that are ids", () => {
    const doc = tiny();
    doc.roles[1]!.portfolio.push("whales");
    doc.issues[1]!.points.north = [1, 2];
    doc.injects[2]!.when = { scheduled: "lunch" };
    const r = parseScenario(doc);
    const at = (path: string) => (r.ok ? [] : r.problems.filter((p) => p.path === path).map((p) => p.message));
    expect(at("$.roles[1].portfolio[1]")).toEqual(['role "n-fish": unknown issue "whales"']);
    expect(at("$.issues[1].points.north")).toEqual(['issue "border": 2 numbers for 3 options']);
    expect(at("$.injects[2].when.scheduled")).toEqual(['inject "inj-leak": unknown phase "lunch"']);
    // A 10,000-character "id" is refused once, and not copied into the messages about its contents.
    const long = tiny();
    long.roles[1]!.id = `n${"x".repeat(10_000)}`;
    long.roles[1]!.portfolio.push("whales");
    const refused = parseScenario(long);
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.problems.find((p) => p.path === "$.roles[1].portfolio[1]")?.message).toBe(
        'unknown issue "whales"',
      );
      expect(Math.max(...refused.problems.map((p) => p.message.length))).toBeLessThan(500);
    }
  });
});

describe("the JSON Schema's required fields", () => {
  // The fields one may leave out (zod's `.optional()`), by the object they belong to, known by a
  // field of its own: a timing plan's description, an issue condition's bounds, an agenda effect's
  // lists, the scenario's timing plans. Every other field is required.
  const OPTIONAL: [string, string[]][] = [
    ["readingAtHome", ["description"]],
    ["issue", ["atLeast", "atMost", "is"]],
    ["add", ["add", "remove"]],
    ["debriefQuestions", ["timingPlans"]],
  ];

  it("lists every field but the optional ones as required, on every object of the format", () => {
    const schema = scenarioJsonSchema();
    const seen: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (Array.isArray(node)) {
        for (const [i, x] of node.entries()) walk(x, `${where}[${i}]`);
        return;
      }
      if (typeof node !== "object" || node === null) return;
      const n = node as { properties?: Record<string, unknown>; required?: string[] };
      if (n.properties) {
        const props = n.properties;
        const mayLeaveOut = OPTIONAL.filter(([mark]) => mark in props).flatMap(([, keys]) => keys);
        for (const key of Object.keys(props)) {
          const optional = mayLeaveOut.includes(key);
          expect(n.required?.includes(key) ?? false, `${where}.${key}`).toBe(!optional);
          seen.push(key);
        }
      }
      for (const [k, v] of Object.entries(node)) walk(v, `${where}.${k}`);
    };
    walk(schema, "$");
    // The walk reached the nested parts: roles' optional, phases' acting, rules, plans, conditions.
    expect(seen).toEqual(expect.arrayContaining(["optional", "acting", "minimumIssues", "readingAtHome", "atLeast"]));
  });
});
