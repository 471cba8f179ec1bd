import { own } from "../own";
import type { PublicScenario } from "../scenario/public";
import type { Terms } from "../scenario/schema";
import type { View } from "../viewSchema";

/**
 * What a bot knows about its seat, read from its view alone: the public scenario, its own side's
 * points and reservation (`view.mine`), the phase and the draft. Nothing here reads `view.secrets`
 * (the control cell's, or everyone's after a revealing end); a bot never needs it, and the tests
 * hold it to that (tests/bots.test.ts).
 */

export type PublicRole = PublicScenario["roles"][number];
export type PublicPhase = PublicScenario["phases"][number];

/** One issue as the seat scores it: its option ids in order and its own points per option. */
export type ScoredIssue = { id: string; options: string[]; points: number[]; min: number; max: number; floor: number };

export type Seat = {
  view: View;
  scenario: PublicScenario;
  role: PublicRole;
  side: string;
  otherSide: string;
  isLeader: boolean;
  phase: PublicPhase;
  /** Whether the role acts across the table in this phase (propose, accept, reject, withdraw, table chat). */
  acting: boolean;
  opens: (move: string) => boolean;
  /** The issues the seat may put in a proposal or accept now: on the agenda and in its portfolio. */
  scope: string[];
  issues: Map<string, ScoredIssue>;
  reservation: number;
};

/**
 * The seat's context, or null when the view cannot be played from: an observer's or the
 * facilitator's, a compact event view (no public scenario), a game that is over.
 */
export function seatOf(view: View): Seat | null {
  // A view is read, never changed: a driver hands the same one to a bot until the next event.
  if (last?.view !== view) last = { view, seat: readSeat(view) };
  return last.seat;
}

let last: { view: View; seat: Seat | null } | null = null;

function readSeat(view: View): Seat | null {
  const scenario = view.scenario;
  const ref = view.seat;
  if (!scenario || !view.mine || !("role" in ref) || view.outcome !== null) return null;
  const role = scenario.roles.find((r) => r.id === ref.role);
  const sideDef = scenario.sides.find((s) => s.id === ref.side);
  const other = scenario.sides.find((s) => s.id !== ref.side);
  const phase = scenario.phases[view.phase.index];
  if (!role || !sideDef || !other || !phase) return null;
  const acting = phase.acting === "all" || phase.acting.includes(role.id);
  const lastCall = view.phase.lastCall !== undefined;
  // A last call leaves only signing and unsigning open (judge.ts), whatever the phase says.
  const opens = (move: string) =>
    lastCall ? move === "sign" || move === "unsign" : (phase.moves as readonly string[]).includes(move);
  const scope =
    acting && (opens("propose") || opens("accept"))
      ? view.phase.agenda.filter((issue) => role.portfolio.includes(issue))
      : [];
  return {
    view,
    scenario,
    role,
    side: sideDef.id,
    otherSide: other.id,
    isLeader: sideDef.leader === role.id,
    phase,
    acting,
    opens,
    scope,
    issues: scoredIssues(scenario, view.mine.side.points, view.mine.side.reservation),
    reservation: view.mine.side.reservation,
  };
}

/**
 * Each issue with the seat's own points, and its share of the reservation: the reservation is
 * spread over the issues in proportion to each issue's range (the same fraction ρ of the way from
 * the issue's worst to its best option), so that a package meeting every issue's floor is worth at
 * least the reservation in all. That lets a minister who holds three issues concede on them
 * without knowing what the rest of the deal will be.
 */
function scoredIssues(
  scenario: PublicScenario,
  points: Record<string, number[]>,
  reservation: number,
): Map<string, ScoredIssue> {
  // The same points come back in every view of a game until an inject shifts them: the last few
  // are kept, found by a hash of the numbers and then compared in full.
  let h = Math.imul(reservation | 0, 0x9e3779b1);
  for (const issue of scenario.issues) {
    for (const p of own(points, issue.id) ?? []) h = Math.imul(h ^ (p | 0), 0x01000193);
    h = Math.imul(h ^ issue.options.length, 0x85ebca6b);
  }
  const known = scored.find(
    (x) => x.hash === h && x.reservation === reservation && sameIssues(x.issues, scenario, points),
  );
  if (known) return known.issues;
  const made = scoreIssues(scenario, points, reservation);
  scored.unshift({ hash: h, reservation, issues: made });
  scored.length = Math.min(scored.length, 16);
  return made;
}

const scored: { hash: number; reservation: number; issues: Map<string, ScoredIssue> }[] = [];

function sameIssues(
  known: Map<string, ScoredIssue>,
  scenario: PublicScenario,
  points: Record<string, number[]>,
): boolean {
  if (known.size !== scenario.issues.length) return false;
  for (const issue of scenario.issues) {
    const k = known.get(issue.id);
    const pts = own(points, issue.id) ?? [];
    if (!k || k.options.length !== issue.options.length) return false;
    for (let i = 0; i < issue.options.length; i++) {
      if (k.options[i] !== issue.options[i]!.id || k.points[i] !== (pts[i] ?? 0)) return false;
    }
  }
  return true;
}

function scoreIssues(
  scenario: PublicScenario,
  points: Record<string, number[]>,
  reservation: number,
): Map<string, ScoredIssue> {
  const rows = scenario.issues.map((issue) => {
    const pts = issue.options.map((_, k) => own(points, issue.id)?.[k] ?? 0);
    return {
      id: issue.id,
      options: issue.options.map((o) => o.id),
      points: pts,
      min: Math.min(...pts),
      max: Math.max(...pts),
    };
  });
  const low = rows.reduce((a, r) => a + r.min, 0);
  const high = rows.reduce((a, r) => a + r.max, 0);
  const rho = high === low ? 1 : Math.min(1, Math.max(0, (reservation - low) / (high - low)));
  return new Map(rows.map((r) => [r.id, { ...r, floor: r.min + rho * (r.max - r.min) }]));
}

/** The seat's points for the options a package names on its own issues (the rest do not count). */
export function worthOn(seat: Seat, terms: Terms): number {
  let total = 0;
  for (const [issueId, option] of Object.entries(terms)) {
    const issue = seat.issues.get(issueId);
    if (!issue) continue;
    total += issue.points[issue.options.indexOf(option)] ?? 0;
  }
  return total;
}

/** The best, the floor (share of the reservation) and the worst the seat can score on a set of issues. */
export function rangeOn(seat: Seat, issueIds: readonly string[]): { max: number; floor: number; min: number } {
  let max = 0;
  let floor = 0;
  let min = 0;
  for (const id of issueIds) {
    const issue = seat.issues.get(id);
    if (!issue) continue;
    max += issue.max;
    floor += issue.floor;
    min += issue.min;
  }
  return { max, floor, min };
}

/**
 * Where a package stands for the seat on its own issues: 1 at its best, 0 at its floor (its share
 * of the reservation), below 0 under it. Packages on different issues compare on this scale.
 */
export function standingOf(seat: Seat, terms: Terms): number {
  const issueIds = Object.keys(terms);
  const { max, floor } = rangeOn(seat, issueIds);
  const worth = worthOn(seat, terms);
  if (max - floor <= 1e-9) return worth >= max ? 1 : -1;
  return (worth - floor) / (max - floor);
}

/** The seated roles of a side that act in this phase. */
export function actingRoles(seat: Seat, side: string): PublicRole[] {
  const { phase } = seat;
  return seat.scenario.roles.filter((r) => r.side === side && (phase.acting === "all" || phase.acting.includes(r.id)));
}

/** Whether the seat may accept (or reject) a package now: acting, and every issue on the agenda and in its portfolio. */
export function mayAnswer(seat: Seat, terms: Terms): boolean {
  if (!seat.acting || !seat.opens("accept")) return false;
  return Object.keys(terms).every((issue) => seat.scope.includes(issue));
}
