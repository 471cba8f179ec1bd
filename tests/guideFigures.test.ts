import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { endingSentence } from "../client/src/common/ending";
import { defaultLabel, MAX_TABLES } from "../shared/contract/index";
import { analyze, planMinutes, type Terms } from "../shared/index";
import { moveSchemas } from "../shared/moves";
import { currentRulesVersion, rulesOf } from "../shared/rulesVersions";
import { defaultScenario as s } from "../shared/scenarios/index";

// docs/facilitator-guide.md quotes the default scenario's analytics and timing plans: each figure
// is recomputed here, so a change of points or plans that would make the guide wrong fails.

const guide = readFileSync("docs/facilitator-guide.md", "utf8").replace(/\s+/g, " ");
const terms = (pick: (options: string[]) => string): Terms =>
  Object.fromEntries(s.issues.map((i) => [i.id, pick(i.options.map((o) => o.id))]));

describe("the facilitator guide's figures", () => {
  const a = analyze(s);
  const [W, B] = a.sides;

  it("walk-aways, packages, the zone of agreement and the frontier", () => {
    expect([a.reservations[W], a.reservations[B]]).toEqual([50, 53]);
    expect(guide).toContain("Washington scores 50 and Beijing 53");
    expect(a.totalPackages).toBe(262_144);
    expect(a.zopa.packages).toBe(99_072);
    expect(Math.round(a.zopa.share * 100)).toBe(38);
    expect(guide).toContain("99,072 of them, 38%");
    expect(a.frontier).toHaveLength(31);
    const ends = [a.frontier[0]!, a.frontier.at(-1)!].map((f) => `Washington ${f.scores[W]} / Beijing ${f.scores[B]}`);
    expect(guide).toContain(`from ${ends[0]} to ${ends[1]}`);
  });

  it("the most joint value, the Nash package and its product", () => {
    expect(a.maxJoint.joint).toBe(161);
    expect(a.nash!.scores).toEqual({ [W]: 77, [B]: 84 });
    expect(a.nash!.product).toBe((77 - 50) * (84 - 53));
    expect(guide).toContain("(77 − 50) × (84 − 53) = 27 × 31 = 837");
    expect(a.nash!.package.taiwan).toBe("opposesIndependence");
    // The Nash package with a milder Taiwan line: still on the frontier.
    const onFrontier = (t: Terms) => analyze(s, t).deal!;
    for (const [option, w, b] of [
      ["doesNotSupport", 81, 78],
      ["privateAssurances", 87, 70],
    ] as const) {
      const deal = onFrontier({ ...a.nash!.package, taiwan: option });
      expect([deal.scores[W], deal.scores[B], deal.onFrontier]).toEqual([w, b, true]);
    }
    expect(guide).toContain('"does not support" gives 81 / 78, and with private assurances 87 / 70');
  });

  it("the Taiwan lines of the frontier packages that beat both walk-aways", () => {
    const onEdge = new Set(
      a.frontier.filter((f) => f.scores[W]! > 50 && f.scores[B]! > 53).map((f) => `${f.scores[W]}/${f.scores[B]}`),
    );
    const byTaiwan: Record<string, number> = {};
    // Every package, as an odometer over the options (4^9 = 262,144).
    const at = s.issues.map(() => 0);
    for (;;) {
      let w = 0;
      let b = 0;
      s.issues.forEach((issue, k) => {
        w += issue.points[W]![at[k]!]!;
        b += issue.points[B]![at[k]!]!;
      });
      if (onEdge.has(`${w}/${b}`)) {
        const taiwan = s.issues.findIndex((i) => i.id === "taiwan");
        const option = s.issues[taiwan]!.options[at[taiwan]!]!.id;
        byTaiwan[option] = (byTaiwan[option] ?? 0) + 1;
      }
      let k = 0;
      while (k < at.length && ++at[k]! === s.issues[k]!.options.length) at[k++] = 0;
      if (k === at.length) break;
    }
    expect(byTaiwan).toEqual({ opposesIndependence: 17, doesNotSupport: 8, privateAssurances: 8 });
    expect(guide).toContain(
      '17 of the 33 frontier packages that beat both walk-aways contain it (8 contain "does not support", 8 private assurances)',
    );
  });

  it("the forecast package and a table that takes the second option everywhere", () => {
    const forecast = analyze(s, a.forecast.package).deal!;
    expect([forecast.scores[W], forecast.scores[B], forecast.joint]).toEqual([77, 68, 145]);
    expect([forecast.pointsLeftOnTable, forecast.better.packages]).toEqual([16, 377]);
    expect(guide).toContain("145 together, 16 left on the table, and 377 packages are better for both sides");
    const cautious = analyze(
      s,
      terms((o) => o[1]!),
    ).deal!;
    expect([cautious.scores[W], cautious.scores[B], cautious.pointsLeftOnTable]).toEqual([52, 56, 53]);
    expect(guide).toContain("Washington 52 / Beijing 56");
  });

  it("the timing plans' minutes", () => {
    const line = (id: string, briefingNote = "") => {
      const p = planMinutes(s, id)!;
      const m = p.phases;
      return `${p.joining} minutes joining, ${m.briefing} briefing${briefingNote}, ${m.stockholm} Stockholm, ${m.summit} summit, ${m.signing} signing, ${p.debrief} debrief`;
    };
    expect(guide).toContain(line("class-50"));
    expect(guide).toContain(line("class-75", " (students read their briefs in class)"));
    expect(guide).toContain(line("full"));
  });

  it("a class: its tables, labels, seats and the 50-minute plan's minute marks", () => {
    expect(MAX_TABLES).toBe(20);
    expect(guide).toContain("_A number of tables_ (at most 20)");
    expect([0, 1, 2].map(defaultLabel)).toEqual(["Table A", "Table B", "Table C"]);
    expect(guide).toContain('"Table A", "Table B", "Table C" unless you type others');
    expect(s.roles).toHaveLength(9);
    expect(guide).toContain("(three tables of nine: 27)");
    expect(guide).toContain("(9 of 9 seats at each table)");
    const p = planMinutes(s, "class-50")!;
    const play = Object.values(p.phases).reduce((n, m) => n + m, 0);
    // The form's own words (texts/classroom.ts's period line) for the plan.
    expect(guide).toContain(
      `"Period: ${p.joining + play + p.debrief} minutes (${p.joining} joining + ${play} play + ${p.debrief} debrief)"`,
    );
    // Minute marks: play starts after joining; each phase ends where the next begins.
    const summitEnds = p.joining + p.phases.briefing! + p.phases.stockholm! + p.phases.summit!;
    const over = summitEnds + p.phases.signing!;
    expect([p.joining, summitEnds, over, p.joining + play + p.debrief]).toEqual([3, 33, 37, 50]);
    expect(guide).toContain(`**Minute ${p.joining}.** **Start**`);
    expect(guide).toContain(`**Minute ${summitEnds} or ${summitEnds + 1}.**`);
    expect(guide).toContain(`**Minute ${over}.** Every table is over`);
    expect(guide).toContain(
      `Signing phase (minutes ${summitEnds} to ${over}) already closes the bargaining and ends the game at minute ${over}`,
    );
    // A 3-minute last call at minute 34 ends by the plan's bell, and the debrief keeps its minutes.
    expect(summitEnds + 1 + 3).toBe(over);
    expect(guide).toContain(`At minute ${summitEnds + 1} at the latest, call a 3-minute last call`);
    expect(guide).toContain(`all of them end by minute ${over}, and the debrief keeps its ${p.debrief} minutes`);
  });

  it("the consoles' bounds and defaults: last call, extend, the idle alert", () => {
    const minutes = (m: number) => moveSchemas.lastCall.shape.minutes.safeParse(m).success;
    expect([minutes(0), minutes(1), minutes(15), minutes(16)]).toEqual([false, true, true, false]);
    expect(guide).toContain("a set number of minutes (1 to 15; 3 unless you change it)");
    expect(rulesOf(currentRulesVersion()).maxExtendMinutes).toBe(30);
    expect(guide).toContain("a phase may be extended by at most 30 minutes in all");
    // The defaults are the forms' initial values, read from their source.
    const src = (f: string) => readFileSync(`client/src/facilitator/${f}`, "utf8");
    expect(src("ClassActions.tsx")).toMatch(/initial="5"\s+testId="cc-extend"/);
    expect(src("ClassActions.tsx")).toMatch(/initial="3"\s+testId="cc-last-call"/);
    expect(src("console/LastCall.tsx")).toContain('useState("3")');
    expect(guide).toContain("**Extend** (minutes to add, 5 unless you change it;");
    expect(src("ClassConsole.tsx")).toContain("DEFAULT_IDLE_MINUTES = 5;");
    expect(guide).toContain("**Idle: no event for 5 min**");
    // The outcome's words at a last call's end, as the consoles and the debrief write them.
    const said = endingSentence(
      { reason: "deadline", walkedAwayBy: null },
      { at: 0, minutes: 3 },
      String,
      () => "10:39",
    );
    expect(guide).toContain(`"${said}"`);
    const signed = endingSentence({ reason: "signed", walkedAwayBy: null }, { at: 0, minutes: 3 }, String, () => "");
    expect(guide).toContain(`"${signed.slice(0, signed.indexOf("(") + 1)}…)"`);
  });
});
