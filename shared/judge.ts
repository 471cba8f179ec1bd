import { findChannel, PRESS, TABLE } from "./channels";
import { ruleError } from "./contract/ruleErrors";
import { effectIdProblem } from "./effectIds";
import { type Actor, facilitatorMoveTypes, type Move, type RuleError, systemMoveTypes } from "./moves";
import { openProposals, proposalById } from "./proposalIndex";
import { type RuleSet, rulesInForce } from "./rulesVersions";
import type { PublicScenario } from "./scenario/public";
import type { Inject } from "./scenario/schema";
import { settledCount } from "./score";
import type { Undoable } from "./state";

/**
 * The rules, judged from what a table shows. The server builds a `Table` from the full game state
 * (`decide`), the web client from its seat's view (`checkMove`), so the refusal a student sees
 * before sending is the one the server would give, and neither side needs the other's secrets:
 * nothing here reads points, briefs, reservations or objectives.
 */

export type TableScenario = Pick<PublicScenario, "sides" | "roles" | "issues" | "phases" | "backchannels" | "rules">;

export type Table = {
  scenario: TableScenario;
  phaseIndex: number;
  agenda: string[];
  clock: { paused: boolean; endsAt: number | null; extendedMinutes: number };
  draft: { version: number; terms: Record<string, string>; signedBy: string[] };
  proposals: { id: string; from: string; to: string; by: string; status: string; terms: Record<string, string> }[];
  over: boolean;
  seats: string[];
  /** Only the facilitator's table knows the deck; a seat's check leaves inject rules to the server. */
  injects: Pick<Inject, "id" | "when">[] | null;
  played: string[];
  /** The last call under way (rules version 3), if any. */
  lastCall?: { at: number; minutes: number } | null;
  /**
   * Control's action an undo would compensate (rules version 4): null, none; absent, not known to
   * this table (a seat's view), so the server judges the undo.
   */
  undoable?: Pick<Undoable, "seq" | "phaseIndex" | "draftVersion" | "effects"> | null;
};

/** The player moves open during a last call (GAME.md: only signing, and taking a signature back). */
export const LAST_CALL_OPEN = ["sign", "unsign"] as const;

/** The current rules' limit on extending a phase (the web client's; the judge reads the game's own). */
export const MAX_EXTEND_MINUTES = rulesInForce().maxExtendMinutes;

// Every refusal through the one builder: a misspelt code, or details the code does not carry, fails to compile.
const err = ruleError;

const isFacilitatorMove = (t: string) => (facilitatorMoveTypes as readonly string[]).includes(t);
const isSystemMove = (t: string) => (systemMoveTypes as readonly string[]).includes(t);

/** Returns the rule a move breaks, or null when it is allowed now. `at` is the server's time. */
export function judge(table: Table, actor: Actor, move: Move, at: number): RuleError | null {
  const { scenario } = table;
  const phase = scenario.phases[table.phaseIndex]!;

  if (isSystemMove(move.type)) {
    if (!("system" in actor)) return err("not_system", `${move.type} is recorded by the server itself`);
    if (move.type === "seatJoined") {
      return scenario.roles.some((r) => r.id === move.seat) ? null : err("unknown_seat", `no seat "${move.seat}"`);
    }
    if (table.over) return err("game_over", "the game is over");
    if (table.clock.paused || table.clock.endsAt === null) return err("paused", "the clock is stopped");
    if (at < table.clock.endsAt)
      return err("not_due", "the phase's time has not run out", { endsAt: table.clock.endsAt });
    return null;
  }

  if (table.over) return err("game_over", "the game is over");

  if (isFacilitatorMove(move.type)) {
    if (!("facilitator" in actor)) return err("not_facilitator", `only the facilitator may ${move.type}`);
    return judgeFacilitator(table, move);
  }

  // A player move. The facilitator may also speak on any channel and issue statements, as Control.
  if ("facilitator" in actor) {
    if (move.type === "chat") {
      return findChannel(scenario, move.channel) && move.channel !== PRESS
        ? null
        : err("unknown_channel", `no channel "${move.channel}"`);
    }
    if (move.type === "statement") return null;
    return err("not_a_player", `the facilitator does not ${move.type} for a side`);
  }
  if (!("seat" in actor)) return err("not_a_player", `${move.type} is a player's move`);
  const role = scenario.roles.find((r) => r.id === actor.seat);
  if (!role) return err("unknown_seat", `no seat "${actor.seat}"`);
  const side = scenario.sides.find((s) => s.id === role.side)!;
  const isLeader = side.leader === role.id;
  const acting = phase.acting === "all" || phase.acting.includes(role.id);
  const open = (t: string) => (phase.moves as readonly string[]).includes(t);
  const wrongPhase = () =>
    err("wrong_phase", `${move.type} is not open in the ${phase.title} phase`, { phase: phase.id, open: phase.moves });
  const notActing = () =>
    err("not_acting", `${roleTitle(scenario, role.id)} does not act across the table in the ${phase.title} phase`, {
      phase: phase.id,
    });
  const maxText = scenario.rules.chatMaxLength;
  const tooLong = (text: string) =>
    text.length > maxText
      ? err("message_too_long", `at most ${maxText} characters`, { max: maxText, length: text.length })
      : null;

  // A last call leaves only signing and unsigning open, whatever the phase allows.
  const lastCall = table.lastCall ?? null;
  if (lastCall && !(LAST_CALL_OPEN as readonly string[]).includes(move.type)) {
    return lastCallRefusal(table, `${move.type} is closed`);
  }
  // A pause stops the negotiation; the teams may still talk among themselves.
  if (table.clock.paused && move.type !== "chat") return err("paused", "the facilitator has paused the game");

  switch (move.type) {
    case "chat": {
      const channel = findChannel(scenario, move.channel);
      if (!channel) return err("unknown_channel", `no channel "${move.channel}"`);
      if (channel.kind === "press") return err("unknown_channel", "press takes statements, not chat");
      if (channel.kind === "team" && channel.side !== role.side)
        return err("not_a_member", "that is the other side's channel");
      if (channel.kind === "backchannel") {
        if (!channel.members!.includes(role.id)) return err("not_a_member", `you are not part of ${channel.title}`);
        if (table.phaseIndex === 0)
          return err("wrong_phase", "backchannels open after the first phase", { phase: phase.id });
      }
      if (channel.id === TABLE) {
        if (table.clock.paused) return err("paused", "the facilitator has paused the game");
        if (!open("chat")) return wrongPhase();
        if (!acting) return notActing();
      }
      return tooLong(move.text);
    }
    case "statement": {
      if (!open("statement") || table.phaseIndex === 0) return wrongPhase();
      if (!isLeader && !acting) return notActing();
      return tooLong(move.text);
    }
    case "propose": {
      if (!open("propose")) return wrongPhase();
      if (!acting) return notActing();
      const bad = judgeTerms(table, role, move.terms);
      if (bad) return bad;
      const openCount = openProposals(table.proposals).filter((p) => p.from === role.side).length;
      if (openCount >= scenario.rules.maxOpenProposalsPerSide) {
        return err(
          "too_many_open_proposals",
          `your side already has ${openCount} open proposals; withdraw one first (at most ${scenario.rules.maxOpenProposalsPerSide})`,
          { max: scenario.rules.maxOpenProposalsPerSide },
        );
      }
      if (move.inReplyTo !== undefined && proposalById(table.proposals, move.inReplyTo) === undefined) {
        return err("unknown_proposal", `no proposal "${move.inReplyTo}"`);
      }
      return move.note === undefined ? null : tooLong(move.note);
    }
    case "accept":
    case "reject": {
      if (!open(move.type)) return wrongPhase();
      if (!acting) return notActing();
      const p = proposalById(table.proposals, move.proposalId);
      if (!p) return err("unknown_proposal", `no proposal "${move.proposalId}"`);
      if (p.status !== "open") return err("proposal_not_open", `proposal ${p.id} is ${p.status}`, { status: p.status });
      if (p.to !== role.side) return err("not_addressed_to_you", `proposal ${p.id} is addressed to the other side`);
      const bad = judgeTerms(table, role, p.terms);
      if (bad) return bad;
      if (move.type === "reject" && move.note !== undefined) return tooLong(move.note);
      return null;
    }
    case "withdraw": {
      if (!open("withdraw")) return wrongPhase();
      if (!acting) return notActing();
      const p = proposalById(table.proposals, move.proposalId);
      if (!p) return err("unknown_proposal", `no proposal "${move.proposalId}"`);
      if (p.status !== "open") return err("proposal_not_open", `proposal ${p.id} is ${p.status}`, { status: p.status });
      if (p.from !== role.side || (p.by !== role.id && !isLeader)) {
        return err("not_proposer", "only the proposer, or its side's leader, may withdraw a proposal");
      }
      return null;
    }
    case "sign": {
      if (!open("sign") && !lastCall) return wrongPhase();
      if (!isLeader) return err("not_leader", "only the leader signs");
      if (move.draftVersion !== table.draft.version) {
        return err(
          "draft_version_mismatch",
          `the draft is at version ${table.draft.version}, not ${move.draftVersion}`,
          {
            version: table.draft.version,
          },
        );
      }
      const settled = settledCount(scenario, table.draft.terms);
      if (settled < scenario.rules.minimumIssues) {
        return err(
          "too_few_issues",
          `the draft settles ${settled} issues; at least ${scenario.rules.minimumIssues} are needed to sign`,
          { settled, minimum: scenario.rules.minimumIssues },
        );
      }
      if (table.draft.signedBy.includes(role.side)) return err("already_signed", "your side has signed this version");
      return null;
    }
    case "unsign": {
      if (!open("unsign") && !lastCall) return wrongPhase();
      if (!isLeader) return err("not_leader", "only the leader unsigns");
      if (!table.draft.signedBy.includes(role.side)) return err("not_signed", "your side has not signed");
      return null;
    }
    case "walkAway": {
      if (!open("walkAway")) return wrongPhase();
      if (!isLeader) return err("not_leader", "only the leader walks away");
      return null;
    }
  }
  return err("unknown_move", `unknown move ${(move as { type: string }).type}`);
}

function judgeTerms(table: Table, role: { id: string; portfolio: string[] }, terms: Record<string, string>) {
  const { scenario } = table;
  for (const [issueId, optionId] of Object.entries(terms)) {
    const issue = scenario.issues.find((i) => i.id === issueId);
    if (!issue) return err("unknown_issue", `no issue "${issueId}"`, { issue: issueId });
    if (!issue.options.some((o) => o.id === optionId)) {
      return err("unknown_option", `${issue.title} has no option "${optionId}"`, { issue: issueId, option: optionId });
    }
  }
  for (const issueId of Object.keys(terms)) {
    const issue = scenario.issues.find((i) => i.id === issueId)!;
    if (!table.agenda.includes(issueId)) {
      return err("not_on_agenda", `${issue.title} is not on the agenda in this phase`, { issue: issueId });
    }
    if (!role.portfolio.includes(issueId)) {
      return err("not_in_portfolio", `${issue.title} is not in ${roleTitle(scenario, role.id)}'s portfolio`, {
        issue: issueId,
      });
    }
  }
  return null;
}

/** A refusal during last call: says what is open and when the game ends (null while paused). */
function lastCallRefusal(table: Table, what: string): RuleError {
  return err("last_call", `last call: ${what}; only signing and unsigning are open until the game ends`, {
    endsAt: table.clock.endsAt,
    open: [...LAST_CALL_OPEN],
  });
}

/** The version that first had each versioned move (rulesVersions.ts). */
const SINCE = { lastCall: 3, controlRulings: 4 } as const;

/** Refuses what this game's rules version does not have (`what` says what it is), or null. */
function notInRules(rule: keyof typeof SINCE & keyof RuleSet, what: string): RuleError | null {
  const rules = rulesInForce();
  return rules[rule]
    ? null
    : err("not_in_rules", `this game's rules (version ${rules.version}) have no ${what}`, {
        rulesVersion: rules.version,
        since: SINCE[rule],
      });
}

function judgeFacilitator(table: Table, move: Move): RuleError | null {
  switch (move.type) {
    case "lastCall":
      // A versioned rule (rulesVersions.ts): a version-1 or -2 game has no last call.
      return (
        notInRules("lastCall", "last call") ??
        (table.lastCall ? lastCallRefusal(table, "it has already been called") : null)
      );
    case "ruling":
      return notInRules("controlRulings", "rulings by Control") ?? judgeRuling(table, move);
    case "undo":
      return notInRules("controlRulings", "undo by Control") ?? judgeUndo(table);
    case "advancePhase":
      // The last call's end is the game's end: no phase comes after it (endGame ends it now).
      return table.lastCall ? lastCallRefusal(table, "the phases are over") : null;
    case "pause":
      return table.clock.paused ? err("already_paused", "the clock is already stopped") : null;
    case "resume":
      return table.clock.paused ? null : err("not_paused", "the clock is running");
    case "extend": {
      const total = table.clock.extendedMinutes + move.minutes;
      // A versioned rule (rulesVersions.ts): the game's own version's limit when decided by the server.
      const max = rulesInForce().maxExtendMinutes;
      return total > max
        ? err("extend_limit", `a phase may be extended by at most ${max} minutes in all`, {
            extendedMinutes: table.clock.extendedMinutes,
            max,
          })
        : null;
    }
    case "inject": {
      if (move.injectId === undefined) {
        if (move.effects === undefined) return judgeRecipients(table, move.to);
        return (
          notInRules("controlRulings", "effects on a written inject") ??
          judgeRecipients(table, move.to) ??
          effectIdProblem(table.scenario, move.effects)
        );
      }
      if (!table.injects) return null;
      const card = table.injects.find((i) => i.id === move.injectId);
      if (!card) return err("unknown_inject", `no inject "${move.injectId}"`);
      if (card.when !== "deck")
        return err("not_a_deck_card", `${card.id} is scheduled; it fires when its phase starts`);
      if (table.played.includes(card.id)) return err("inject_played", `${card.id} has been played`);
      return null;
    }
    case "drawInject": {
      if (!table.injects) return null;
      const left = table.injects.filter((i) => i.when === "deck" && !table.played.includes(i.id));
      return left.length === 0 ? err("deck_empty", "every deck card has been played") : null;
    }
    case "note":
      return judgeRecipients(table, move.to);
    default:
      return null;
  }
}

/** A ruling names a real term: an issue on the agenda and its option to impose, or a term of the draft to strike. */
function judgeRuling(table: Table, move: Extract<Move, { type: "ruling" }>): RuleError | null {
  const issue = table.scenario.issues.find((i) => i.id === move.issue);
  if (!issue) return err("unknown_issue", `no issue "${move.issue}"`, { issue: move.issue });
  const current = table.draft.terms[issue.id];
  if (move.kind === "strike") {
    return current === undefined
      ? err("not_in_draft", `${issue.title} is not in the draft; there is nothing to strike`, { issue: issue.id })
      : null;
  }
  const option = move.option!;
  if (!issue.options.some((o) => o.id === option)) {
    return err("unknown_option", `${issue.title} has no option "${option}"`, { issue: issue.id, option });
  }
  // Control rules on what is being negotiated now, as the sides' proposals must (judgeTerms).
  if (!table.agenda.includes(issue.id)) {
    return err("not_on_agenda", `${issue.title} is not on the agenda in this phase`, { issue: issue.id });
  }
  if (current === option) {
    return err("already_in_draft", `the draft already holds that option for ${issue.title}`, {
      issue: issue.id,
      option,
    });
  }
  return null;
}

/**
 * Undo compensates Control's last action while what it changed still stands: refused when there is
 * none (or it was undone: an undo is not undone, nor is the action before it), when the draft has
 * moved on since a ruling (undoing it would overwrite the sides' own changes), or when the phase an
 * agenda change lasted for is over.
 */
function judgeUndo(table: Table): RuleError | null {
  const last = table.undoable;
  if (last === undefined) return null;
  if (last === null) {
    return err(
      "nothing_to_undo",
      "Control has no action to undo: none yet, or its last one has been undone (an undo is not undone)",
    );
  }
  if (last.draftVersion !== null && table.draft.version !== last.draftVersion) {
    return err(
      "undo_stale",
      `the draft has changed since that ruling (version ${last.draftVersion}, now ${table.draft.version}); rule again instead`,
      { seq: last.seq, changed: "draft" },
    );
  }
  if (last.phaseIndex !== table.phaseIndex && last.effects.some((e) => "agenda" in e)) {
    return err("undo_stale", "that action changed the agenda of a phase that is over", {
      seq: last.seq,
      changed: "phase",
    });
  }
  return null;
}

function judgeRecipients(table: Table, to: string[] | undefined): RuleError | null {
  for (const id of to ?? []) {
    const known = table.seats.includes(id) || table.scenario.sides.some((s) => s.id === id);
    if (!known) return err("unknown_recipient", `"${id}" is neither a seat nor a side of this game`, { recipient: id });
  }
  return null;
}

function roleTitle(scenario: TableScenario, roleId: string): string {
  return scenario.roles.find((x) => x.id === roleId)?.title ?? roleId;
}

/** The deck cards not yet played, in scenario order. */
export function deckLeft(injects: Pick<Inject, "id" | "when">[], played: string[]): string[] {
  return injects.filter((i) => i.when === "deck" && !played.includes(i.id)).map((i) => i.id);
}
