import { analyze, type Scenario } from "../shared/index";
import { defaultScenario } from "../shared/scenarios/index";

/**
 * How long the debrief analytics take: on the default scenario (4^9 packages) and on the largest
 * upload the format allows in breadth (12 issues of 6 options). Prints figures; asserts nothing.
 */

function time(label: string, scenario: Scenario, runs: number) {
  analyze(scenario); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    analyze(scenario);
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  const a = analyze(scenario);
  console.log(
    `${label}: median ${ms[Math.floor(runs / 2)]!.toFixed(1)} ms, max ${ms.at(-1)!.toFixed(1)} ms over ${runs} runs ` +
      `(${a.totalPackages.toLocaleString("en")} packages, ${a.pairs.length.toLocaleString("en")} distinct score pairs)`,
  );
}

function wide(seed: number, maxPoints: number): Scenario {
  let x = seed;
  const rand = () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
  const issues = Array.from({ length: 12 }, (_, k) => ({
    id: `i${k}`,
    title: `Issue ${k}`,
    description: "",
    options: Array.from({ length: 6 }, (_, o) => ({ id: `o${o}`, label: `Option ${o}`, description: "" })),
    noDeal: "o0",
    points: {
      a: Array.from({ length: 6 }, () => Math.round(rand() * maxPoints)),
      b: Array.from({ length: 6 }, () => Math.round(rand() * maxPoints)),
    },
  }));
  return {
    ...defaultScenario,
    sides: [
      { id: "a", name: "A", brief: "", reservation: 60, leader: "a1" },
      { id: "b", name: "B", brief: "", reservation: 60, leader: "b1" },
    ],
    roles: [
      { id: "a1", side: "a", title: "A", portfolio: [], brief: "", objectives: [], optional: false },
      { id: "b1", side: "b", title: "B", portfolio: [], brief: "", objectives: [], optional: false },
    ],
    issues,
    phases: [{ id: "p", title: "P", minutes: 10, agenda: [], acting: "all", moves: [] }],
    backchannels: [],
    injects: [],
    forecast: {},
  };
}

time("analyze, default scenario (9 issues × 4 options)", defaultScenario, 50);
time("analyze, 12 issues × 6 options, points 0–20", wide(7, 20), 20);
time("analyze, 12 issues × 6 options, points 0–100 (the format's widest)", wide(11, 100), 3);
