import { checkMove, type RuleError, ruleError, type Terms } from "../../../shared/index";
import type { Model } from "./model";
import { explain } from "./reasons";

/** Refusals that are about one issue, rather than about proposing at all right now. */
export const ISSUE_CODES = new Set(["not_on_agenda", "not_in_portfolio", "unknown_issue", "unknown_option"]);

/**
 * For each issue, why this seat cannot put it in a proposal now (null when it can). Judged with
 * `checkMove`, the server's own rules; when proposing is closed altogether (another phase, another
 * role's turn, a pause), the issue is still judged on the agenda and the portfolio, so a player can
 * plan a package and see its worth before their turn.
 */
export function issueBlocks(m: Model): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const issue of m.scenario.issues) {
    const first = issue.options[0]!.id;
    const e = checkMove(m.view, { type: "propose", terms: { [issue.id]: first } });
    const own = (code: "not_on_agenda" | "not_in_portfolio"): RuleError => ruleError(code, code, { issue: issue.id });
    if (m.view.outcome) out[issue.id] = explain(m, { code: "game_over", message: "" });
    else if (e && ISSUE_CODES.has(e.code)) out[issue.id] = explain(m, e);
    else if (!m.view.phase.agenda.includes(issue.id)) out[issue.id] = explain(m, own("not_on_agenda"));
    else if (!m.role.portfolio.includes(issue.id)) out[issue.id] = explain(m, own("not_in_portfolio"));
    else out[issue.id] = null;
  }
  return out;
}

/** The picks of a package that this seat may propose now. */
export function choosable(terms: Terms, blocks: Record<string, string | null>): Terms {
  return Object.fromEntries(Object.entries(terms).filter(([id]) => blocks[id] === null));
}
