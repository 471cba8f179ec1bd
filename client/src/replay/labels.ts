import { type Join, onSeatAt, type PublicScenario, type Scenario, type Terms } from "../../../shared/index";

/** Ids in words, from the scenario of the record: what every replay, debrief and cohort screen shows. */

type Named = Pick<PublicScenario, "sides" | "roles" | "issues" | "phases">;

export const sideName = (s: Named, id: string) => s.sides.find((x) => x.id === id)?.name ?? id;
export const roleTitle = (s: Named, id: string) => s.roles.find((x) => x.id === id)?.title ?? id;
export const issueTitle = (s: Named, id: string) => s.issues.find((x) => x.id === id)?.title ?? id;
export const phaseTitle = (s: Named, id: string) => s.phases.find((x) => x.id === id)?.title ?? id;

export function optionLabel(s: Named, issueId: string, optionId: string): string {
  return s.issues.find((i) => i.id === issueId)?.options.find((o) => o.id === optionId)?.label ?? optionId;
}

/** "Tariffs: extend the truce; Chips: status quo", in the scenario's issue order. */
export function termsText(s: Named, terms: Terms): string {
  return s.issues
    .filter((i) => terms[i.id] !== undefined)
    .map((i) => `${i.title}: ${optionLabel(s, i.id, terms[i.id]!)}`)
    .join("; ");
}

/**
 * A role's title with the names of those on the seat at `seq` ("Treasury Secretary (Ana, Bo)"):
 * what the seat did then is not credited to someone who joined later (onSeatAt).
 */
export function seatLabel(s: Named, joins: Record<string, Join[]>, id: string, seq: number): string {
  if (id === "control") return "Control";
  const names = onSeatAt(joins[id], seq);
  const title = roleTitle(s, id);
  return names.length ? `${title} (${names.join(", ")})` : title;
}

/** The points of one option to one side (effective scenario), or null when unknown. */
export function optionPoints(s: Scenario, side: string, issueId: string, optionId: string): number | null {
  const issue = s.issues.find((i) => i.id === issueId);
  const k = issue?.options.findIndex((o) => o.id === optionId) ?? -1;
  if (!issue || k < 0) return null;
  return issue.points[side]?.[k] ?? null;
}
