import { z } from "zod";
import { type RuleError, ruleError } from "./contract/ruleErrors";
import { effectSchema, idSchema } from "./scenario/schema";
import { INT4_MAX, textSchema } from "./text";

/**
 * Every move of GAME.md and PROTOCOL.md as a zod schema. The schemas check shape only (and a hard
 * cap on text so nothing oversized reaches the rules); the rules themselves, in `judge.ts`, decide
 * whether a well-formed move is allowed now.
 */

export const TEXT_CAP = 10_000;
// Text by the one rule (text.ts): well formed, NFC-normalised, bounded.
const note = textSchema({ max: TEXT_CAP });
const text = textSchema({ max: TEXT_CAP }).refine((s) => s.trim().length > 0, { message: "text may not be empty" });
// A ruling's stated reason: required, told to both sides, so short enough to read at a glance.
const reason = textSchema({ max: 1000, trim: true, min: 1 });
const termsSchema = z.record(idSchema, idSchema).refine((t) => Object.keys(t).length > 0, {
  message: "a package names at least one issue",
});
/** Recipients of a note or a written inject: seat ids or side ids. */
const recipients = z.array(idSchema).min(1).max(40);

export const moveSchemas = {
  propose: z.strictObject({
    type: z.literal("propose"),
    terms: termsSchema,
    inReplyTo: idSchema.optional(),
    note: note.optional(),
  }),
  accept: z.strictObject({ type: z.literal("accept"), proposalId: idSchema }),
  reject: z.strictObject({
    type: z.literal("reject"),
    proposalId: idSchema,
    note: note.optional(),
  }),
  withdraw: z.strictObject({ type: z.literal("withdraw"), proposalId: idSchema }),
  chat: z.strictObject({ type: z.literal("chat"), channel: textSchema({ max: 80, min: 1 }), text }),
  statement: z.strictObject({ type: z.literal("statement"), text }),
  sign: z.strictObject({ type: z.literal("sign"), draftVersion: z.int().min(0).max(INT4_MAX) }),
  unsign: z.strictObject({ type: z.literal("unsign") }),
  walkAway: z.strictObject({ type: z.literal("walkAway") }),

  advancePhase: z.strictObject({ type: z.literal("advancePhase") }),
  pause: z.strictObject({ type: z.literal("pause") }),
  resume: z.strictObject({ type: z.literal("resume") }),
  extend: z.strictObject({ type: z.literal("extend"), minutes: z.int().min(1).max(15) }),
  // A deck card by id, or one written on the spot, optionally to chosen seats or sides; from rules
  // version 4 a written one may carry effects, of a deck card's schema (the judge checks their ids).
  inject: z
    .strictObject({
      type: z.literal("inject"),
      injectId: idSchema.optional(),
      title: textSchema({ max: 200, trim: true, min: 1 }).optional(),
      text: text.optional(),
      to: recipients.optional(),
      effects: z.array(effectSchema).min(1).max(20).optional(),
    })
    .refine(
      (m) =>
        m.injectId !== undefined
          ? m.title === undefined && m.text === undefined && m.to === undefined && m.effects === undefined
          : m.title !== undefined && m.text !== undefined,
      { message: "an inject is either { injectId } or { title, text, to?, effects? }" },
    ),
  drawInject: z.strictObject({ type: z.literal("drawInject") }),
  note: z.strictObject({ type: z.literal("note"), text, to: recipients.optional() }),
  endGame: z.strictObject({ type: z.literal("endGame") }),
  // From rules version 3: for `minutes`, only signing and unsigning are open; then the game ends.
  lastCall: z.strictObject({ type: z.literal("lastCall"), minutes: z.int().min(1).max(15) }),
  // From rules version 4: Control imposes a term on the draft (issue → option) or strikes one
  // (the issue leaves the draft), always saying why; both sides are told.
  ruling: z
    .strictObject({
      type: z.literal("ruling"),
      kind: z.enum(["impose", "strike"]),
      issue: idSchema,
      option: idSchema.optional(),
      reason,
    })
    .refine((m) => (m.kind === "impose") === (m.option !== undefined), {
      message: "a ruling imposes { issue, option } or strikes { issue } (no option)",
    }),
  // From rules version 4: compensates Control's last ruling or inject's effects (nothing is deleted).
  undo: z.strictObject({ type: z.literal("undo"), reason: reason.optional() }),

  deadline: z.strictObject({ type: z.literal("deadline") }),
  seatJoined: z.strictObject({
    type: z.literal("seatJoined"),
    seat: idSchema,
    name: textSchema({ max: 80, trim: true, min: 1 }),
  }),
} as const;

export type MoveType = keyof typeof moveSchemas;
export const moveTypes = Object.keys(moveSchemas) as MoveType[];

type AnyMoveSchema = (typeof moveSchemas)[MoveType];
// Made from moveSchemas, so the moves are listed once: a new move is a new member of the union.
export const moveSchema = z.discriminatedUnion(
  "type",
  Object.values(moveSchemas) as [AnyMoveSchema, ...AnyMoveSchema[]],
);
export type Move = z.infer<typeof moveSchema>;
export type MoveOf<T extends MoveType> = Extract<Move, { type: T }>;

export const facilitatorMoveTypes = [
  "advancePhase",
  "pause",
  "resume",
  "extend",
  "inject",
  "drawInject",
  "note",
  "endGame",
  "lastCall",
  "ruling",
  "undo",
] as const satisfies readonly MoveType[];
export const systemMoveTypes = ["deadline", "seatJoined"] as const satisfies readonly MoveType[];

export const actorSchema = z.union([
  z.strictObject({ seat: idSchema }),
  z.strictObject({ facilitator: z.literal(true) }),
  z.strictObject({ system: z.literal(true) }),
]);
export type Actor = z.infer<typeof actorSchema>;

export type { RuleError } from "./contract/ruleErrors";

/**
 * Parses a move from untrusted input, choosing the schema by `type` first so the error names the
 * fields of the move that was meant rather than the nineteen it could have been.
 */
export function parseMove(raw: unknown): { ok: true; move: Move } | { ok: false; error: RuleError } {
  const type = typeof raw === "object" && raw !== null ? (raw as { type?: unknown }).type : undefined;
  if (typeof type !== "string" || !Object.hasOwn(moveSchemas, type)) {
    return {
      ok: false,
      error: ruleError(
        "unknown_move",
        // Never echo the value itself: it may be huge, cyclic or a BigInt, none of which may throw here.
        typeof type === "string"
          ? `unknown move type "${type.slice(0, 40)}"`
          : `a move's type is a string, not ${typeof type}`,
        { known: moveTypes },
      ),
    };
  }
  const parsed = moveSchemas[type as MoveType].safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      error: ruleError(
        "invalid_move",
        `invalid ${type} move: ${parsed.error.issues.map((i) => `${i.path.join(".") || type}: ${i.message}`).join("; ")}`,
        { issues: parsed.error.issues.map((i) => ({ path: i.path.map(String), message: i.message })) },
      ),
    };
  }
  return { ok: true, move: parsed.data as Move };
}
