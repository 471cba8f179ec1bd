import type { ErrorCode, RuleError, RuleErrorOf } from "../../../shared/index";
import { formatTimeOfDay } from "../common/PhaseClock";
import { t } from "../texts";
import { listOf, type Model } from "./model";

type MoveHint = { type?: unknown; channel?: unknown };
type Explainer<C extends ErrorCode> = (m: Model, e: RuleErrorOf<C>, move: MoveHint | undefined) => string;
type Explainers = { [C in ErrorCode]: Explainer<C> };

const r = t.seat.reasons;
const moveType = (move: MoveHint | undefined) => (typeof move?.type === "string" ? move.type : "");
// A code a player cannot act on (the server's own trouble, a facilitator's or an import's refusal):
// the server's message says it best.
const asSent = (_m: Model, e: RuleError) => e.message;

/**
 * Every code of the contract (shared/contract/ruleErrors.ts) has its explanation here: a code
 * added there without one is a compile error, not a silent fall-through to the server's text.
 */
const explainers = {
  game_over: () => r.gameOver,
  // The rules call a clock never started "paused" too; a player needs to know which it is.
  paused: (m) => (m.view.phase.started ? r.paused : r.notStarted),
  last_call: (_m, e) => {
    const endsAt = e.details?.endsAt;
    return r.lastCall(typeof endsAt === "number" ? formatTimeOfDay(endsAt) : null);
  },
  not_in_rules: () => r.notInRules,
  wrong_phase: (m, e, move) => {
    const type = moveType(move);
    // A back channel's refusal names no open moves: it opens after the first phase.
    if (type === "chat" && !Array.isArray(e.details?.open))
      return r.backchannelLater(m.scenario.phases[0]?.title ?? "");
    const later = m.scenario.phases.slice(m.view.phase.index + 1).find((p) => (p.moves as string[]).includes(type));
    const what = Object.hasOwn(r.moveNames, type) ? r.moveNames[type as keyof typeof r.moveNames] : type;
    return later ? r.notYet(what, later.title) : r.notNow(what, m.phase.title);
  },
  not_acting: (m) => {
    const titles = m.actingOnMySide.map((x) => x.title);
    return titles.length > 0 ? r.notActing(m.phase.title, listOf(titles)) : r.nobodyActs(m.phase.title);
  },
  not_on_agenda: (m, e) => r.notOnAgenda(m.issueTitle(String(e.details?.issue)), m.phase.title),
  not_in_portfolio: (m, e) => {
    const issue = String(e.details?.issue);
    const seated = new Set(m.view.seats.map((s) => s.id));
    const owners = m.scenario.roles
      .filter((x) => x.side === m.side.id && x.id !== m.role.id && seated.has(x.id) && x.portfolio.includes(issue))
      .map((x) => x.title);
    return r.notInPortfolio(m.issueTitle(issue), listOf(owners));
  },
  too_many_open_proposals: (_m, e) => r.tooManyOpen(Number(e.details?.max)),
  message_too_long: (_m, e) => r.tooLong(Number(e.details?.max)),
  not_a_member: () => r.notAMember,
  unknown_channel: (_m, e, move) => (move?.channel === "press" ? r.pressIsStatements : e.message),
  proposal_not_open: (_m, e) => r.proposalNotOpen(e.details?.status ?? ""),
  not_addressed_to_you: () => r.notAddressed,
  not_proposer: () => r.notProposer,
  not_leader: (m) => r.notLeader(m.scenario.roles.find((x) => x.id === m.side.leader)?.title ?? ""),
  draft_version_mismatch: (_m, e) => r.draftChanged(Number(e.details?.version)),
  too_few_issues: (_m, e) => r.tooFewIssues(Number(e.details?.settled), Number(e.details?.minimum)),
  already_signed: () => r.alreadySigned,
  not_signed: () => r.notSigned,
  rate_limited: () => r.rateLimited,
  offline: () => r.offline,
  timeout: () => r.timeout,

  invalid_move: asSent,
  unknown_move: asSent,
  invalid_actor: asSent,
  invalid_time: asSent,
  read_only: asSent,
  incomplete_view: asSent,
  unknown_phase: asSent,
  unknown_role: asSent,
  not_optional: asSent,
  invalid_setup: asSent,
  not_system: asSent,
  unknown_seat: asSent,
  not_due: asSent,
  not_facilitator: asSent,
  not_a_player: asSent,
  unknown_proposal: asSent,
  unknown_issue: asSent,
  unknown_option: asSent,
  already_paused: asSent,
  not_paused: asSent,
  extend_limit: asSent,
  unknown_inject: asSent,
  not_a_deck_card: asSent,
  inject_played: asSent,
  deck_empty: asSent,
  unknown_recipient: asSent,
  // Control's rulings and undo (rules version 4): the facilitator's, said in the rule's words.
  unknown_side: asSent,
  not_in_draft: asSent,
  already_in_draft: asSent,
  nothing_to_undo: asSent,
  undo_stale: asSent,
  not_found: asSent,
  archived: asSent,
  busy: asSent,
  shutting_down: asSent,
  unavailable: asSent,
  internal: asSent,
  too_large: asSent,
  invalid_input: asSent,
  invalid_json: asSent,
  unsupported_media_type: asSent,
  unauthorized: asSent,
  forbidden: asSent,
  invalid_invite: asSent,
  operator_key: asSent,
  invalid_code: asSent,
  seat_full: asSent,
  seat_taken: asSent,
  unknown_scenario: asSent,
  invalid_scenario: asSent,
  reserved_scenario_id: asSent,
  scenario_id_taken: asSent,
  scenario_exists: asSent,
  scenario_in_use: asSent,
  unknown_seq: asSent,
  not_started: asSent,
  invalid_record: asSent,
  sequence_broken: asSent,
  hash_mismatch: asSent,
  rule_violation: asSent,
  http_error: asSent,
  bad_response: asSent,
} satisfies Explainers;

// Typed through the mapped type, so each code's explainer is called with its own error.
const table: Explainers = explainers;
const explainOne = <C extends ErrorCode>(m: Model, e: RuleErrorOf<C>, move: MoveHint | undefined): string =>
  table[e.code](m, e, move);

/**
 * A refusal in words a player understands: the rule's code, explained with the names of this
 * game's phases, roles and issues. Used both for a disabled control (judged beforehand with
 * `checkMove`) and for the server's answer to a move that was sent.
 */
export function explain(m: Model, e: RuleError, move?: MoveHint): string {
  // A code from a newer server than this client: its message, rather than nothing.
  return Object.hasOwn(table, e.code) ? explainOne(m, e, move) : e.message;
}
