import { parseScenario } from "../scenario/parse";
import type { Scenario } from "../scenario/schema";
import greatRebalancing from "./great-rebalancing.json" with { type: "json" };
import tinySummit from "./tiny-summit.json" with { type: "json" };

/**
 * The scenarios that ship with Summitry. Server-side only: `shared/index.ts` does not export this
 * file, so the web client's bundle never holds a scenario's secrets.
 */

function load(doc: unknown, name: string): Scenario {
  const parsed = parseScenario(doc);
  if (!parsed.ok) {
    throw new Error(
      `built-in scenario ${name} is invalid:\n${parsed.problems.map((p) => `${p.path}: ${p.message}`).join("\n")}`,
    );
  }
  return parsed.scenario;
}

export const defaultScenario: Scenario = load(greatRebalancing, "great-rebalancing.json");
/** A small scenario for tests: three issues, five roles, three phases. */
export const tinyScenario: Scenario = load(tinySummit, "tiny-summit.json");

export const builtInScenarios: Scenario[] = [defaultScenario];
