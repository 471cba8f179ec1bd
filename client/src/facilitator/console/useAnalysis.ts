import { useMemo } from "react";
import { type Analysis, analyze, type Scenario } from "../../../../shared/index";
import type { ClientView } from "../../core/mergeView";
import { analyticsKey, fullScenario } from "./fullScenario";

/**
 * The whole scenario (effective points) and its analysis against the current draft, recomputed
 * only when the points, the reservations or the draft change. Null when the view cannot support
 * it (not the facilitator's, or a scenario the analytics refuse).
 */
export function useAnalysis(view: ClientView): { scenario: Scenario | null; analysis: Analysis | null } {
  const key = analyticsKey(view);
  const publicScenario = view.scenario;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for the secrets it is made of
  const scenario = useMemo(() => fullScenario(view), [key, publicScenario]);
  const termsKey = JSON.stringify(view.draft.terms);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `termsKey` stands for the draft's terms
  const analysis = useMemo(() => {
    if (!scenario) return null;
    try {
      return analyze(scenario, view.draft.terms);
    } catch {
      return null;
    }
  }, [scenario, termsKey]);
  return { scenario, analysis };
}
