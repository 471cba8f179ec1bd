import { describe, expect, it } from "vitest";
import { analyze, parseScenario, type Scenario, scenarioJsonSchema, setupScenario } from "../shared/index";
import { defaultScenario, tinyScenario } from "../shared/scenarios/index";

const words = (s: string) => s.split(/\s+/).filter(Boolean).length;

describe("the default scenario", () => {
  it("parses, with the ids, phases and rules GAME.md gives", () => {
    const s = defaultScenario;
    expect(s.sides.map((x) => [x.id, x.leader, x.reservation])).toEqual([
      ["washington", "us-president", 50],
      ["beijing", "cn-president", 53],
    ]);
    expect(s.roles.map((r) => r.id)).toEqual([
      "us-president",
      "us-treasury",
      "us-commerce",
      "us-nsa",
      "cn-president",
      "cn-vice-premier",
      "cn-commerce",
      "cn-foreign",
      "cn-security",
    ]);
    expect(s.roles.filter((r) => r.optional).map((r) => r.id)).toEqual(["us-nsa", "cn-foreign", "cn-security"]);
    expect(s.phases.map((p) => [p.id, p.minutes])).toEqual([
      ["briefing", 8],
      ["stockholm", 12],
      ["summit", 20],
      ["signing", 5],
    ]);
    expect(s.rules).toEqual({ minimumIssues: 5, revealAtEnd: true, maxOpenProposalsPerSide: 3, chatMaxLength: 1000 });
    expect(s.injects.filter((i) => i.when === "deck").length).toBeGreaterThanOrEqual(8);
    expect(s.injects.filter((i) => i.when !== "deck")).toHaveLength(1);
    expect(s.debriefQuestions.length).toBeGreaterThanOrEqual(8);
  });

  it("carries GAME.md's points table exactly", () => {
    const table: Record<string, [number[], number[], number]> = {
      tariffs: [[0, 8, 12, 14], [0, 8, 14, 20], 0],
      chips: [[14, 12, 7, 0], [0, 5, 12, 16], 1],
      rareEarths: [[0, 6, 13, 18], [14, 12, 7, 0], 1],
      fentanyl: [[0, 4, 9, 12], [6, 5, 3, 0], 0],
      tiktok: [[0, 2, 7, 9], [4, 6, 7, 0], 1],
      purchases: [[0, 5, 10, 14], [6, 6, 4, 1], 0],
      investment: [[0, 3, 6, 7], [0, 3, 7, 9], 1],
      taiwan: [[12, 10, 4, 0], [0, 8, 16, 22], 0],
      framing: [[0, 2, 3, 3], [0, 3, 5, 6], 0],
    };
    expect(defaultScenario.issues.map((i) => i.id)).toEqual(Object.keys(table));
    for (const issue of defaultScenario.issues) {
      const [w, b, noDeal] = table[issue.id]!;
      expect(issue.points).toEqual({ washington: w, beijing: b });
      expect(issue.options.findIndex((o) => o.id === issue.noDeal)).toBe(noDeal);
    }
  });

  it("has briefs long enough to hand to a class: sides 250–500 words, roles 120–250", () => {
    for (const s of defaultScenario.sides) expect(words(s.brief), s.id).toBeGreaterThanOrEqual(250);
    for (const s of defaultScenario.sides) expect(words(s.brief), s.id).toBeLessThanOrEqual(500);
    for (const r of defaultScenario.roles) {
      expect(words(r.brief), r.id).toBeGreaterThanOrEqual(120);
      expect(words(r.brief), r.id).toBeLessThanOrEqual(250);
      expect(r.objectives.length, r.id).toBeGreaterThan(0);
    }
    expect(words(defaultScenario.background)).toBeGreaterThan(150);
  });

  it("is balanced: a zone of agreement, middle options far below the frontier, Nash above both reservations", () => {
    const a = analyze(defaultScenario);
    expect(a.zopa.share).toBeGreaterThan(0.2);
    expect(a.zopa.share).toBeLessThan(0.6);
    expect(a.zopa.share).toBeCloseTo(0.38, 2); // GAME.md: about 38%
    expect(a.maxJoint.joint).toBe(161);
    expect(a.nash!.scores).toEqual({ washington: 77, beijing: 84 });
    expect(a.forecast.scores).toEqual({ washington: 77, beijing: 68 });
    // The best package made only of middle options (1 or 2 on every issue), by brute force: 2^9.
    let bestMiddle = Number.NEGATIVE_INFINITY;
    for (let mask = 0; mask < 1 << 9; mask++) {
      let joint = 0;
      defaultScenario.issues.forEach((issue, k) => {
        const o = (mask >> k) & 1 ? 2 : 1;
        joint += issue.points.washington![o]! + issue.points.beijing![o]!;
      });
      bestMiddle = Math.max(bestMiddle, joint);
    }
    expect(bestMiddle).toBe(146);
    expect(a.maxJoint.joint - bestMiddle).toBeGreaterThanOrEqual(10);
  });
});

describe("parseScenario", () => {
  it("accepts both shipped scenarios, as objects or JSON text", () => {
    expect(parseScenario(defaultScenario).ok).toBe(true);
    expect(parseScenario(JSON.stringify(tinyScenario)).ok).toBe(true);
  });

  it("returns every mistake in a file, each with its JSON path", () => {
    const doc = structuredClone(tinyScenario) as unknown as Record<string, any>;
    doc.title = 42; // wrong type
    doc.sides[1].id = "roles"; // reserved side name (then south's references dangle)
    doc.sides[0].leader = "n-aide"; // optional leader
    doc.roles[1].portfolio.push("whales"); // unknown issue
    doc.backchannels[1].id = "fish"; // an id already taken (by an issue)
    doc.issues[0].noDeal = "everything"; // not an option
    doc.issues[1].points.north = [1, 2]; // too few numbers
    doc.issues[2].points.south = [0, 1.5]; // not whole numbers
    doc.phases[1].agenda.push("whales");
    doc.phases[1].acting.push("n-ghost");
    doc.phases[0].moves.push("dance");
    doc.backchannels[0].members = ["n-fish", "n-fish"];
    doc.injects[1].effects[0].shiftPoints.option = "most";
    doc.injects[2].when = { scheduled: "lunch" };
    doc.injects[2].effects[0].reveal.to = ["east"];
    doc.roles[0].objectives[0].when = { issue: "fish", atLeast: "lots" };
    doc.roles[4].objectives[0].when.any[0] = { settledCount: { atLeast: "two" } };
    doc.forecast.border = "tunnel";
    doc.rules.minimumIssues = 9;
    doc.extra = true;

    const r = parseScenario(doc);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const at = (path: string) => r.problems.filter((p) => p.path === path).map((p) => p.message);
    const expectProblem = (path: string, pattern: RegExp) =>
      expect(
        at(path).some((m) => pattern.test(m)),
        `${path}: ${JSON.stringify(r.problems)}`,
      ).toBe(true);

    expectProblem("$.title", /string/);
    expectProblem("$.sides[1].id", /roles/);
    expectProblem("$.sides[0].leader", /optional/);
    expectProblem("$.roles[1].portfolio[1]", /unknown issue "whales"/);
    expectProblem("$.backchannels[1].id", /"fish" is already used at \$\.issues\[0\]\.id/);
    expectProblem("$.issues[0].noDeal", /not one of this issue's options/);
    expectProblem("$.issues[1].points.north", /2 numbers for 3 options/);
    expectProblem("$.issues[2].points.south[1]", /integer|int/i);
    expectProblem("$.phases[1].agenda[2]", /unknown issue/);
    expectProblem("$.phases[1].acting[2]", /unknown role "n-ghost"/);
    expectProblem("$.phases[0].moves[1]", /propose/);
    expectProblem("$.backchannels[0].members", /two different roles/);
    expectProblem("$.injects[1].effects[0].shiftPoints.option", /no option "most"/);
    expectProblem("$.injects[2].when.scheduled", /unknown phase "lunch"/);
    expectProblem("$.injects[2].effects[0].reveal.to[0]", /neither a seat nor a side/);
    expectProblem("$.roles[0].objectives[0].when.atLeast", /no option "lots"/);
    expectProblem("$.roles[4].objectives[0].when.any[0].settledCount.atLeast", /number/);
    expectProblem("$.forecast.border", /no option "tunnel"/);
    expectProblem("$.rules.minimumIssues", /only 3 issues/);
    expectProblem("$", /extra/);
    expect(r.problems.length).toBeGreaterThanOrEqual(20);
  });

  it("says plainly when the text is not JSON, or not a scenario at all", () => {
    expect(parseScenario("{ nope")).toMatchObject({ ok: false, problems: [{ path: "$" }] });
    const r = parseScenario([]);
    expect(r.ok).toBe(false);
  });

  it("keeps to the size limits", () => {
    const doc = structuredClone(tinyScenario) as Scenario;
    doc.issues[0]!.options.push(...["a", "b", "c", "d"].map((id) => ({ id, label: id, description: "" })));
    const r = parseScenario(doc);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => p.path === "$.issues[0].options")).toBe(true);
  });
});

describe("the format as JSON Schema", () => {
  it("is generated from the zod schema, recursive conditions included", () => {
    const schema = scenarioJsonSchema() as { type: string; required: string[]; properties: Record<string, unknown> };
    expect(schema.type).toBe("object");
    expect(schema.required).toEqual(expect.arrayContaining(["id", "sides", "roles", "issues", "phases", "rules"]));
    expect(JSON.stringify(schema)).toContain("settledCount");
    expect(JSON.stringify(schema)).toContain("shiftReservation");
  });
});

describe("a game's own copy of its scenario", () => {
  it("fits phase minutes and leaves out optional roles, with their backchannels and reveals", () => {
    const r = setupScenario(defaultScenario, { phaseMinutes: { summit: 15 }, leaveOut: ["us-nsa", "cn-foreign"] });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario.phases.find((p) => p.id === "summit")!.minutes).toBe(15);
    expect(r.scenario.roles.map((x) => x.id)).not.toContain("us-nsa");
    expect(r.scenario.backchannels.map((b) => b.id)).toEqual(["bc-treasury-vp"]);
    const reveals = r.scenario.injects.flatMap((i) => i.effects.flatMap((e) => ("reveal" in e ? e.reveal.to : [])));
    expect(reveals).not.toContain("us-nsa");
    expect(defaultScenario.roles.map((x) => x.id)).toContain("us-nsa"); // the original is untouched
  });

  it("refuses to leave out a role that is not optional, or to time a phase that does not exist", () => {
    expect(setupScenario(defaultScenario, { leaveOut: ["us-president"] })).toMatchObject({
      ok: false,
      error: { code: "not_optional" },
    });
    expect(setupScenario(defaultScenario, { leaveOut: ["nobody"] })).toMatchObject({
      ok: false,
      error: { code: "unknown_role" },
    });
    expect(setupScenario(defaultScenario, { phaseMinutes: { lunch: 5 } })).toMatchObject({
      ok: false,
      error: { code: "unknown_phase" },
    });
  });
});
