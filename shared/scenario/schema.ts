import { z } from "zod";
import { rulesInForce } from "../rulesVersions";
import { INT4_MAX, textSchema } from "../text";

/**
 * The scenario format (GAME.md, "Scenario = data"). A scenario is one JSON document; nothing
 * scenario-specific is hard-coded anywhere else. This file holds the shape only; the references
 * between parts (an agenda naming a real issue, a role on a real side…) are checked in
 * `crossCheck.ts`, so that a teacher gets every mistake back in one go.
 */

// Size limits keep every computation (analytics above all) fast.
export const LIMITS = {
  maxIssues: 12,
  minOptions: 2,
  maxOptions: 6,
  maxRolesPerSide: 12,
  // Points are whole numbers in a bounded range so that the analytics can work over a dense
  // grid of score pairs: 12 issues × ±100 keeps every sum within ±1,200.
  maxAbsPoints: 100,
  maxPhases: 12,
  maxInjects: 60,
  maxText: 20_000,
} as const;

/**
 * Ids that are names on every plain object (`Object.prototype`'s own properties): refused, so that
 * no lookup `obj[id]` anywhere (client included) can land on a function instead of undefined. The
 * rules look ids up with `Object.hasOwn` besides (`own` in score.ts), so a scenario stored before
 * this rule still plays and scores correctly; `__proto__` and the other `__` names already fail
 * the pattern (an id starts with a letter).
 */
export const RESERVED_ID_NAMES: ReadonlySet<string> = new Set(
  Object.getOwnPropertyNames(Object.prototype).filter((name) => /^[A-Za-z]/.test(name)),
);

export const idSchema = z
  .string()
  .regex(
    /^[A-Za-z][A-Za-z0-9_-]{0,63}$/,
    "an id starts with a letter and holds only letters, digits, '-' and '_' (at most 64)",
  )
  // Refused from rules version 2 on (rulesVersions.ts): a version-1 record holding one still imports.
  .refine((id) => !(RESERVED_ID_NAMES.has(id) && rulesInForce().reservedIds), {
    message: "this id is a name every JavaScript object has (constructor, toString…); choose another",
  });

const shortText = textSchema({ max: 200, trim: true, min: 1 });
const longText = textSchema({ max: LIMITS.maxText });
/** Prose a teacher writes: trimmed, not empty, at most `max` characters. */
const prose = (max: number) => textSchema({ max, trim: true, min: 1 });

/** The move types a phase may open to the players (GAME.md, "Moves"). */
export const playerMoveTypes = [
  "propose",
  "accept",
  "reject",
  "withdraw",
  "chat",
  "statement",
  "sign",
  "unsign",
  "walkAway",
] as const;
export const playerMoveTypeSchema = z.enum(playerMoveTypes);

// Conditions are recursive, so their type is written once here and the schema checked against it.
export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { issue: string; atLeast?: string; atMost?: string; is?: string }
  | { agreement: boolean }
  | { walkedAwayBy: string }
  | { settledIn: { issue: string; phase: string } }
  | { settledCount: { atLeast: number } };

/** Conditions nest at most this deep (crossCheck says the same with the path). */
export const MAX_CONDITION_DEPTH = 8;

const leafConditions = [
  z
    .strictObject({
      issue: idSchema,
      atLeast: idSchema.optional(),
      atMost: idSchema.optional(),
      is: idSchema.optional(),
    })
    .refine((c) => c.atLeast !== undefined || c.atMost !== undefined || c.is !== undefined, {
      message: "an issue condition needs atLeast, atMost or is",
    }),
  z.strictObject({ agreement: z.boolean() }),
  z.strictObject({ walkedAwayBy: idSchema }),
  z.strictObject({ settledIn: z.strictObject({ issue: idSchema, phase: idSchema }) }),
  z.strictObject({ settledCount: z.strictObject({ atLeast: z.int().min(0).max(LIMITS.maxIssues) }) }),
] as const;

// Past the deepest level a nested condition is refused where it stands, without looking inside:
// zod never walks deeper than MAX_CONDITION_DEPTH, whatever arrives (2,000 `not`s included).
const tooDeepCondition = z.custom<Condition>(() => false, {
  message: `conditions nest at most ${MAX_CONDITION_DEPTH} deep`,
});

/** The schema of a condition `depth` levels down: unrolled, not recursive, so its depth is bounded. */
function conditionAt(depth: number): z.ZodType<Condition> {
  const inner = depth >= MAX_CONDITION_DEPTH ? tooDeepCondition : conditionAt(depth + 1);
  return z.union([
    z.strictObject({ all: z.array(inner).min(1).max(20) }),
    z.strictObject({ any: z.array(inner).min(1).max(20) }),
    z.strictObject({ not: inner }),
    ...leafConditions,
  ]) as z.ZodType<Condition>;
}

export const conditionSchema: z.ZodType<Condition> = conditionAt(0);

export const objectiveSchema = z.strictObject({
  id: idSchema,
  description: prose(1000),
  points: z.int().min(-LIMITS.maxAbsPoints).max(LIMITS.maxAbsPoints),
  when: conditionSchema,
});

export const effectSchema = z.union([
  z.strictObject({ shiftReservation: z.strictObject({ side: idSchema, by: z.int().min(-100).max(100) }) }),
  z.strictObject({
    shiftPoints: z.strictObject({ side: idSchema, issue: idSchema, option: idSchema, by: z.int().min(-100).max(100) }),
  }),
  z.strictObject({
    reveal: z.strictObject({ to: z.array(idSchema).min(1).max(30), text: prose(4000) }),
  }),
  z.strictObject({
    agenda: z
      .strictObject({
        add: z.array(idSchema).max(LIMITS.maxIssues).optional(),
        remove: z.array(idSchema).max(LIMITS.maxIssues).optional(),
      })
      .refine((a) => (a.add?.length ?? 0) + (a.remove?.length ?? 0) > 0, {
        message: "an agenda effect adds or removes at least one issue",
      }),
  }),
  z.strictObject({ press: z.strictObject({ text: prose(4000) }) }),
]);

export const sideSchema = z.strictObject({
  id: idSchema,
  name: shortText,
  brief: longText,
  reservation: z
    .int()
    .min(-LIMITS.maxAbsPoints * LIMITS.maxIssues)
    .max(LIMITS.maxAbsPoints * LIMITS.maxIssues),
  leader: idSchema,
});

export const roleSchema = z.strictObject({
  id: idSchema,
  side: idSchema,
  title: shortText,
  portfolio: z.array(idSchema).max(LIMITS.maxIssues),
  brief: longText,
  objectives: z.array(objectiveSchema).max(20),
  optional: z.boolean(),
});

export const optionSchema = z.strictObject({ id: idSchema, label: shortText, description: textSchema({ max: 2000 }) });

export const issueSchema = z.strictObject({
  id: idSchema,
  title: shortText,
  description: textSchema({ max: 4000 }),
  options: z.array(optionSchema).min(LIMITS.minOptions).max(LIMITS.maxOptions),
  noDeal: idSchema,
  points: z.record(idSchema, z.array(z.int().min(-LIMITS.maxAbsPoints).max(LIMITS.maxAbsPoints))),
});

export const phaseSchema = z.strictObject({
  id: idSchema,
  title: shortText,
  minutes: z
    .number()
    .positive()
    .max(24 * 60),
  agenda: z.array(idSchema).max(LIMITS.maxIssues),
  acting: z.union([z.literal("all"), z.array(idSchema).max(LIMITS.maxRolesPerSide * 2)]),
  moves: z.array(playerMoveTypeSchema).max(playerMoveTypes.length),
});

export const backchannelSchema = z.strictObject({
  id: idSchema,
  title: shortText,
  members: z.tuple([idSchema, idSchema]),
});

export const injectSchema = z.strictObject({
  id: idSchema,
  title: shortText,
  text: prose(4000),
  when: z.union([z.literal("deck"), z.strictObject({ scheduled: idSchema })]),
  effects: z.array(effectSchema).max(20),
});

export const rulesSchema = z.strictObject({
  minimumIssues: z.int().min(0).max(LIMITS.maxIssues),
  revealAtEnd: z.boolean(),
  maxOpenProposalsPerSide: z.int().min(1).max(50),
  chatMaxLength: z.int().min(1).max(10_000),
});

export const scenarioSchema = z.strictObject({
  id: idSchema,
  version: z.int().min(1).max(INT4_MAX),
  title: shortText,
  summary: prose(2000),
  background: longText,
  sides: z.array(sideSchema).length(2, "a scenario has exactly two sides"),
  roles: z
    .array(roleSchema)
    .min(2)
    .max(LIMITS.maxRolesPerSide * 2),
  issues: z.array(issueSchema).min(1).max(LIMITS.maxIssues),
  phases: z.array(phaseSchema).min(1).max(LIMITS.maxPhases),
  backchannels: z.array(backchannelSchema).max(30),
  injects: z.array(injectSchema).max(LIMITS.maxInjects),
  forecast: z.record(idSchema, idSchema),
  debriefQuestions: z.array(prose(1000)).max(40),
  rules: rulesSchema,
});

export type Scenario = z.infer<typeof scenarioSchema>;
export type Side = z.infer<typeof sideSchema>;
export type Role = z.infer<typeof roleSchema>;
export type Issue = z.infer<typeof issueSchema>;
export type Phase = z.infer<typeof phaseSchema>;
export type Backchannel = z.infer<typeof backchannelSchema>;
export type Inject = z.infer<typeof injectSchema>;
export type Effect = z.infer<typeof effectSchema>;
export type Objective = z.infer<typeof objectiveSchema>;
export type PlayerMoveType = z.infer<typeof playerMoveTypeSchema>;
/** A package: an option per issue. Missing issues mean "not settled". */
export type Terms = Record<string, string>;
