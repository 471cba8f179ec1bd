import { describe, expect, it } from "vitest";
import { type PlaytestReport, playBotGame, playtest } from "../shared/bots/index";
import { analyze, effectiveScenario, isSettled, type Scenario } from "../shared/index";
import { defaultScenario, tinyScenario } from "../shared/scenarios/index";

/**
 * The playtest's distribution (issue #12, point 5) against the games it claims to summarise: each
 * figure is recomputed here from the same seeded games played one by one, so a report that
 * miscounts, or summarises other games, fails.
 */

function gamesOf(scenario: Scenario, seed: string, n: number, strategies: Record<string, "linear" | "boulware">) {
  return Array.from({ length: n }, (_, i) => playBotGame(scenario, `${seed}#${i}`, strategies, { deckDraws: 0.5 }));
}

describe.each([
  { name: "tiny", scenario: tinyScenario, n: 40 },
  { name: "default", scenario: defaultScenario, n: 12 },
])("a playtest of the $name scenario", ({ scenario, n }) => {
  const strategies = { [scenario.sides[0]!.id]: "linear", [scenario.sides[1]!.id]: "boulware" } as const;
  const games = gamesOf(scenario, "check", n, strategies);
  let progress = 0;
  const report: PlaytestReport = playtest(scenario, {
    games: n,
    seed: "check",
    strategies,
    deckDraws: 0.5,
    onGame: (done) => {
      progress = done;
    },
  });

  it("counts the games it played: agreements, endings, walk-aways, refusals", () => {
    expect(progress).toBe(n);
    const deals = games.filter((g) => g.state.outcome?.agreement);
    expect(report.agreements).toBe(deals.length);
    expect(report.agreementRate).toBeCloseTo(deals.length / n, 10);
    expect(Object.values(report.endings).reduce((a, b) => a + b, 0)).toBe(n);
    expect(report.endings.signed ?? 0).toBe(deals.length);
    const walked = games.filter((g) => g.state.outcome?.reason === "walkAway").length;
    expect(Object.values(report.walkAways).reduce((a, b) => a + b, 0)).toBe(walked);
    expect(report.refusals.count).toBe(0);
    expect(report.unfinished).toBe(0);
    expect(report.strategies[scenario.sides[1]!.leader]).toBe("boulware");
  });

  it("summarises each side's scores and the deals' distances from the frontier and Nash", () => {
    for (const side of scenario.sides) {
      const scores = games.map((g) => g.state.outcome!.scores.sides[side.id]!).sort((a, b) => a - b);
      const s = report.scores[side.id]!;
      expect(s.n).toBe(n);
      expect(s.mean).toBeCloseTo(scores.reduce((a, b) => a + b, 0) / n, 10);
      expect([s.min, s.max]).toEqual([scores[0], scores.at(-1)]);
      expect(s.min <= s.q1 && s.q1 <= s.median && s.median <= s.q3 && s.q3 <= s.max).toBe(true);
    }
    const deals = games.filter((g) => g.state.outcome?.agreement);
    if (deals.length === 0) return;
    const [a, b] = scenario.sides.map((s) => s.id) as [string, string];
    const left = deals.map((g) => {
      const analysis = analyze(effectiveScenario(g.state));
      const o = g.state.outcome!.scores.sides;
      return analysis.maxJoint.joint - (o[a]! + o[b]!);
    });
    expect(report.frontier.pointsLeftOnTable!.mean).toBeCloseTo(left.reduce((x, y) => x + y, 0) / left.length, 10);
    expect(report.frontier.distance!.min).toBeGreaterThanOrEqual(0);
    expect(report.nashDistance!.n).toBe(deals.length);
  });

  it("says which issues settled, at which option, in which phase", () => {
    const deals = games.filter((g) => g.state.outcome?.agreement);
    for (const issue of scenario.issues) {
      const settled = deals.filter((g) => isSettled(issue, g.state.draft.terms));
      const row = report.issues[issue.id]!;
      expect(row.settled).toBeCloseTo(deals.length === 0 ? 0 : settled.length / deals.length, 10);
      expect(Object.values(row.options).reduce((x, y) => x + y, 0)).toBe(settled.length);
      expect(Object.values(row.phases).reduce((x, y) => x + y, 0)).toBe(settled.length);
      for (const phase of Object.keys(row.phases)) expect(scenario.phases.map((p) => p.id)).toContain(phase);
    }
  });

  it("splits the games by each inject played or not, with its effect on the scenario's figures", () => {
    expect(report.injects.map((i) => i.id)).toEqual(scenario.injects.map((i) => i.id));
    for (const inj of report.injects) {
      const played = games.filter((g) => g.state.played.includes(inj.id)).length;
      expect(inj.played).toBe(played);
      expect(inj.withIt.games + inj.without.games).toBe(n);
      for (const f of [inj.figures.zopaBefore, inj.figures.zopaAfter]) expect(f >= 0 && f <= 1).toBe(true);
    }
    // A deck card that moves points moves the figures (the default's market slide, the tiny storm).
    const moving = report.injects.find((i) => i.id === "inj-storm" || i.id === "inj-market-slide")!;
    expect(moving.figures.zopaAfter).not.toBe(moving.figures.zopaBefore);
  });
});
