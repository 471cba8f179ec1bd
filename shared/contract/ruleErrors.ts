import { z } from "zod";

/**
 * Every error code any layer sends, as a closed set, each with the shape of its `details`. The
 * rules, the HTTP routes, the socket gateway and the web client build refusals with `ruleError`,
 * so a misspelt code, or details that do not fit the code, is a compile error rather than a case
 * the client's `explain` silently falls through.
 *
 * Details are plain (not strict) objects: a reader parses what it knows and ignores what a newer
 * server adds. A code whose details are `none` sends no details.
 */

const none = z.object({});
const issue = z.object({ issue: z.string() });
const problems = z.array(z.object({ path: z.string(), message: z.string() }));
// An imported record's refusal names the event it stopped at (null when the record as a whole is wrong).
const atSeq = z.object({ seq: z.int().nullable() });

export const errorDetailsSchemas = {
  // Parsing a move (shared/moves.ts) and deciding it (shared/decide.ts, shared/checkMove.ts).
  invalid_move: z.object({ issues: z.array(z.object({ path: z.array(z.string()), message: z.string() })).optional() }),
  unknown_move: z.object({ known: z.array(z.string()).optional() }),
  invalid_actor: none,
  invalid_time: none,
  read_only: none,
  incomplete_view: none,

  // Setting a game up (shared/setup.ts).
  unknown_phase: z.object({ phase: z.string() }),
  unknown_role: z.object({ role: z.string() }),
  not_optional: z.object({ role: z.string() }),
  invalid_setup: z.object({ problems }),

  // The rules (shared/judge.ts).
  not_system: none,
  unknown_seat: none,
  game_over: z.object({ seq: z.int().optional() }),
  paused: none,
  not_due: z.object({ endsAt: z.number() }),
  not_facilitator: none,
  not_a_player: none,
  unknown_channel: none,
  not_a_member: none,
  wrong_phase: z.object({ phase: z.string(), open: z.array(z.string()).optional() }),
  not_acting: z.object({ phase: z.string() }),
  message_too_long: z.object({ max: z.int(), length: z.int() }),
  too_many_open_proposals: z.object({ max: z.int() }),
  unknown_proposal: none,
  proposal_not_open: z.object({ status: z.string() }),
  not_addressed_to_you: none,
  not_proposer: none,
  not_leader: none,
  draft_version_mismatch: z.object({ version: z.int() }),
  too_few_issues: z.object({ settled: z.int(), minimum: z.int() }),
  already_signed: none,
  not_signed: none,
  unknown_issue: issue,
  unknown_option: z.object({ issue: z.string(), option: z.string() }),
  not_on_agenda: issue,
  not_in_portfolio: issue,
  already_paused: none,
  not_paused: none,
  extend_limit: z.object({ extendedMinutes: z.int(), max: z.int() }),
  unknown_inject: none,
  not_a_deck_card: none,
  inject_played: none,
  deck_empty: none,
  unknown_recipient: z.object({ recipient: z.string() }),
  // Last call (rules version 3): what is still open, and when the game ends (null while paused).
  last_call: z.object({ endsAt: z.number().nullable(), open: z.array(z.string()) }),
  // A move this game's rules version does not have (a version-1 or -2 game's last call).
  not_in_rules: z.object({ rulesVersion: z.int(), since: z.int() }),
  // Control's rulings and effects (rules version 4). An effect's bad id names the effect (its index
  // in the written inject's effects) and the id; `unknown_side` is a side id no side has.
  unknown_side: z.object({ side: z.string(), effect: z.int().optional() }),
  not_in_draft: issue,
  already_in_draft: z.object({ issue: z.string(), option: z.string() }),
  // Undo: nothing to undo (none yet, or the last was undone: an undo is not undone), or what the
  // action changed has moved on since (the draft's version, the phase) and undoing would overwrite it.
  nothing_to_undo: none,
  undo_stale: z.object({ seq: z.int(), changed: z.enum(["draft", "phase"]) }),

  // The game service and the socket gateway (server/games/service.ts, server/socket/).
  not_found: none,
  archived: none,
  busy: none,
  shutting_down: none,
  unavailable: none,
  internal: none,
  too_large: z.object({ maxEvents: z.int().optional(), events: z.int().optional() }),
  rate_limited: z.object({ retryAfterMs: z.number().optional() }),

  // HTTP (server/http/, server/routes/, server/auth/, server/limits/).
  invalid_input: z.object({
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    path: z.string().optional(),
  }),
  invalid_json: none,
  unsupported_media_type: none,
  timeout: none,
  unauthorized: none,
  forbidden: none,
  invalid_invite: none,
  operator_key: none,
  invalid_code: none,
  seat_full: z.object({ cap: z.int() }),
  // A bot for a seat someone (a person or another bot) has joined already.
  seat_taken: z.object({ seat: z.string() }),
  unknown_scenario: none,
  invalid_scenario: z.object({ problems, seq: z.int().nullable().optional() }),
  reserved_scenario_id: none,
  scenario_id_taken: none,
  scenario_exists: none,
  scenario_in_use: none,
  unknown_seq: z.object({ seq: z.int() }),
  not_started: none,

  // Importing a record (server/games/record.ts).
  invalid_record: atSeq,
  sequence_broken: atSeq,
  hash_mismatch: atSeq,
  rule_violation: atSeq.extend({ error: z.object({ code: z.string(), message: z.string() }).loose().optional() }),

  // Made by the web client itself, never sent by the server: no connection, no answer, a reply
  // that is not the API's.
  offline: none,
  http_error: none,
  bad_response: none,
} as const;

export type ErrorCode = keyof typeof errorDetailsSchemas;
export const errorCodeSchema = z.keyof(z.object(errorDetailsSchemas));
export const errorCodes: readonly ErrorCode[] = errorCodeSchema.options;

export type ErrorDetails<C extends ErrorCode> = z.infer<(typeof errorDetailsSchemas)[C]>;

/** One code's refusal. `details` is absent when there is nothing to add. */
export type RuleErrorOf<C extends ErrorCode> = { code: C; message: string; details?: ErrorDetails<C> };
/** A refusal, by any layer: a union on `code`, so a switch over the code narrows the details. */
export type RuleError = { [C in ErrorCode]: RuleErrorOf<C> }[ErrorCode];

const memberOf = <C extends ErrorCode>(code: C) =>
  z.strictObject({ code: z.literal(code), message: z.string(), details: errorDetailsSchemas[code].optional() });

/** A refusal as it arrives on the wire (an HTTP error body's `error`, a socket ack's `error`). */
export const ruleErrorSchema = z.discriminatedUnion(
  "code",
  errorCodes.map(memberOf) as unknown as [ReturnType<typeof memberOf>, ...ReturnType<typeof memberOf>[]],
) as unknown as z.ZodType<RuleError>;

/** The details argument: required when the code has a required detail, optional otherwise. */
type DetailsArg<C extends ErrorCode> =
  Record<never, never> extends ErrorDetails<C> ? [details?: ErrorDetails<C>] : [details: ErrorDetails<C>];

/** Builds a refusal; the code's details type checks `details`. */
export function ruleError<C extends ErrorCode>(code: C, message: string, ...[details]: DetailsArg<C>): RuleErrorOf<C> {
  return details === undefined ? { code, message } : { code, message, details };
}
