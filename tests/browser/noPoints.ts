import type { Scenario } from "../../shared/index";
import { defaultScenario } from "../../shared/scenarios/index";

/**
 * What a screen that must never show a point (the projector) would show if it did: the words
 * (pts, points, reservation), or a number from the scenario's points table right after an option's
 * label, as a points column or a badge would put it. Issue descriptions hold other numbers (145%),
 * so a bare number anywhere is not a finding.
 */
export function pointsShown(text: string, scenario: Scenario = defaultScenario): string[] {
  const found: string[] = [];
  const words = /\bpts?\b|\bpoints?\b|reservation/i.exec(text);
  if (words) found.push(`the word “${words[0]}”`);
  const literal = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  for (const issue of scenario.issues) {
    for (const [side, row] of Object.entries(issue.points)) {
      issue.options.forEach((option, i) => {
        const p = row[i];
        if (p === undefined || p === 0) return;
        const near = new RegExp(`${literal(option.label)}[^\\n\\d]{0,12}[+−-]?${Math.abs(p)}\\b`);
        if (near.test(text)) found.push(`${side}'s ${p} for “${option.label}” (${issue.id})`);
      });
    }
  }
  return found;
}
