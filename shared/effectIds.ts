import { type RuleError, ruleError } from "./contract/ruleErrors";
import type { PublicScenario } from "./scenario/public";
import type { Effect } from "./scenario/schema";

type Ids = Pick<PublicScenario, "sides" | "roles" | "issues">;

/**
 * The first id in a written inject's effects that the game's scenario lacks, as the refusal naming
 * it (and the effect, counted from 1); null when every id exists. A deck card's effects are checked
 * with its scenario (scenario/crossCheck.ts); a written one's are Control's typing, checked here
 * against the same ids: sides, issues and their options, seats. Reads no points or reservations.
 */
export function effectIdProblem(scenario: Ids, effects: readonly Effect[]): RuleError | null {
  const side = (id: string, n: number) =>
    scenario.sides.some((s) => s.id === id)
      ? null
      : ruleError("unknown_side", `effect ${n}: no side "${id}"`, { side: id, effect: n });
  const issue = (id: string, n: number) =>
    scenario.issues.some((i) => i.id === id)
      ? null
      : ruleError("unknown_issue", `effect ${n}: no issue "${id}"`, { issue: id });
  for (const [i, effect] of effects.entries()) {
    const n = i + 1;
    let bad: RuleError | null = null;
    if ("shiftReservation" in effect) bad = side(effect.shiftReservation.side, n);
    else if ("shiftPoints" in effect) {
      const { side: s, issue: is, option } = effect.shiftPoints;
      bad = side(s, n) ?? issue(is, n);
      const known = scenario.issues.find((x) => x.id === is);
      if (!bad && known && !known.options.some((o) => o.id === option)) {
        bad = ruleError("unknown_option", `effect ${n}: ${known.title} has no option "${option}"`, {
          issue: is,
          option,
        });
      }
    } else if ("reveal" in effect) {
      const unknown = effect.reveal.to.find(
        (id) => !scenario.sides.some((s) => s.id === id) && !scenario.roles.some((r) => r.id === id),
      );
      if (unknown !== undefined) {
        bad = ruleError("unknown_recipient", `effect ${n}: "${unknown}" is neither a seat nor a side of this game`, {
          recipient: unknown,
        });
      }
    } else if ("agenda" in effect) {
      for (const id of [...(effect.agenda.add ?? []), ...(effect.agenda.remove ?? [])]) bad ??= issue(id, n);
    }
    if (bad) return bad;
  }
  return null;
}
