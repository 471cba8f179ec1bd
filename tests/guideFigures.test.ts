import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyze, planMinutes, type Terms } from "../shared/index";
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
});
