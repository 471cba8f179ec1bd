import type { Seat } from "./seat";

/**
 * The bot's guess at what the other side values, from public information only (it never has the
 * other side's points): a frequency model, as in ANAC agents such as HardHeaded. Options the other
 * side proposed, and options of this side's proposals it accepted, count for it; options of
 * proposals it rejected count a little against. Issues on which it kept the same option from one
 * proposal to the next weigh more (it does not concede there). Before any evidence, a weak prior:
 * what is worse for this side is guessed better for the other.
 */

/** issue id → guessed value per option (0..1) and the issue's weight. */
export type Guess = Map<string, { values: number[]; weight: number }>;

const PRIOR = 1;
const ACCEPTED = 1.5;
const REJECTED = 0.5;

export function guessOtherSide(seat: Seat): Guess {
  const counts = new Map<string, number[]>();
  const weights = new Map<string, number>();
  for (const [id, issue] of seat.issues) {
    const span = issue.max - issue.min;
    counts.set(
      id,
      issue.points.map((p) => (span === 0 ? PRIOR / 2 : (PRIOR * (issue.max - p)) / span)),
    );
    weights.set(id, 1);
  }
  const add = (terms: Record<string, string>, by: number) => {
    for (const [issueId, option] of Object.entries(terms)) {
      const row = counts.get(issueId);
      const k = seat.issues.get(issueId)?.options.indexOf(option) ?? -1;
      if (row && k >= 0) row[k] = Math.max(0, row[k]! + by);
    }
  };
  let previous: Record<string, string> | null = null;
  for (const p of seat.view.proposals) {
    if (p.from === seat.otherSide) {
      add(p.terms, 1);
      if (previous) {
        for (const [issueId, option] of Object.entries(p.terms)) {
          if (previous[issueId] === option) weights.set(issueId, (weights.get(issueId) ?? 1) + 0.5);
        }
      }
      previous = p.terms;
    } else if (p.status === "accepted" && p.to === seat.otherSide) {
      add(p.terms, ACCEPTED);
    } else if (p.status === "rejected" && p.to === seat.otherSide) {
      add(p.terms, -REJECTED);
    }
  }
  const guess: Guess = new Map();
  for (const [id, row] of counts) {
    const top = Math.max(...row);
    guess.set(id, { values: row.map((c) => (top > 0 ? c / top : 0)), weight: weights.get(id) ?? 1 });
  }
  return guess;
}
