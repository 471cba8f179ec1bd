import type { RuleError } from "../../../shared/index";
import { t } from "../texts";
import { listOf, type Model } from "./model";

/**
 * A refusal in words a player understands: the rule's code, explained with the names of this
 * game's phases, roles and issues. Used both for a disabled control (judged beforehand with
 * `checkMove`) and for the server's answer to a move that was sent.
 */
export function explain(m: Model, e: RuleError, move?: { type?: unknown; channel?: unknown }): string {
  const r = t.seat.reasons;
  const d = e.details ?? {};
  const type = typeof move?.type === "string" ? move.type : "";
  switch (e.code) {
    case "game_over":
      return r.gameOver;
    case "paused":
      return r.paused;
    case "wrong_phase": {
      // A back channel's refusal names no open moves: it opens after the first phase.
      if (type === "chat" && !Array.isArray(d.open)) return r.backchannelLater(m.scenario.phases[0]?.title ?? "");
      const later = m.scenario.phases.slice(m.view.phase.index + 1).find((p) => (p.moves as string[]).includes(type));
      const what = r.moveNames[type as keyof typeof r.moveNames] ?? type;
      return later ? r.notYet(what, later.title) : r.notNow(what, m.phase.title);
    }
    case "not_acting": {
      const titles = m.actingOnMySide.map((x) => x.title);
      return titles.length > 0 ? r.notActing(m.phase.title, listOf(titles)) : r.nobodyActs(m.phase.title);
    }
    case "not_on_agenda":
      return r.notOnAgenda(m.issueTitle(String(d.issue)), m.phase.title);
    case "not_in_portfolio": {
      const issue = String(d.issue);
      const seated = new Set(m.view.seats.map((s) => s.id));
      const owners = m.scenario.roles
        .filter((x) => x.side === m.side.id && x.id !== m.role.id && seated.has(x.id) && x.portfolio.includes(issue))
        .map((x) => x.title);
      return r.notInPortfolio(m.issueTitle(issue), listOf(owners));
    }
    case "too_many_open_proposals":
      return r.tooManyOpen(Number(d.max));
    case "message_too_long":
      return r.tooLong(Number(d.max));
    case "not_a_member":
      return r.notAMember;
    case "unknown_channel":
      return move?.channel === "press" ? r.pressIsStatements : e.message;
    case "proposal_not_open":
      return r.proposalNotOpen(String(d.status ?? ""));
    case "not_addressed_to_you":
      return r.notAddressed;
    case "not_proposer":
      return r.notProposer;
    case "not_leader":
      return r.notLeader(m.scenario.roles.find((x) => x.id === m.side.leader)?.title ?? "");
    case "draft_version_mismatch":
      return r.draftChanged(Number(d.version));
    case "too_few_issues":
      return r.tooFewIssues(Number(d.settled), Number(d.minimum));
    case "already_signed":
      return r.alreadySigned;
    case "not_signed":
      return r.notSigned;
    case "rate_limited":
      return r.rateLimited;
    case "offline":
      return r.offline;
    case "timeout":
      return r.timeout;
    default:
      return e.message;
  }
}
