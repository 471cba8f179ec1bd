import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cohortFigures } from "../../client/src/cohort/figures";
import { debriefOf } from "../../client/src/debrief/model";
import { talkingPointsOf } from "../../client/src/debrief/talkingPoints";
import { parseRecord } from "../../shared/contract/record";
import {
  analyze,
  effectiveScenario,
  type GameState,
  type Scenario,
  settledCount,
  sidePoints,
} from "../../shared/index";
import { currentRulesVersion } from "../../shared/rulesVersions";
import { defaultScenario, tinyScenario } from "../../shared/scenarios/index";
import { gameArb, playGame } from "../support/randomPlay";
import { recordUnder, type Step } from "../support/versionedRecord";

/**
 * Issue #11, "The figures disagree": the cohort computed "left on the table" against the frontier
 * before the injects (26) while the debrief used the frontier after them (28), and a walk-away game
 * plotted off its own reservations. Over random games (injects that move points and reservations
 * included), the cohort's row and the debrief must give the same figure and the same point, from
 * the same record, and that figure is the effective frontier's best joint score minus the outcome's.
 */

const RUNS = { default: 25, tiny: 80 };

/** A random game as the record its server would export (only the moves the rules allowed). */
function randomRecord(scenario: Scenario, game: { seed: string; choices: number[] }) {
  const steps: Step[] = [];
  const played = playGame(scenario, game, {
    onDecision(_state, step, decision) {
      if (decision.ok) steps.push({ actor: step.actor, move: step.move, at: step.at as number });
    },
  });
  const read = parseRecord(recordUnder(scenario, game.seed, currentRulesVersion(), steps));
  if (!read.ok) throw new Error(`the record does not read back: ${read.problem.message}`);
  return { record: read.record, state: played.state };
}

/** The best joint score over every package, counted one by one (only for the small scenario). */
function bruteMaxJoint(effective: Scenario): number {
  let best = Number.NEGATIVE_INFINITY;
  const walk = (i: number, terms: Record<string, string>) => {
    if (i === effective.issues.length) {
      best = Math.max(
        best,
        effective.sides.reduce((n, s) => n + sidePoints(effective, s.id, terms), 0),
      );
      return;
    }
    const issue = effective.issues[i]!;
    for (const o of issue.options) walk(i + 1, { ...terms, [issue.id]: o.id });
  };
  walk(0, {});
  return best;
}

const shiftsPoints = (s: GameState) => Object.keys(s.shifts.points).length > 0;

describe.each([
  { name: "default" as const, scenario: defaultScenario },
  { name: "tiny" as const, scenario: tinyScenario },
])("left on the table in the $name scenario", ({ name, scenario }) => {
  it("the cohort and the debrief give the same figure and point for every game, injects included; a no-deal debrief has the last draft", () => {
    const seen = { over: 0, noDeal: 0, lastDraft: 0, shiftedPoints: 0, differsFromBase: 0 };
    const baseMax = analyze(scenario).maxJoint.joint;
    fc.assert(
      fc.property(gameArb, (game) => {
        const { record, state } = randomRecord(scenario, game);
        const debrief = debriefOf(record);
        const cohort = cohortFigures(record);
        expect(cohort.pointsLeftOnTable).toBe(debrief.pointsLeftOnTable);
        expect(cohort.point).toEqual(debrief.point);
        // Against the frontier after the injects, whatever the scenario's own frontier says.
        const effective = effectiveScenario(state);
        const max = name === "tiny" ? bruteMaxJoint(effective) : analyze(effective).maxJoint.joint;
        expect(debrief.pointsLeftOnTable).toBe(max - (debrief.point.a + debrief.point.b));
        if (shiftsPoints(state)) seen.shiftedPoints++;
        if (max !== baseMax) seen.differsFromBase++;
        if (state.outcome) {
          seen.over++;
          expect(cohort.agreement).toBe(state.outcome.agreement);
          if (!state.outcome.agreement) {
            // A game without agreement sits exactly at its own reservations after its injects.
            seen.noDeal++;
            const [a, b] = effective.sides;
            expect(cohort.point).toEqual({ a: a!.reservation, b: b!.reservation });
            expect(cohort.reservations).toEqual(cohort.point);
            // The last draft, when there was one: the signing rule's count, and why it was not signed.
            const last = debrief.lastDraft;
            expect(last === null).toBe(state.draft.version === 0);
            if (last) {
              seen.lastDraft++;
              expect(last.settled).toBe(settledCount(scenario, state.draft.terms));
              expect(last.why).toBe(last.settled < scenario.rules.minimumIssues ? "tooFewIssues" : "notSigned");
              expect(last.sides.map((x) => x.signed)).toEqual(
                effective.sides.map((x) => state.draft.signedBy.includes(x.id)),
              );
              expect(last.sides.map((x) => x.reservation)).toEqual([cohort.reservations.a, cohort.reservations.b]);
            }
          }
        }
      }),
      { numRuns: RUNS[name] },
    );
    // The property bites only if some games moved points and so their frontier.
    expect(seen.shiftedPoints).toBeGreaterThan(0);
    expect(seen.differsFromBase).toBeGreaterThan(0);
    expect(seen.over).toBeGreaterThan(0);
    expect(seen.noDeal).toBeGreaterThan(0);
    expect(seen.lastDraft).toBeGreaterThan(0);
  }, 120_000);

  it("the report's talking points: the debrief's left on the table, the closest proposal, the issue that moved most", () => {
    const seen = { proposals: 0, moved: 0 };
    fc.assert(
      fc.property(gameArb, (game) => {
        const { record, state } = randomRecord(scenario, game);
        const debrief = debriefOf(record);
        const p = talkingPointsOf(debrief);
        expect(p.left).toEqual({
          points: debrief.pointsLeftOnTable,
          joint: debrief.point.a + debrief.point.b,
          best: debrief.analysis.maxJoint.joint,
        });
        // Counted here from the state's proposals, not from the concession curves the page uses.
        const ordered = [...state.proposals].sort((x, y) => x.seq - y.seq);
        expect(p.closest === null).toBe(ordered.length === 0);
        if (p.closest) {
          seen.proposals++;
          expect(ordered.map((x) => x.id)).toContain(p.closest.proposalId);
          const res = Object.fromEntries(debrief.effective.sides.map((x) => [x.name, x.reservation]));
          for (const x of p.closest.sides) expect(x.margin).toBe(x.points - res[x.name]!);
        }
        const changes = scenario.issues.map((i) => {
          const named = ordered.map((x) => x.terms[i.id]).filter((o) => o !== undefined);
          return named.length === 0 ? -1 : named.filter((o, k) => k > 0 && o !== named[k - 1]).length;
        });
        const most = Math.max(...changes);
        if (most < 0) expect(p.moved).toBeNull();
        else {
          seen.moved += most > 0 ? 1 : 0;
          // The first issue in the scenario's order with the most changes.
          expect(p.moved?.title).toBe(scenario.issues[changes.indexOf(most)]!.title);
          expect(p.moved?.changes).toBe(most);
        }
      }),
      { numRuns: RUNS[name] },
    );
    expect(seen.proposals).toBeGreaterThan(0);
    expect(seen.moved).toBeGreaterThan(0);
  }, 120_000);
});
