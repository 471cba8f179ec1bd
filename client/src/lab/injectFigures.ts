import { type Analysis, analyze } from "../../../shared/analyze";
import { injectStages, type Preview } from "../../../shared/scenario/playability";
import type { Scenario } from "../../../shared/scenario/schema";

type Scores = Record<string, number>;

/** An inject's effect on the Nash package and the forecast: just before it fires, just after. */
export type InjectFigures = {
  id: string;
  nash: { before: Scores | null; after: Scores | null };
  forecast: { before: Scores; after: Scores };
};

/**
 * The preview's zone of agreement per inject is playability.ts's; this adds what the same stages
 * (its `injectStages`: scheduled injects in phase order, each deck card on top of them) do to the
 * Nash package and the forecast. An inject whose zone the preview left uncomputed (its budget of
 * work for a huge scenario) is left out here too (null), so the lab's worker is held no longer.
 */
export function injectFigures(scenario: Scenario, base: Analysis, preview: Preview): (InjectFigures | null)[] {
  const analyses = new Map<Scenario, Analysis>([[scenario, base]]);
  const analysisOf = (s: Scenario) => analyses.get(s) ?? analyses.set(s, analyze(s)).get(s)!;
  return injectStages(scenario).map(({ inject, before, after }, k) => {
    const zone = preview.injects[k];
    if (!zone?.before || !zone.after) return null;
    const b = analysisOf(before);
    const a = analysisOf(after);
    return {
      id: inject.id,
      nash: { before: b.nash?.scores ?? null, after: a.nash?.scores ?? null },
      forecast: { before: b.forecast.scores, after: a.forecast.scores },
    };
  });
}
