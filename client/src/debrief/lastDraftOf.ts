import {
  type GameState,
  type Scenario,
  scoresFor,
  settledCount,
  signedEnding,
  type Terms,
} from "../../../shared/index";

/**
 * A game that ended without agreement still had a draft on the table, often its best lesson: the
 * last draft, what it would have been worth signed to each side against its walk-away, and why it
 * was not signed. Scored by the rules' own functions on the effective points (injects applied);
 * the count of settled issues is the signing rule's (shared settledCount), so "too few issues"
 * here is exactly the refusal the leaders met.
 */
export type LastDraft = {
  version: number;
  /** The draft's own terms: the issues it named (an issue it did not name is at its no-deal option). */
  terms: Terms;
  settled: number;
  minimum: number;
  sides: {
    id: string;
    name: string;
    /** What the draft would have been worth to the side, signed. */
    points: number;
    reservation: number;
    /** Points minus reservation: above its walk-away when positive. */
    margin: number;
    signed: boolean;
  }[];
  /** Worth more than its walk-away to every side. */
  beatsBoth: boolean;
  /** Why it was not signed: too few issues settled to sign at all, or a side that did not sign. */
  why: "tooFewIssues" | "notSigned";
};

/** The last draft of a game that ended without agreement; null for a deal, a running game or no draft at all. */
export function lastDraftOf(final: GameState, effective: Scenario): LastDraft | null {
  const outcome = final.outcome;
  const draft = final.draft;
  if (!outcome || outcome.agreement || draft.version === 0) return null;
  const worth = scoresFor(effective, signedEnding(final)).sides;
  const sides = effective.sides.map((s) => {
    const points = worth[s.id] ?? 0;
    return {
      id: s.id,
      name: s.name,
      points,
      reservation: s.reservation,
      margin: points - s.reservation,
      signed: draft.signedBy.includes(s.id),
    };
  });
  const settled = settledCount(final.scenario, draft.terms);
  const minimum = final.scenario.rules.minimumIssues;
  return {
    version: draft.version,
    terms: draft.terms,
    settled,
    minimum,
    sides,
    beatsBoth: sides.every((s) => s.margin > 0),
    why: settled < minimum ? "tooFewIssues" : "notSigned",
  };
}
