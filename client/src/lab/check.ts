import { analyze } from "../../../shared/analyze";
import type { Problem } from "../../../shared/scenario/crossCheck";
import type { Preview } from "../../../shared/scenario/playability";
import type { Scenario } from "../../../shared/scenario/schema";
import { validateScenario } from "../../../shared/scenario/validate";
import { thinPairs } from "../debrief/model";
import { type InjectFigures, injectFigures } from "./injectFigures";

/**
 * What the lab shows of a draft as it is typed: the shared validation (structure, then
 * playability, with the analytics preview) and, for a sound scenario, the forecast and the cloud
 * of reachable score pairs the chart draws. Pure and in the browser (the lab's worker runs it), so
 * it says the same as the server's POST /api/scenarios/validate without a round trip a keystroke.
 */
export type LabCheck = {
  ok: boolean;
  problems: Problem[];
  scenario: Scenario | null;
  preview: Preview | null;
  sides: { id: string; name: string }[];
  forecast: Record<string, number> | null;
  /** Reachable score pairs, thinned to what a chart can draw. */
  cloud: { a: number; b: number }[];
  /** Each inject's effect on Nash and the forecast, in the preview's inject order (null: not computed). */
  injects: (InjectFigures | null)[];
};

export function checkDraft(text: string): LabCheck {
  const v = validateScenario(text);
  const scenario = v.scenario ?? null;
  const sides = scenario ? scenario.sides.map((s) => ({ id: s.id, name: s.name })) : [];
  let forecast: LabCheck["forecast"] = null;
  let cloud: LabCheck["cloud"] = [];
  let injects: LabCheck["injects"] = [];
  if (scenario && v.preview) {
    // validateScenario's preview already ran the grid once; the forecast and the pairs need it again.
    const a = analyze(scenario);
    forecast = a.forecast.scores;
    cloud = thinPairs(a.pairs, 1500).map((p) => ({ a: p.a, b: p.b }));
    injects = injectFigures(scenario, a, v.preview);
  }
  return { ok: v.ok, problems: v.problems, scenario, preview: v.preview ?? null, sides, forecast, cloud, injects };
}
