import type { Problem } from "./crossCheck";
import { parseScenario } from "./parse";
import { checkPlayability, type Preview } from "./playability";
import type { Scenario } from "./schema";

export type Validation = {
  /** No error: the scenario may be published (warnings may stand). */
  ok: boolean;
  /** Every error and warning, each with its path. */
  problems: Problem[];
  /** The parsed scenario, once its structure is sound (even with playability errors). */
  scenario?: Scenario;
  /** The analytics preview, once its structure is sound. */
  preview?: Preview;
};

/**
 * What a scenario's designer is told before publishing: the structural problems (parseScenario),
 * then, for a document that is sound, the playability checks and the analytics preview. A record's
 * or a set-up's scenario goes through `parseScenario` alone: a game already played keeps its
 * scenario, playable or not, and a set-up may leave out roles.
 */
export function validateScenario(json: unknown): Validation {
  const parsed = parseScenario(json);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const { problems, preview } = checkPlayability(parsed.scenario);
  return { ok: !problems.some((p) => p.severity === "error"), problems, scenario: parsed.scenario, preview };
}
