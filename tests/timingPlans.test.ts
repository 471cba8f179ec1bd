import { describe, expect, it } from "vitest";
import { parseScenario, planMinutes, publicScenario, type Scenario, setupScenario } from "../shared/index";
import { defaultScenario, tinyScenario } from "../shared/scenarios/index";

/** The tiny scenario with these plans, as a raw document (what an upload would be). */
const withPlans = (timingPlans: unknown): unknown => ({ ...structuredClone(tinyScenario), timingPlans });
const tinyPhases = () => Object.fromEntries(tinyScenario.phases.map((p) => [p.id, 10]));
const plan = (over: Record<string, unknown> = {}) => ({
  id: "short",
  title: "Short class",
  readingAtHome: true,
  joiningMinutes: 3,
  debriefMinutes: 10,
  phaseMinutes: tinyPhases(),
  ...over,
});
const problems = (doc: unknown) => {
  const r = parseScenario(doc);
  return r.ok ? [] : r.problems;
};

describe("timing plans in the scenario format", () => {
  it("are optional: a scenario without them still parses (a stored or frozen one has none)", () => {
    expect(tinyScenario.timingPlans).toBeUndefined();
    expect(parseScenario(structuredClone(tinyScenario)).ok).toBe(true);
  });

  it("accept a plan naming every phase once with minutes in the game's range", () => {
    const r = parseScenario(withPlans([plan(), plan({ id: "long", title: "Long", readingAtHome: false })]));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.scenario.timingPlans?.map((p) => p.id)).toEqual(["short", "long"]);
  });

  it("refuse a plan that leaves a phase out, with the plan's path and the phase's name", () => {
    const [first, ...rest] = tinyScenario.phases;
    const phaseMinutes = Object.fromEntries(rest.map((p) => [p.id, 5]));
    expect(problems(withPlans([plan({ phaseMinutes })]))).toEqual([
      {
        path: "$.timingPlans[0].phaseMinutes",
        message: `timing plan "short": no minutes for phase "${first!.id}"; a plan names every phase`,
        severity: "error",
      },
    ]);
  });

  it("refuse an unknown phase, where it stands", () => {
    expect(problems(withPlans([plan({ phaseMinutes: { ...tinyPhases(), lunch: 30 } })]))).toEqual([
      {
        path: "$.timingPlans[0].phaseMinutes.lunch",
        message: 'timing plan "short": unknown phase "lunch"',
        severity: "error",
      },
    ]);
  });

  it("refuse minutes outside 1 to 240 (what POST /api/games accepts), by path", () => {
    const id = tinyScenario.phases[0]!.id;
    for (const bad of [0, 241, -5]) {
      const found = problems(withPlans([plan({ phaseMinutes: { ...tinyPhases(), [id]: bad } })]));
      expect(found.map((p) => p.path)).toEqual([`$.timingPlans[0].phaseMinutes.${id}`]);
    }
  });

  it("refuse a plan id used twice (ids are unique across the scenario) and a missing title", () => {
    expect(problems(withPlans([plan(), plan()])).map((p) => p.path)).toEqual(["$.timingPlans[1].id"]);
    const { title: _, ...untitled } = plan();
    expect(problems(withPlans([untitled])).map((p) => p.path)).toEqual(["$.timingPlans[0].title"]);
  });

  it("are public: publicScenario keeps them (the set-up forms read them)", () => {
    expect(publicScenario(defaultScenario).timingPlans).toEqual(defaultScenario.timingPlans);
  });
});

describe("the default scenario's plans", () => {
  it("offer a 50-minute class (reading at home, a debrief left), a 75-minute class and a full exercise", () => {
    expect(defaultScenario.timingPlans?.map((p) => p.title)).toEqual([
      "50-minute class",
      "75-minute class",
      "Full exercise",
    ]);
    const fifty = planMinutes(defaultScenario, "class-50")!;
    expect(fifty.plan.readingAtHome).toBe(true);
    expect(fifty.total).toBe(50);
    expect(fifty.debrief).toBeGreaterThanOrEqual(10);
    expect(fifty.joining + fifty.play + fifty.debrief).toBe(fifty.total);
    expect(planMinutes(defaultScenario, "class-75")!.total).toBe(75);
    expect(Object.keys(fifty.phases)).toEqual(defaultScenario.phases.map((p) => p.id));
  });

  it("set up a game whose phases run the plan's minutes", () => {
    const fifty = planMinutes(defaultScenario, "class-50")!;
    const r = setupScenario(defaultScenario, { phaseMinutes: fifty.phases });
    expect(r.ok).toBe(true);
    const phases = (r as { scenario: Scenario }).scenario.phases;
    expect(Object.fromEntries(phases.map((p) => [p.id, p.minutes]))).toEqual(fifty.phases);
  });

  it("planMinutes answers null for a plan the scenario does not have", () => {
    expect(planMinutes(defaultScenario, "class-90")).toBeNull();
    expect(planMinutes(tinyScenario, "class-50")).toBeNull();
  });
});
