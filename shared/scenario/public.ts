import type { z } from "zod";
import { issueSchema, roleSchema, type Scenario, scenarioSchema, sideSchema } from "./schema";

/**
 * The public part of a scenario (GAME.md: brief, points, reservation and objectives are private to
 * their side or role). Injects are left out too: the deck is the control cell's, and a card becomes
 * public only when it is played.
 */
export const publicScenarioSchema = scenarioSchema
  .omit({ injects: true, sides: true, roles: true, issues: true })
  .extend({
    sides: sideSchema.omit({ brief: true, reservation: true }).array(),
    roles: roleSchema.omit({ brief: true, objectives: true }).array(),
    issues: issueSchema.omit({ points: true }).array(),
  });
export type PublicScenario = z.infer<typeof publicScenarioSchema>;

export function publicScenario(s: Scenario): PublicScenario {
  return {
    id: s.id,
    version: s.version,
    title: s.title,
    summary: s.summary,
    background: s.background,
    sides: s.sides.map(({ id, name, leader }) => ({ id, name, leader })),
    roles: s.roles.map(({ id, side, title, portfolio, optional }) => ({ id, side, title, portfolio, optional })),
    issues: s.issues.map(({ id, title, description, options, noDeal }) => ({
      id,
      title,
      description,
      options,
      noDeal,
    })),
    phases: s.phases,
    backchannels: s.backchannels,
    forecast: s.forecast,
    debriefQuestions: s.debriefQuestions,
    rules: s.rules,
    // Plans hold lengths only: public, so every set-up form can offer them.
    ...(s.timingPlans ? { timingPlans: s.timingPlans } : {}),
  };
}
