import { z } from "zod";
import { seedState } from "./rng";
import { effectSchema, idSchema, type Scenario, scenarioSchema } from "./scenario/schema";
import { joinSchema } from "./seatPeople";
import { wellFormedString } from "./text";

/**
 * The game state: a pure fold of the event log (`apply` in apply.ts). Its schema exists so that a
 * snapshot read back from storage is checked like any other input.
 */

const termsSchema = z.record(idSchema, idSchema);

export const proposalStatusSchema = z.enum(["open", "accepted", "rejected", "withdrawn"]);

export const proposalSchema = z.object({
  id: idSchema,
  seq: z.int(),
  at: z.number(),
  phase: idSchema,
  from: idSchema,
  to: idSchema,
  /** The role that proposed it. */
  by: idSchema,
  terms: termsSchema,
  inReplyTo: idSchema.nullable(),
  note: z.string().nullable(),
  status: proposalStatusSchema,
  /** Who accepted, rejected or withdrew it, when, and what they said. */
  closedBy: idSchema.nullable(),
  closedAt: z.number().nullable(),
  closedSeq: z.int().nullable(),
  closeNote: z.string().nullable(),
});

/** `from` is a seat id, or "control" for the facilitator and for inject press releases. */
export const messageSchema = z.object({
  seq: z.int(),
  at: z.number(),
  channel: z.string(),
  from: z.string(),
  text: z.string(),
});

/**
 * Injects played, facilitator notes, private reveals, and (rules version 4) Control's rulings on the
 * draft and its undos. `to` null means everyone; otherwise the seat ids and side ids it is addressed to.
 */
export const feedItemSchema = z.object({
  seq: z.int(),
  at: z.number(),
  kind: z.enum(["inject", "note", "reveal", "ruling", "undo"]),
  injectId: idSchema.nullable(),
  title: z.string().nullable(),
  text: z.string(),
  to: z.array(idSchema).nullable(),
});

export const clockSchema = z.object({
  /** A new game waits, paused, until the facilitator starts the clock with `resume`. */
  started: z.boolean(),
  paused: z.boolean(),
  /** Epoch ms at which the phase ends; null while paused. */
  endsAt: z.number().nullable(),
  /** Time left when paused (when running, derive it from endsAt). */
  remainingMs: z.number(),
  extendedMinutes: z.number(),
});

export const draftSchema = z.object({
  version: z.int().min(0),
  terms: termsSchema,
  signedBy: z.array(idSchema),
  /** For each settled issue, the phase in which its current option was accepted. */
  settledIn: z.record(idSchema, idSchema),
});

export const shiftsSchema = z.object({
  reservation: z.record(idSchema, z.number()),
  /** side → issue → option → shift */
  points: z.record(idSchema, z.record(idSchema, z.record(idSchema, z.number()))),
});

export const outcomeReasonSchema = z.enum(["signed", "walkAway", "endGame", "deadline", "advancePhase"]);

export const scoresSchema = z.object({ sides: z.record(idSchema, z.number()), roles: z.record(idSchema, z.number()) });

export const outcomeSchema = z.object({
  agreement: z.boolean(),
  /** The final terms: the signed draft, every other issue at its noDeal option. */
  terms: termsSchema,
  scores: scoresSchema,
  reason: outcomeReasonSchema,
  walkedAwayBy: idSchema.nullable(),
  seq: z.int(),
  at: z.number(),
});

/**
 * The facilitator's last call (rules version 3): when it was called and for how many minutes. The
 * clock's `endsAt` is its end (a pause or an extension moves it as any phase's); at that deadline
 * the game ends. Absent until a last call, so a game without one folds to the state it always had.
 */
export const lastCallSchema = z.object({ at: z.number(), minutes: z.int().min(1) });

/**
 * Control's last action that an undo compensates (rules version 4): a ruling, or a written or deck
 * inject whose effects changed points, walk-aways or the agenda. It keeps what the undo restores, as
 * the action changed it, so the undo is a new event and nothing in the record is rewritten.
 */
export const undoableSchema = z.object({
  /** The action's event. */
  seq: z.int().min(1),
  /** What its feed item was called (the undo's item repeats it). */
  title: z.string(),
  /** Who was told of it (null: everyone): its undo is told to the same seats, no others. */
  to: z.array(idSchema).nullable(),
  /** The phase it was taken in: an agenda change lasts only for its phase. */
  phaseIndex: z.int().min(0),
  /** The draft's version right after it, when it changed the draft (a ruling); else null. */
  draftVersion: z.int().min(0).nullable(),
  /** The draft term a ruling replaced: its option and the phase it was settled in before (null: not in the draft). */
  term: z.object({ issue: idSchema, option: idSchema.nullable(), settledIn: idSchema.nullable() }).nullable(),
  /** The shifts it made, and the issues it actually put on or took off the agenda: the undo applies their opposite. */
  effects: z.array(effectSchema),
});

export const gameStateSchema = z.object({
  scenario: scenarioSchema,
  seed: z.string(),
  /** The rules version the game was created under (rulesVersions.ts): every move is decided by it. */
  rulesVersion: z.int().min(1),
  rng: z.int().min(0),
  seq: z.int().min(0),
  /** The time of the last event (0 before any): a game's clock never runs backwards. */
  at: z.number().min(0),
  phaseIndex: z.int().min(0),
  /** The current phase's agenda, after any inject's additions and removals. */
  agenda: z.array(idSchema),
  clock: clockSchema,
  draft: draftSchema,
  proposals: z.array(proposalSchema),
  messages: z.array(messageSchema),
  feed: z.array(feedItemSchema),
  /** Deck and scheduled injects already played, in order. */
  played: z.array(idSchema),
  shifts: shiftsSchema,
  /** seat id → the names of those who joined it */
  seats: z.record(idSchema, z.array(z.string())),
  /**
   * seat id → each of those joins with its seq, in the same order: what a seat's people were at
   * any moment (seatPeople.ts), so a message is credited only to those on the seat when it was sent.
   * Required: a snapshot from before it does not parse, and the game is folded from its log.
   */
  joins: z.record(idSchema, z.array(joinSchema)),
  outcome: outcomeSchema.nullable(),
  lastCall: lastCallSchema.optional(),
  /** Control's action an undo would compensate; null once undone; absent before any (and before version 4). */
  undoable: undoableSchema.nullable().optional(),
});

export type GameState = z.infer<typeof gameStateSchema>;
export type Proposal = z.infer<typeof proposalSchema>;
export type Message = z.infer<typeof messageSchema>;
export type FeedItem = z.infer<typeof feedItemSchema>;
export type Clock = z.infer<typeof clockSchema>;
export type Draft = z.infer<typeof draftSchema>;
export type Outcome = z.infer<typeof outcomeSchema>;
export type OutcomeReason = z.infer<typeof outcomeReasonSchema>;
export type Scores = z.infer<typeof scoresSchema>;
export type LastCall = z.infer<typeof lastCallSchema>;
export type Undoable = z.infer<typeof undoableSchema>;

// Well formed (text.ts) but not normalised: a seed is the RNG's input, kept byte for byte.
export const seedSchema = wellFormedString(200).min(1);

/**
 * The state before any event: the first phase, its clock not yet started, the draft empty. The
 * first phase's scheduled injects have fired (as of seq 0), so the state never depends on when a
 * game was created.
 */
export function initialState(scenario: Scenario, seed: string, rulesVersion: number): GameState {
  const first = scenario.phases[0]!;
  const base: GameState = {
    scenario,
    seed,
    rulesVersion,
    rng: seedState(seed),
    seq: 0,
    at: 0,
    phaseIndex: 0,
    agenda: [...first.agenda],
    clock: { started: false, paused: true, endsAt: null, remainingMs: first.minutes * 60_000, extendedMinutes: 0 },
    draft: { version: 0, terms: {}, signedBy: [], settledIn: {} },
    proposals: [],
    messages: [],
    feed: [],
    played: [],
    shifts: { reservation: {}, points: {} },
    seats: Object.fromEntries(scenario.roles.map((r) => [r.id, []])),
    joins: Object.fromEntries(scenario.roles.map((r) => [r.id, []])),
    outcome: null,
  };
  return base;
}
