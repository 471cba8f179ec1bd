import { gameFigures } from "../../../shared/index";
import { foldRecord } from "../replay/fold";
import type { GameRecord } from "../replay/record";

/**
 * One game's figures for the cohort, from its own record: folded like the debrief folds it and
 * figured by the same shared function (gameFigures), so "left on the table" is measured against
 * that game's frontier after its injects, exactly the debrief's number (tests/client/figures.test.ts).
 * The scenario's list entry alone cannot give it: an inject that moves points moves the frontier.
 */
export type CohortFigures = {
  agreement: boolean;
  /** Side A's and side B's score (with no deal, each side's reservation after the injects). */
  point: { a: number; b: number };
  joint: number;
  pointsLeftOnTable: number;
  /** Each side's reservation after the game's injects (a no-deal game sits exactly there). */
  reservations: { a: number; b: number };
  /** Whether the injects moved a reservation, so that this game's own lines differ from the chart's. */
  shiftedReservations: boolean;
  /** The terms judged, every issue (the signed ones, or each at its no-deal option with no deal). */
  terms: Record<string, string>;
  /** Each role's score (its side's plus the objectives that counted), by role id. */
  roles: Record<string, number>;
};

export function cohortFigures(record: GameRecord): CohortFigures {
  const { final } = foldRecord(record);
  const f = gameFigures(final);
  const [idA, idB] = f.analysis.sides;
  const base = (id: string) => record.scenario.sides.find((s) => s.id === id)?.reservation ?? 0;
  const reservations = { a: f.analysis.reservations[idA] ?? 0, b: f.analysis.reservations[idB] ?? 0 };
  return {
    agreement: final.outcome ? final.outcome.agreement : true,
    point: f.point,
    joint: f.point.a + f.point.b,
    pointsLeftOnTable: f.pointsLeftOnTable,
    reservations,
    shiftedReservations: reservations.a !== base(idA) || reservations.b !== base(idB),
    terms: f.terms,
    roles: f.scores.roles,
  };
}
