import { endingSentence } from "../common/ending";
import { sideName } from "../replay/labels";
import type { Debrief } from "./model";

/** The debrief's "how it ended": the outcome's sentence (common/ending.ts), from the folded record. */
export function ending(model: Debrief): string {
  const o = model.final.outcome;
  if (!o) return "";
  return endingSentence(o, model.final.lastCall, (id) => sideName(model.scenario, id));
}
