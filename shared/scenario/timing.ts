import type { TimingPlan } from "./schema";

/**
 * A timing plan read as a class period: the minutes each phase gets and what the period adds up
 * to (joining + play + debrief). Pure and public (plans hold no secrets), so the New-game form,
 * the New-class form and the facilitator guide all count the same way.
 */

export type PlanMinutes = {
  plan: TimingPlan;
  /** Minutes per phase id, in the scenario's phase order. */
  phases: Record<string, number>;
  joining: number;
  play: number;
  debrief: number;
  /** joining + play + debrief: the period the plan needs. */
  total: number;
};

type Timed = { phases: readonly { id: string; minutes: number }[]; timingPlans?: readonly TimingPlan[] | undefined };

/** The plan `planId` of the scenario, counted; null if the scenario has no such plan. */
export function planMinutes(scenario: Timed, planId: string): PlanMinutes | null {
  const plan = scenario.timingPlans?.find((p) => p.id === planId);
  if (!plan) return null;
  const phases: Record<string, number> = {};
  // A phase a plan does not name (crossCheck refuses that) keeps the scenario's own length.
  for (const p of scenario.phases)
    phases[p.id] = Object.hasOwn(plan.phaseMinutes, p.id) ? (plan.phaseMinutes[p.id] as number) : p.minutes;
  const play = Object.values(phases).reduce((a, b) => a + b, 0);
  return {
    plan,
    phases,
    joining: plan.joiningMinutes,
    play,
    debrief: plan.debriefMinutes,
    total: plan.joiningMinutes + play + plan.debriefMinutes,
  };
}

/**
 * The `phaseMinutes` to send with POST /api/games for these lengths: only the phases whose length
 * differs from the scenario's own (the server fills in the rest).
 */
export function changedPhaseMinutes(
  scenario: Pick<Timed, "phases">,
  minutes: Record<string, number>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of scenario.phases) {
    const n = minutes[p.id];
    if (n !== undefined && n !== p.minutes) out[p.id] = n;
  }
  return out;
}
