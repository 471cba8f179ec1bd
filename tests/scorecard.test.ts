import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isSeatView, type SeatView } from "../client/src/seat/model";
import { noDealWorth, worthOf } from "../client/src/seat/worth";
import { type GameState, scoreOf, viewFor } from "../shared/index";
import { defaultScenario, tinyScenario } from "../shared/scenarios/index";
import { gameArb, playGame } from "./support/randomPlay";

/**
 * The live scorecard is scored from a seat's own view (its points, its objectives) by the rules'
 * functions: over random games, what a seat's scorecard says a proposal is worth before it is
 * accepted is what the server scores after the accept (if both then signed), for every seat of
 * both sides; and the no-deal column is the server's score with no agreement.
 */

const scenarios = [
  { name: "default", scenario: defaultScenario, runs: 40 },
  { name: "tiny", scenario: tinyScenario, runs: 120 },
] as const;

function seatView(state: GameState, seat: string): SeatView {
  const view = viewFor(state, seat);
  if (!isSeatView(view)) throw new Error(`${seat}'s view is not a seat's`);
  return view;
}

describe.each(scenarios)("the live scorecard, $name scenario", ({ scenario, runs }) => {
  it("says what the server scores after the accept, and without a deal, for every seat", { timeout: 120_000 }, () => {
    let accepts = 0;
    let noDeals = 0;
    fc.assert(
      fc.property(gameArb, (game) => {
        playGame(scenario, game, {
          afterApply(before, after, event) {
            if (event.type === "accept") {
              const proposal = before.proposals.find((p) => p.id === event.payload.proposalId)!;
              const live = scoreOf(after).live;
              for (const role of scenario.roles) {
                const figure = worthOf(seatView(before, role.id), proposal.terms);
                const at = `${role.id} on ${proposal.id} at seq ${after.seq}`;
                expect(figure.side, at).toBe(live.sides[role.side]);
                expect(figure.role, at).toBe(live.roles[role.id]);
                // Objective by objective, as the server's scorecard judges them after the accept.
                const server = seatView(after, role.id).scorecard!.role.objectives;
                expect(
                  figure.objectives.map((o) => [o.id, o.holds]),
                  at,
                ).toEqual(server.map((o) => [o.id, o.holds]));
              }
              accepts++;
            }
            if (after.outcome === null && after.seq % 5 === 0) {
              const now = scoreOf(after);
              for (const role of scenario.roles) {
                const figure = noDealWorth(seatView(after, role.id));
                expect(figure.side, `${role.id} with no deal at seq ${after.seq}`).toBe(now.sides[role.side]);
                expect(figure.role, `${role.id} with no deal at seq ${after.seq}`).toBe(now.roles[role.id]);
              }
              noDeals++;
            }
          },
        });
      }),
      { numRuns: runs },
    );
    // The property is only as good as the accepts it saw.
    expect(accepts).toBeGreaterThan(runs);
    expect(noDeals).toBeGreaterThan(runs);
  });
});
