import type { Scenario } from "../../shared/index";

/** Every private text of a side: its brief, its roles' briefs and objectives' descriptions. */
export function privateTextsOf(scenario: Scenario, side: string): string[] {
  const s = scenario.sides.find((x) => x.id === side)!;
  const roles = scenario.roles.filter((r) => r.side === side);
  return [
    s.brief,
    ...roles.map((r) => r.brief),
    ...roles.flatMap((r) => r.objectives.map((o) => o.description)),
  ].filter((t) => t.length > 0);
}

/** The private texts found in a serialised payload (empty when nothing leaked). */
export function leaks(serialised: string, texts: string[]): string[] {
  return texts.filter((t) => serialised.includes(JSON.stringify(t).slice(1, -1)));
}
