import { type Ending, holds } from "../score";
import type { Condition, Scenario } from "./schema";

/**
 * What a game of a scenario can end with, read from its phases alone: which phases open signing,
 * where each issue can enter the draft, who can walk away. playability.ts asks it whether
 * `minimumIssues` can be met and whether each objective's condition can ever hold.
 */

export type Reach = {
  /** The last phase (index) whose moves include `sign`; null: no agreement is possible. */
  lastSigning: number | null;
  /** Issue id → the phases (ids, up to the last signing one) in which it can enter the draft. */
  settleIn: Map<string, string[]>;
  /** Some phase opens `walkAway` (a leader may then leave the table). */
  walkAway: boolean;
};

/**
 * An issue enters the draft by an accepted proposal (GAME.md, "Moves"): proposed in a phase that
 * opens `propose`, with the issue on its agenda, by an acting role of one side holding it; accepted
 * in the same or a later phase that opens `accept`, the issue on that phase's agenda, by an acting
 * role of the other side holding it (a proposal stays open across phases and is judged where it is
 * accepted). An inject's agenda effect may add the issue to a phase's agenda: a scheduled one to its
 * own phase, a deck card to any. Only phases up to the last that opens signing count: a draft
 * changed after it can no longer be signed.
 */
export function reachOf(scenario: Scenario): Reach {
  const { phases, roles, sides } = scenario;
  let lastSigning: number | null = null;
  phases.forEach((p, i) => {
    if (p.moves.includes("sign")) lastSigning = i;
  });
  const added = (phaseId: string, issue: string) =>
    scenario.injects.some(
      (inj) =>
        (inj.when === "deck" || inj.when.scheduled === phaseId) &&
        inj.effects.some((e) => "agenda" in e && (e.agenda.add ?? []).includes(issue)),
    );
  const onAgenda = (i: number, issue: string) => phases[i]!.agenda.includes(issue) || added(phases[i]!.id, issue);
  const holder = (i: number, issue: string, side: string) => {
    const { acting } = phases[i]!;
    return roles.some(
      (r) => r.side === side && r.portfolio.includes(issue) && (acting === "all" || acting.includes(r.id)),
    );
  };
  const settleIn = new Map<string, string[]>();
  for (const issue of scenario.issues) {
    const found: string[] = [];
    for (let j = 0; lastSigning !== null && j <= lastSigning; j++) {
      if (!phases[j]!.moves.includes("accept") || !onAgenda(j, issue.id)) continue;
      const accepted = sides.some(
        (acceptor) =>
          holder(j, issue.id, acceptor.id) &&
          sides.some(
            (proposer) =>
              proposer.id !== acceptor.id &&
              phases
                .slice(0, j + 1)
                .some(
                  (p, k) => p.moves.includes("propose") && onAgenda(k, issue.id) && holder(k, issue.id, proposer.id),
                ),
          ),
      );
      if (accepted) found.push(phases[j]!.id);
    }
    settleIn.set(issue.id, found);
  }
  return { lastSigning, settleIn, walkAway: phases.some((p) => p.moves.includes("walkAway")) };
}

/** The issue ids a condition names (by `issue` or `settledIn`), and whether it counts settled issues. */
function named(c: Condition, out: { issues: Set<string>; phased: Set<string>; counts: boolean }): void {
  if ("all" in c) for (const x of c.all) named(x, out);
  else if ("any" in c) for (const x of c.any) named(x, out);
  else if ("not" in c) named(c.not, out);
  else if ("settledIn" in c) {
    out.issues.add(c.settledIn.issue);
    out.phased.add(c.settledIn.issue);
  } else if ("settledCount" in c) out.counts = true;
  else if ("issue" in c) out.issues.add(c.issue);
}

/** Past this many endings a condition is not searched (reported neither way). */
export const MAX_ENDINGS = 200_000;

/**
 * Whether some ending of the game meets `c`: true, false, or null when the endings that differ for
 * it are too many to try (MAX_ENDINGS). Exact over what the condition names: every option of each
 * issue it names (those the draft can reach), the phase each settles in, the count of settled issues
 * the other issues can bring (at least `minimumIssues` for a signature), with or without agreement,
 * and a walk-away by either side where a phase opens it.
 */
export function canHold(scenario: Scenario, reach: Reach, c: Condition): boolean | null {
  const noDeal = Object.fromEntries(scenario.issues.map((i) => [i.id, i.noDeal]));
  const endings: Ending[] = [{ terms: noDeal, agreement: false, walkedAwayBy: null, settledIn: {}, settledCount: 0 }];
  if (reach.walkAway) {
    for (const s of scenario.sides) endings.push({ ...endings[0]!, walkedAwayBy: s.id });
  }
  if (endings.some((e) => holds(scenario, c, e))) return true;
  if (reach.lastSigning === null) return false;

  const names = { issues: new Set<string>(), phased: new Set<string>(), counts: false };
  named(c, names);
  const mentioned = scenario.issues.filter((i) => names.issues.has(i.id));
  // Each named issue: left unsettled (noDeal, no phase), or accepted at an option in a phase.
  type Choice = { option: string; phase: string | null };
  const choices = mentioned.map((issue): Choice[] => {
    const phases = reach.settleIn.get(issue.id) ?? [];
    const out: Choice[] = [{ option: issue.noDeal, phase: null }];
    const where = names.phased.has(issue.id) ? phases : phases.slice(0, 1);
    for (const phase of where) for (const o of issue.options) out.push({ option: o.id, phase });
    return out;
  });
  const others = scenario.issues.filter((i) => !names.issues.has(i.id) && (reach.settleIn.get(i.id) ?? []).length > 0);
  const size = choices.reduce((n, list) => n * list.length, names.counts ? others.length + 1 : 1);
  if (size > MAX_ENDINGS) return null;

  const picks: Choice[] = [];
  const search = (k: number): boolean => {
    if (k < mentioned.length) {
      for (const choice of choices[k]!) {
        picks[k] = choice;
        if (search(k + 1)) return true;
      }
      return false;
    }
    const terms = { ...noDeal };
    const settledIn: Record<string, string> = {};
    let settled = 0;
    mentioned.forEach((issue, i) => {
      const { option, phase } = picks[i]!;
      terms[issue.id] = option;
      if (phase !== null) settledIn[issue.id] = phase;
      if (option !== issue.noDeal) settled++;
    });
    // The other issues settle in any number, from none to all of those the draft can reach.
    const counts = names.counts
      ? others.map((_, j) => settled + j).concat(settled + others.length)
      : [settled + others.length];
    return counts.some(
      (settledCount) =>
        settledCount >= scenario.rules.minimumIssues &&
        holds(scenario, c, { terms, agreement: true, walkedAwayBy: null, settledIn, settledCount }),
    );
  };
  return search(0);
}
