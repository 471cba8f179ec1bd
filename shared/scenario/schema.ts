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

// The descriptions (`.meta`) are what an editor shows on hover, from the served JSON Schema (GAME.md's words).
const leafConditions = [
  z
    .strictObject({
      issue: idSchema.meta({ description: "The issue (an issue id) whose final option is tested" }),
      atLeast: idSchema.optional().meta({
        description: "Holds if the final option is this one (an option id) or later in the issue's option order",
      }),
      atMost: idSchema.optional().meta({
        description: "Holds if the final option is this one (an option id) or earlier in the issue's option order",
      }),
      is: idSchema.optional().meta({ description: "Holds if the final option is exactly this one (an option id)" }),
    })
    .refine((c) => c.atLeast !== undefined || c.atMost !== undefined || c.is !== undefined, {
      message: "an issue condition needs atLeast, atMost or is",
    })
    .meta({ description: "A test of one issue's final option (give atLeast, atMost or is; all given must hold)" }),
  z.strictObject({
    agreement: z.boolean().meta({
      description: "true: holds if the game ends with a signed agreement; false: if it ends without one",
    }),
  }),
  z.strictObject({
    walkedAwayBy: idSchema.meta({ description: "Holds if this side (a side id) walked away from the table" }),
  }),
  z.strictObject({
    settledIn: z
      .strictObject({
        issue: idSchema.meta({ description: "The issue (an issue id)" }),
        phase: idSchema.meta({ description: "The phase (a phase id) it must have been settled in" }),
      })
      .meta({ description: "Holds if the issue's final option was accepted during that phase and not changed after" }),
  }),
  z.strictObject({
    settledCount: z
      .strictObject({
        atLeast: z.int().min(0).max(LIMITS.maxIssues).meta({ description: "The least number of issues (0 to 12)" }),
      })
      .meta({
        description: "Holds if at least this many issues are in the signed draft at an option other than noDeal",
      }),
  }),
] as const;

// Past the deepest level a nested condition is refused where it stands, without looking inside:
// zod never walks deeper than MAX_CONDITION_DEPTH, whatever arrives (2,000 `not`s included).
const tooDeepCondition = z.custom<Condition>(() => false, {
  message: `conditions nest at most ${MAX_CONDITION_DEPTH} deep`,
});

/** The schema of a condition `depth` levels down: unrolled, not recursive, so its depth is bounded. */
function conditionAt(depth: number): z.ZodType<Condition> {
  const inner = depth >= MAX_CONDITION_DEPTH ? tooDeepCondition : conditionAt(depth + 1);
  return z
    .union([
      z.strictObject({
        all: z
          .array(inner)
          .min(1)
          .max(20)
          .meta({ description: "Holds if every condition of the list holds (1 to 20)" }),
      }),
      z.strictObject({
        any: z
          .array(inner)
          .min(1)
          .max(20)
          .meta({ description: "Holds if at least one condition of the list holds (1 to 20)" }),
      }),
      z.strictObject({ not: inner.meta({ description: "Holds if this condition does not" }) }),
      ...leafConditions,
    ])
    .meta({
      // An id per level makes each level one definition in the JSON Schema, referred to where it
      // nests, instead of the next level written out again three times over (megabytes at depth 8).
      id: depth === 0 ? "Condition" : `ConditionAtDepth${depth}`,
      description:
        "A condition on the end of the game: all/any/not of other conditions, an issue's final option, the agreement, a walk-away, where an issue settled, or how many did",
    }) as z.ZodType<Condition>;
}

export const conditionSchema: z.ZodType<Condition> = conditionAt(0);

export const objectiveSchema = z
  .strictObject({
    id: idSchema.meta({ description: "The objective's id, unique across the scenario" }),
    description: prose(1000).meta({
      description: "What the role is after, as its players read it (at most 1,000 characters)",
    }),
    points: z.int().min(-LIMITS.maxAbsPoints).max(LIMITS.maxAbsPoints).meta({
      description:
        "Points added to the role's score if the condition holds at the end (-100 to 100; negative for a penalty)",
    }),
    when: conditionSchema.meta({
      description:
        "The condition, judged once at the end of the game on the final terms (with no agreement, every issue's noDeal option)",
    }),
  })
  .meta({ description: "A personal objective of a role, private to it" });

const shiftBy = z.int().min(-100).max(100).meta({ description: "Points to add, -100 to 100 (negative to take away)" });
const shiftedSide = idSchema.meta({ description: "The side (a side id) it applies to" });

export const effectSchema = z
  .union([
    z.strictObject({
      shiftReservation: z.strictObject({ side: shiftedSide, by: shiftBy }).meta({
        description: "Moves a side's reservation value (its score with no agreement) from now on; private to the side",
      }),
    }),
    z.strictObject({
      shiftPoints: z
        .strictObject({
          side: shiftedSide,
          issue: idSchema.meta({ description: "The issue (an issue id)" }),
          option: idSchema.meta({ description: "The option (an option id of that issue) whose worth changes" }),
          by: shiftBy,
        })
        .meta({
          description: "Changes what one option of one issue is worth to a side from now on; private to the side",
        }),
    }),
    z.strictObject({
      reveal: z
        .strictObject({
          to: z
            .array(idSchema)
            .min(1)
            .max(30)
            .meta({ description: "Who reads it: seat ids (a seat's id is its role's) or side ids, 1 to 30" }),
          text: prose(4000).meta({ description: "The text revealed (at most 4,000 characters)" }),
        })
        .meta({ description: "Private text shown to chosen seats or sides" }),
    }),
    z.strictObject({
      agenda: z
        .strictObject({
          add: z
            .array(idSchema)
            .max(LIMITS.maxIssues)
            .optional()
            .meta({ description: "Issues (issue ids) put on the agenda" }),
          remove: z
            .array(idSchema)
            .max(LIMITS.maxIssues)
            .optional()
            .meta({ description: "Issues (issue ids) taken off the agenda" }),
        })
        .refine((a) => (a.add?.length ?? 0) + (a.remove?.length ?? 0) > 0, {
          message: "an agenda effect adds or removes at least one issue",
        })
        .meta({ description: "Changes the current phase's agenda, for the rest of that phase" }),
    }),
    z.strictObject({
      press: z
        .strictObject({ text: prose(4000).meta({ description: "The statement (at most 4,000 characters)" }) })
        .meta({ description: 'A public statement, signed "Control"' }),
    }),
  ])
  .meta({
    description: "What an inject does when it fires: one of shiftReservation, shiftPoints, reveal, agenda, press",
  });

export const sideSchema = z
  .strictObject({
    id: idSchema.meta({ description: "The side's id, unique across the scenario (not `roles`)" }),
    name: shortText.meta({ description: "The side's name, as everyone sees it (at most 200 characters)" }),
    brief: longText.meta({ description: "The side's confidential brief in markdown, for its own seats only" }),
    reservation: z
      .int()
      .min(-LIMITS.maxAbsPoints * LIMITS.maxIssues)
      .max(LIMITS.maxAbsPoints * LIMITS.maxIssues)
      .meta({
        description:
          "The side's reservation value: the points it scores if the game ends with no agreement; private to the side",
      }),
    leader: idSchema.meta({ description: "The role (a role id of this side) that leads it and signs for it" }),
  })
  .meta({ description: "One of the two sides at the table" });

export const roleSchema = z
  .strictObject({
    id: idSchema.meta({
      description: "The role's id, unique across the scenario; its seat has the same id (e.g. us-president)",
    }),
    side: idSchema.meta({ description: "The side (a side id) the role plays for" }),
    title: shortText.meta({ description: "The role's title, as everyone sees it (at most 200 characters)" }),
    portfolio: z
      .array(idSchema)
      .max(LIMITS.maxIssues)
      .meta({ description: "The issues (issue ids) the role may propose on, and must cover to accept a package" }),
    brief: longText.meta({ description: "The role's confidential brief in markdown, for its own seat only" }),
    objectives: z
      .array(objectiveSchema)
      .max(20)
      .meta({ description: "The role's personal objectives (at most 20): role score = side score + those that hold" }),
    optional: z.boolean().meta({ description: "true if a game may leave the role out (it then has no seat)" }),
  })
  .meta({ description: "A role: one seat at the table, on one side" });

export const optionSchema = z
  .strictObject({
    id: idSchema.meta({ description: "The option's id, unique across the scenario" }),
    label: shortText.meta({ description: "The option's short name (at most 200 characters)" }),
    description: textSchema({ max: 2000 }).meta({
      description: "What the option means in full (at most 2,000 characters; may be empty)",
    }),
  })
  .meta({ description: "One possible settlement of an issue" });

export const issueSchema = z
  .strictObject({
    id: idSchema.meta({ description: "The issue's id, unique across the scenario" }),
    title: shortText.meta({ description: "The issue's title (at most 200 characters)" }),
    description: textSchema({ max: 4000 }).meta({
      description: "What is being negotiated (at most 4,000 characters; may be empty)",
    }),
    options: z
      .array(optionSchema)
      .min(LIMITS.minOptions)
      .max(LIMITS.maxOptions)
      .meta({ description: "2 to 6 options, in order: the scale that objectives' atLeast and atMost compare on" }),
    noDeal: idSchema.meta({ description: "The option (an option id) the issue takes if it is not settled" }),
    points: z.record(idSchema, z.array(z.int().min(-LIMITS.maxAbsPoints).max(LIMITS.maxAbsPoints))).meta({
      description:
        "Per side (by side id), what each option is worth: a whole number from -100 to 100 per option, in the options' order; private to that side",
    }),
  })
  .meta({ description: "An issue on the table, with its options and what each is worth to each side" });

export const phaseSchema = z
  .strictObject({
    id: idSchema.meta({ description: "The phase's id, unique across the scenario" }),
    title: shortText.meta({ description: "The phase's title (at most 200 characters)" }),
    minutes: z
      .number()
      .positive()
      .max(24 * 60)
      .meta({ description: "How long the phase runs, in minutes (over 0, at most 1,440); a game may set its own" }),
    agenda: z
      .array(idSchema)
      .max(LIMITS.maxIssues)
      .meta({ description: "The issues (issue ids) that may be proposed and accepted in this phase" }),
    acting: z.union([z.literal("all"), z.array(idSchema).max(LIMITS.maxRolesPerSide * 2)]).meta({
      description:
        '"all", or the roles (role ids) who may act across the table in this phase: propose, accept, reject, withdraw, table chat',
    }),
    moves: z
      .array(playerMoveTypeSchema)
      .max(playerMoveTypes.length)
      .meta({ description: "The player moves open in this phase" }),
  })
  .meta({ description: "A phase of play; phases run in their order, each on its own clock" });

export const backchannelSchema = z
  .strictObject({
    id: idSchema.meta({ description: "The channel's id, unique across the scenario" }),
    title: shortText.meta({ description: "The channel's title (at most 200 characters)" }),
    members: z
      .tuple([idSchema, idSchema])
      .meta({ description: "Its two members (role ids), who may talk on it in every phase after the first" }),
  })
  .meta({ description: "A private channel between two roles" });

export const injectSchema = z
  .strictObject({
    id: idSchema.meta({ description: "The inject's id, unique across the scenario" }),
    title: shortText.meta({
      description: "The inject's title, as players see it once it fires (at most 200 characters)",
    }),
    text: prose(4000).meta({ description: "Its text, as players read it once it fires (at most 4,000 characters)" }),
    when: z
      .union([
        z.literal("deck"),
        z.strictObject({
          scheduled: idSchema.meta({ description: "The phase (a phase id) whose start fires the inject" }),
        }),
      ])
      .meta({
        description:
          '"deck" (the facilitator plays or draws it), or { scheduled: phaseId } (it fires as that phase starts)',
      }),
    effects: z.array(effectSchema).max(20).meta({ description: "What it changes when it fires (at most 20 effects)" }),
  })
  .meta({
    description:
      "An event the control cell fires: scheduled, or a card of the deck; the deck stays hidden until played",
  });

/**
 * The minutes a game may give one phase (POST /api/games's phaseMinutes, a timing plan's): a
 * class-period scale, tighter than a scenario's own phase lengths (up to a day).
 */
export const GAME_PHASE_MINUTES = { min: 1, max: 240 } as const;

export const gamePhaseMinutesSchema = z
  .number()
  .min(GAME_PHASE_MINUTES.min)
  .max(GAME_PHASE_MINUTES.max)
  .meta({ description: "A phase's length in this plan, in minutes (1 to 240)" });

export const timingPlanSchema = z
  .strictObject({
    id: idSchema.meta({ description: "The plan's id, unique across the scenario (e.g. class-50)" }),
    title: shortText.meta({ description: 'The plan\'s name, as the set-up forms offer it (e.g. "50-minute class")' }),
    description: prose(1000)
      .optional()
      .meta({ description: "What the plan assumes, for the facilitator (at most 1,000 characters)" }),
    readingAtHome: z.boolean().meta({
      description:
        "true: the students read the background and their briefs before class (the printable handout), so the briefing is short",
    }),
    joiningMinutes: z
      .int()
      .min(0)
      .max(60)
      .meta({ description: "Minutes set aside before play for the students to join their seats (0 to 60)" }),
    debriefMinutes: z.int().min(0).max(240).meta({ description: "Minutes left after play for the debrief (0 to 240)" }),
    phaseMinutes: z.record(idSchema, gamePhaseMinutesSchema).meta({
      description: "Every phase (by phase id), each once, with its length in minutes (1 to 240)",
    }),
  })
  .meta({ description: "A named timing plan: how long each phase runs to fit a given class period" });

export const rulesSchema = z
  .strictObject({
    minimumIssues: z
      .int()
      .min(0)
      .max(LIMITS.maxIssues)
      .meta({ description: "How many issues a draft must settle before it can be signed (0 to 12)" }),
    revealAtEnd: z.boolean().meta({
      description:
        "true: once the game is over, everything (briefs, points, every channel, the deck) opens to everyone",
    }),
    maxOpenProposalsPerSide: z
      .int()
      .min(1)
      .max(50)
      .meta({ description: "How many proposals a side may have open at once (1 to 50)" }),
    chatMaxLength: z
      .int()
      .min(1)
      .max(10_000)
      .meta({ description: "The longest chat message, in characters (1 to 10,000)" }),
  })
  .meta({ description: "The game's rule settings" });

export const scenarioSchema = z
  .strictObject({
    id: idSchema.meta({
      description:
        "The scenario's id: a letter, then letters, digits, '-' or '_' (at most 64); ids are unique across a scenario",
    }),
    version: z
      .int()
      .min(1)
      .max(INT4_MAX)
      .meta({ description: "Its version, from 1: upload a changed scenario under a higher one" }),
    title: shortText.meta({ description: "The scenario's title (at most 200 characters)" }),
    summary: prose(2000).meta({
      description: "A public summary, shown when choosing a scenario (at most 2,000 characters)",
    }),
    background: longText.meta({
      description: "Public background for every seat, in markdown (at most 20,000 characters)",
    }),
    sides: z.array(sideSchema).length(2, "a scenario has exactly two sides").meta({ description: "Exactly two sides" }),
    roles: z
      .array(roleSchema)
      .min(2)
      .max(LIMITS.maxRolesPerSide * 2)
      .meta({ description: "The roles, one seat each: 2 to 24, at most 12 a side" }),
    issues: z.array(issueSchema).min(1).max(LIMITS.maxIssues).meta({ description: "The issues negotiated (1 to 12)" }),
    phases: z
      .array(phaseSchema)
      .min(1)
      .max(LIMITS.maxPhases)
      .meta({ description: "The phases, in the order they run (1 to 12)" }),
    backchannels: z
      .array(backchannelSchema)
      .max(30)
      .meta({ description: "Private channels between two roles (at most 30)" }),
    injects: z
      .array(injectSchema)
      .max(LIMITS.maxInjects)
      .meta({ description: "The control cell's injects, scheduled or in the deck (at most 60)" }),
    forecast: z.record(idSchema, idSchema).meta({
      description:
        "A forecast package, an option (option id) per issue (issue id): the debrief scores it beside the deal",
    }),
    debriefQuestions: z
      .array(prose(1000))
      .max(40)
      .meta({ description: "Questions for the debrief after the game (at most 40, each at most 1,000 characters)" }),
    rules: rulesSchema.meta({ description: "The game's rule settings" }),
    timingPlans: z
      .array(timingPlanSchema)
      .max(10)
      .optional()
      .meta({ description: "Named timing plans the set-up forms offer, e.g. one per class length (at most 10)" }),
  })
  .meta({
    title: "Summitry scenario",
    description:
      'A negotiation scenario for Summitry: two sides, their roles, the issues with what each option is worth to each side, the phases, the injects and the rules (GAME.md, "Scenario = data")',
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
export type TimingPlan = z.infer<typeof timingPlanSchema>;
export type PlayerMoveType = z.infer<typeof playerMoveTypeSchema>;
/** A package: an option per issue. Missing issues mean "not settled". */
export type Terms = Record<string, string>;
