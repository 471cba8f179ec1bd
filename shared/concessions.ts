import type { Scenario, Terms } from "./scenario/schema";
import { sidePoints } from "./score";
import type { GameState } from "./state";

/**
 * Concession curves (GAME.md, "Debrief analytics"): for each side, what each of its proposals was
 * worth to itself and to the other side, in the order it made them.
 *
 * Decisions, so a debrief can say exactly what a curve shows:
 * - A proposal names only some issues. `self` and `other` score its terms with every issue it does
 *   not name at that issue's noDeal option: the proposal as written, on its own. `withDraft` also
 *   gives the package it would have made of the draft as it stood when it was proposed (the
 *   proposal's terms over the draft's, the rest at noDeal): what signing right after accepting it
 *   would have been worth.
 * - Points are the effective points at the time of the proposal: the scenario's points with the
 *   shifts of every inject played before it (an inject that later shifted the points does not
 *   rewrite what an earlier offer was worth). Both the shifts and the draft at that moment are
 *   rebuilt from the state alone: each card played is in the feed with its seq, and each accepted
 *   proposal carries the seq at which it was accepted.
 * - `scenario` is the game's own scenario (`state.scenario`; its injects' effects are read here).
 *   Proposals in the state are in the order they were made; withdrawn, rejected and accepted ones
 *   all count (a concession is made when it is offered).
 *
 * Pure: no clock, no I/O. Works on any state, a finished game's or one mid-way.
 */

export interface ConcessionPoint {
  proposalId: string;
  seq: number;
  at: number;
  /** The role that proposed it and the phase it was made in. */
  by: string;
  phase: string;
  terms: Terms;
  status: "open" | "accepted" | "rejected" | "withdrawn";
  /** The proposal's terms, other issues at noDeal, to the proposing side. */
  self: number;
  /** The same package to the other side. */
  other: number;
  /** The proposal's terms over the draft at the time (the rest at noDeal). */
  withDraft: { self: number; other: number };
}

export interface ConcessionCurve {
  side: string;
  other: string;
  proposals: ConcessionPoint[];
}

/** The scenario with the point shifts of the injects played strictly before `seq`. */
export function pointsAt(scenario: Scenario, state: Pick<GameState, "feed">, seq: number): Scenario {
  const reservation: Record<string, number> = {};
  const shifts: Record<string, Record<string, Record<string, number>>> = {};
  let any = false;
  for (const item of state.feed) {
    if (item.kind !== "inject" || item.injectId === null || item.seq >= seq) continue;
    const card = scenario.injects.find((i) => i.id === item.injectId);
    for (const effect of card?.effects ?? []) {
      if ("shiftReservation" in effect) {
        const { side, by } = effect.shiftReservation;
        reservation[side] = (reservation[side] ?? 0) + by;
        any = true;
      } else if ("shiftPoints" in effect) {
        const { side, issue, option, by } = effect.shiftPoints;
        const s = shifts[side] ?? {};
        const i = s[issue] ?? {};
        i[option] = (i[option] ?? 0) + by;
        s[issue] = i;
        shifts[side] = s;
        any = true;
      }
    }
  }
  if (!any) return scenario;
  return {
    ...scenario,
    sides: scenario.sides.map((s) => ({ ...s, reservation: s.reservation + (reservation[s.id] ?? 0) })),
    issues: scenario.issues.map((issue) => ({
      ...issue,
      points: Object.fromEntries(
        Object.entries(issue.points).map(([side, pts]) => {
          const byOption = shifts[side]?.[issue.id];
          return [side, byOption ? pts.map((p, k) => p + (byOption[issue.options[k]!.id] ?? 0)) : pts];
        }),
      ),
    })),
  };
}

/** The draft's terms just before `seq`: the accepted proposals' terms, in the order they were accepted. */
export function draftTermsAt(state: Pick<GameState, "proposals">, seq: number): Terms {
  const accepted = state.proposals
    .filter((p) => p.status === "accepted" && p.closedSeq !== null && p.closedSeq < seq)
    .sort((a, b) => a.closedSeq! - b.closedSeq!);
  const terms: Terms = {};
  for (const p of accepted) Object.assign(terms, p.terms);
  return terms;
}

export function concessionCurves(scenario: Scenario, state: Pick<GameState, "feed" | "proposals">): ConcessionCurve[] {
  const [a, b] = scenario.sides;
  if (!a || !b) return [];
  const otherOf = (side: string) => (side === a.id ? b.id : a.id);
  const curves = scenario.sides.map(
    (s): ConcessionCurve => ({ side: s.id, other: otherOf(s.id), proposals: [] as ConcessionPoint[] }),
  );
  const ordered = [...state.proposals].sort((x, y) => x.seq - y.seq);
  for (const p of ordered) {
    const curve = curves.find((c) => c.side === p.from);
    if (!curve) continue;
    const effective = pointsAt(scenario, state, p.seq);
    const combined = { ...draftTermsAt(state, p.seq), ...p.terms };
    curve.proposals.push({
      proposalId: p.id,
      seq: p.seq,
      at: p.at,
      by: p.by,
      phase: p.phase,
      terms: p.terms,
      status: p.status,
      self: sidePoints(effective, curve.side, p.terms),
      other: sidePoints(effective, curve.other, p.terms),
      withDraft: {
        self: sidePoints(effective, curve.side, combined),
        other: sidePoints(effective, curve.other, combined),
      },
    });
  }
  return curves;
}
