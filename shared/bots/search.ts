import type { Terms } from "../scenario/schema";
import type { Guess } from "./guess";
import type { Seat } from "./seat";

/**
 * The package a bot offers on a set of issues: of those worth at least its target to it, the one
 * its guess says is best for the other side (so, near its target: what it gives the other side is
 * what it gives up). Exact, by dynamic programming over its own score: its points are whole
 * numbers, so the issues' scores form a short range (a few hundred at most even for the largest
 * scenario the format allows), and every option of every issue is tried once per score.
 */

export type Offer = { terms: Terms; worth: number };

/**
 * `bonus(issueId, optionIndex)` adds to the guessed value, to break ties: the bot prefers options
 * the draft or the other side's last offer already hold (the smallest change) and a little noise,
 * so that games of the same strategies differ.
 */
export function bestOffer(
  seat: Seat,
  issueIds: readonly string[],
  target: number,
  guess: Guess,
  bonus: (issueId: string, option: number) => number,
): Offer | null {
  const issues = issueIds.map((id) => seat.issues.get(id)).filter((i) => i !== undefined);
  if (issues.length === 0) return null;
  const low = issues.reduce((a, i) => a + i.min, 0);
  const high = issues.reduce((a, i) => a + i.max, 0);
  const width = high - low + 1;
  // best[s]: the highest guessed value for the issues so far with score low_so_far + s.
  let best = new Float64Array(width).fill(Number.NEGATIVE_INFINITY);
  let lowSoFar = 0;
  best[0] = 0;
  // choice[k][s]: the option of issue k that reached score s (offset by the running minimum).
  const choice: Int8Array[] = [];
  let span = 0;
  for (const issue of issues) {
    const g = guess.get(issue.id);
    const values = issue.points.map((_, k) => (g ? g.weight * g.values[k]! : 0) + bonus(issue.id, k));
    const next = new Float64Array(width).fill(Number.NEGATIVE_INFINITY);
    const pick = new Int8Array(width).fill(-1);
    const nextLow = lowSoFar + issue.min;
    for (let s = 0; s <= span; s++) {
      const v = best[s]!;
      if (v === Number.NEGATIVE_INFINITY) continue;
      for (let k = 0; k < issue.points.length; k++) {
        const at = s + lowSoFar + issue.points[k]! - nextLow;
        const value = v + values[k]!;
        if (value > next[at]!) {
          next[at] = value;
          pick[at] = k;
        }
      }
    }
    span += issue.max - issue.min;
    lowSoFar = nextLow;
    best = next;
    choice.push(pick);
  }
  // The highest-valued score at or above the target; ties to the higher score (better for the bot).
  let at = -1;
  for (let s = span; s >= 0; s--) {
    if (low + s < target - 1e-9) break;
    if (best[s]! > Number.NEGATIVE_INFINITY && (at < 0 || best[s]! > best[at]!)) at = s;
  }
  if (at < 0) at = span; // the target is out of reach: the bot's own best
  const worth = low + at;
  const terms: Terms = {};
  for (let k = issues.length - 1; k >= 0; k--) {
    const issue = issues[k]!;
    const option = choice[k]![at]!;
    terms[issue.id] = issue.options[option]!;
    at -= issue.points[option]! - issue.min;
  }
  return { terms: Object.fromEntries(issueIds.filter((id) => id in terms).map((id) => [id, terms[id]!])), worth };
}
