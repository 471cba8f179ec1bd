import { z } from "zod";
import { ruleError } from "./contract/ruleErrors";
import type { RuleError } from "./moves";
import { parseScenario } from "./scenario/parse";
import { GAME_PHASE_MINUTES, idSchema, type Scenario } from "./scenario/schema";

/**
 * A game's own copy of its scenario: phase lengths fitted to a class period and optional roles
 * left out (POST /api/games). Folding the set-up into the scenario, rather than into the events,
 * keeps `replay(scenario, seed, events)` and the export's hash chain complete on their own.
 */

export const gameSetupSchema = z.strictObject({
  phaseMinutes: z.record(idSchema, z.number().min(GAME_PHASE_MINUTES.min).max(GAME_PHASE_MINUTES.max)).optional(),
  leaveOut: z.array(idSchema).max(24).optional(),
});
export type GameSetup = z.infer<typeof gameSetupSchema>;

export function setupScenario(
  scenario: Scenario,
  setup: GameSetup,
): { ok: true; scenario: Scenario } | { ok: false; error: RuleError } {
  for (const phaseId of Object.keys(setup.phaseMinutes ?? {})) {
    if (!scenario.phases.some((p) => p.id === phaseId)) {
      return {
        ok: false,
        error: ruleError("unknown_phase", `no phase "${phaseId}"`, { phase: phaseId }),
      };
    }
  }
  const out = new Set(setup.leaveOut ?? []);
  for (const roleId of out) {
    const role = scenario.roles.find((r) => r.id === roleId);
    if (!role) return { ok: false, error: ruleError("unknown_role", `no role "${roleId}"`, { role: roleId }) };
    if (!role.optional) {
      return {
        ok: false,
        error: ruleError("not_optional", `${role.title} cannot be left out`, { role: roleId }),
      };
    }
  }
  if (out.size === 0 && !setup.phaseMinutes) return { ok: true, scenario };

  const kept = (id: string) => !out.has(id);
  const customised: Scenario = {
    ...scenario,
    roles: scenario.roles.filter((r) => kept(r.id)),
    phases: scenario.phases.map((p) => ({
      ...p,
      minutes: setup.phaseMinutes?.[p.id] ?? p.minutes,
      acting: p.acting === "all" ? "all" : p.acting.filter(kept),
    })),
    backchannels: scenario.backchannels.filter((b) => b.members.every(kept)),
    injects: scenario.injects.map((inj) => ({
      ...inj,
      effects: inj.effects
        .map((e) => ("reveal" in e ? { reveal: { ...e.reveal, to: e.reveal.to.filter(kept) } } : e))
        .filter((e) => !("reveal" in e) || e.reveal.to.length > 0),
    })),
  };
  const checked = parseScenario(customised);
  if (!checked.ok) {
    return {
      ok: false,
      error: ruleError("invalid_setup", "the set-up leaves the scenario invalid", { problems: checked.problems }),
    };
  }
  return { ok: true, scenario: checked.scenario };
}
