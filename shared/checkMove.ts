import { ruleError } from "./contract/ruleErrors";
import { judge, type Table } from "./judge";
import { type Actor, parseMove, type RuleError } from "./moves";
import { underRules, versionForView } from "./rulesVersions";
import type { View } from "./viewSchema";

/**
 * The server's refusal, judged from what a seat's view holds, so the web client can say why a
 * choice is disabled before sending it. Returns null when the move would be allowed.
 *
 * The view does not hold the deck for seats, nor the server's clock: inject cards and deadlines
 * are the server's to judge. A compact event view holds only the proposals its event changed, so the client checks
 * against the view it keeps (its `state` plus the events), as the web client does.
 */
export function checkMove(view: View, move: unknown): RuleError | null {
  // By the game's own rules version, as the server judges it; a version this bundle does not know
  // (a newer server's) by the latest it knows, the server's answer being the one that counts.
  return underRules(versionForView(view.rulesVersion), () => checkNow(view, move));
}

function checkNow(view: View, move: unknown): RuleError | null {
  if (view.seat.id === "observer") return ruleError("read_only", "observers watch; they do not move");
  const parsed = parseMove(move);
  if (!parsed.ok) return parsed.error;
  if (!view.scenario) {
    return ruleError("incomplete_view", "judge against the whole view (from `state`), not an event's compact one");
  }
  const actor: Actor = view.seat.id === "facilitator" ? { facilitator: true } : { seat: view.seat.id };
  return judge(tableOfView({ ...view, scenario: view.scenario }), actor, parsed.move, 0);
}

export function tableOfView(view: View & { scenario: NonNullable<View["scenario"]> }): Table {
  return {
    scenario: view.scenario,
    phaseIndex: view.phase.index,
    agenda: view.phase.agenda,
    clock: view.phase,
    draft: view.draft,
    proposals: view.proposals,
    over: view.outcome !== null,
    seats: view.seats.map((s) => s.id),
    injects: view.secrets?.injects ?? null,
    played: view.secrets?.played ?? [],
    lastCall: view.phase.lastCall ?? null,
    // Control's view holds its undoable action (absent: none yet); a seat's leaves undo to the server.
    undoable: view.secrets ? (view.secrets.undoable ?? null) : undefined,
  };
}
