import type { Scenario } from "../../shared/index";
import { tinyScenario } from "../../shared/scenarios/index";

/** The tiny scenario with a first phase of a few seconds, so a deadline fires within a test. */
export function fastScenario(id = "tiny-fast", firstPhaseSeconds = 2): Scenario {
  const s = structuredClone(tinyScenario);
  s.id = id;
  s.phases = s.phases.map((p, i) => ({ ...p, minutes: i === 0 ? firstPhaseSeconds / 60 : 10 }));
  return s;
}
