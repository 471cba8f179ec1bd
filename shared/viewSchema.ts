import { z } from "zod";
import { publicScenarioSchema } from "./scenario/public";
import { idSchema, injectSchema, objectiveSchema } from "./scenario/schema";
import { joinSchema } from "./seatPeople";
import {
  draftSchema,
  feedItemSchema,
  lastCallSchema,
  messageSchema,
  outcomeSchema,
  proposalSchema,
  undoableSchema,
} from "./state";

/**
 * What one seat sees (GAME.md, "Visibility"; PROTOCOL.md, "The view"). The protocol's fields come
 * first; the rest is Summitry's own. The client's types come from here.
 */

export const seatRefSchema = z.union([
  z.object({ id: idSchema, side: idSchema, role: idSchema }),
  z.object({ id: z.literal("facilitator") }),
  z.object({ id: z.literal("observer") }),
]);

export const channelViewSchema = z.object({
  id: z.string(),
  title: z.string(),
  kind: z.enum(["team", "table", "press", "backchannel"]),
  members: z.array(idSchema).nullable(),
  /** Left out of the views that travel with each event. */
  messages: z.array(messageSchema).optional(),
});

// The views that travel with each event leave out what never changes during a game (the public
// scenario, briefs, objectives, the deck's texts): those fields are optional below, and present in
// every `state` view. Points and reservations stay: an inject can shift them.
export const sidePrivateSchema = z.object({
  id: idSchema,
  brief: z.string().optional(),
  reservation: z.number(),
  /** issue id → points per option, inject shifts applied */
  points: z.record(idSchema, z.array(z.number())),
});
export const rolePrivateSchema = z.object({
  id: idSchema,
  brief: z.string().optional(),
  objectives: z.array(objectiveSchema).optional(),
});

export const scorecardSchema = z.object({
  side: z.object({ id: idSchema, draft: z.number(), reservation: z.number() }),
  role: z.object({
    id: idSchema,
    draft: z.number(),
    objectives: z.array(z.object({ id: idSchema, holds: z.boolean(), points: z.number() })),
  }),
});

/** What only the control cell sees while the game runs (and everyone afterwards when the scenario reveals at the end). */
export const secretsSchema = z.object({
  sides: z.array(sidePrivateSchema),
  roles: z.array(rolePrivateSchema),
  injects: z.array(injectSchema).optional(),
  deck: z.array(idSchema),
  played: z.array(idSchema),
  scores: z.object({
    sides: z.record(idSchema, z.number()),
    roles: z.record(idSchema, z.number()),
    live: z.object({ sides: z.record(idSchema, z.number()), roles: z.record(idSchema, z.number()) }),
    reservations: z.record(idSchema, z.number()),
    over: z.boolean(),
  }),
  /** Control's action an undo would compensate (rules version 4; null: none, absent: none yet). */
  undoable: undoableSchema.nullable().optional(),
});

export const viewOutcomeSchema = z.object({
  agreement: z.boolean(),
  terms: z.record(idSchema, idSchema),
  /** side id → score, and `roles`: role id → score (no side may be called "roles") */
  scores: z.record(z.string(), z.union([z.number(), z.record(idSchema, z.number())])),
  reason: outcomeSchema.shape.reason,
  walkedAwayBy: idSchema.nullable(),
});

export const viewSchema = z.object({
  seq: z.int(),
  scenarioId: idSchema,
  scenarioVersion: z.int(),
  /** The rules version the game is played under: the client judges its moves by it (checkMove). */
  rulesVersion: z.int().min(1),
  seat: seatRefSchema,
  phase: z.object({
    id: idSchema,
    index: z.int(),
    title: z.string(),
    endsAt: z.number().nullable(),
    paused: z.boolean(),
    started: z.boolean(),
    remainingMs: z.number(),
    extendedMinutes: z.number(),
    agenda: z.array(idSchema),
    /** A last call under way (rules version 3): only signing and unsigning until endsAt, then the end. */
    lastCall: lastCallSchema.optional(),
  }),
  draft: draftSchema,
  proposals: z.array(proposalSchema),
  channels: z.array(channelViewSchema),
  feed: z.array(feedItemSchema),
  /**
   * Each role's seat; `names` (who joined it) and `joins` (the same names with the seq of each
   * join, to credit a message only to those on the seat by then: seatPeople.ts) only in `state`
   * views: an event's compact view leaves them out, and a `seatJoined` event carries what it adds.
   */
  seats: z.array(
    z.object({
      id: idSchema,
      side: idSchema,
      title: z.string(),
      names: z.array(z.string()).optional(),
      joins: z.array(joinSchema).optional(),
    }),
  ),
  scenario: publicScenarioSchema.optional(),
  /** The seat's own side and role (null for the facilitator and observers). */
  mine: z.object({ side: sidePrivateSchema, role: rolePrivateSchema }).nullable(),
  scorecard: scorecardSchema.nullable(),
  secrets: secretsSchema.nullable(),
  outcome: viewOutcomeSchema.nullable(),
  /** Whether the whole game has been opened to this seat (the facilitator, or everyone after a revealing end). */
  revealed: z.boolean(),
});

export type View = z.infer<typeof viewSchema>;

/**
 * The view an `event` carries (view.ts, `histories: false`): no `seats` either, whose ids, sides
 * and titles never change during a game (the client keeps them from its `state` view, and a
 * `seatJoined` event adds its name).
 */
export const compactViewSchema = viewSchema.omit({ seats: true });
export type CompactView = z.infer<typeof compactViewSchema>;
export type SeatRef = z.infer<typeof seatRefSchema>;
export type ChannelView = z.infer<typeof channelViewSchema>;
export type ViewOutcome = z.infer<typeof viewOutcomeSchema>;
