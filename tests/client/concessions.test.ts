import { describe, expect, it } from "vitest";
import { concessionCurves, draftTermsAt, pointsAt } from "../../shared/concessions";
import { effectiveScenario } from "../../shared/index";
import { tinyScenario } from "../../shared/scenarios/index";
import { F, Play, seat } from "../support/play";

// Tiny Summit's points (north / south): fish none 0/8, split 6/5, north 10/0 (noDeal none);
// border closed 5/0, daytime 3/6, open 0/9 (noDeal closed); statement silence 0/0, friendly 2/3.
// The storm card takes 4 off North's "north first" fish option (10 → 6) and adds 2 to South's
// reservation.

function game() {
  const g = new Play(tinyScenario);
  g.startAt("round1");
  g.ok(seat("n-fish"), { type: "propose", terms: { fish: "north" } }); // p1
  g.ok(seat("s-fish"), { type: "propose", terms: { fish: "split", border: "open" } }); // p2
  g.ok(F, { type: "advancePhase" }); // the summit: every role acts
  g.ok(seat("n-lead"), { type: "accept", proposalId: "p2" }); // draft: fish split, border open
  g.ok(F, { type: "inject", injectId: "inj-storm" });
  g.ok(seat("n-fish"), { type: "propose", terms: { fish: "north" } }); // p3, after the storm
  g.ok(seat("n-fish"), { type: "withdraw", proposalId: "p1" });
  g.ok(seat("s-lead"), { type: "propose", terms: { statement: "friendly" } }); // p4
  return g;
}

describe("concession curves", () => {
  it("scores each side's proposals, in order, to itself and to the other side", () => {
    const { state } = game();
    const curves = concessionCurves(state.scenario, state);
    expect(curves.map((c) => [c.side, c.other])).toEqual([
      ["north", "south"],
      ["south", "north"],
    ]);
    const [north, south] = curves;
    const brief = (p: { proposalId: string; self: number; other: number; withDraft: object; status: string }) => ({
      id: p.proposalId,
      self: p.self,
      other: p.other,
      withDraft: p.withDraft,
      status: p.status,
    });

    expect(north!.proposals.map(brief)).toEqual([
      // fish north (10) + border closed (5) + silence (0) = 15 to North; 0 + 0 + 0 to South.
      { id: "p1", self: 15, other: 0, withDraft: { self: 15, other: 0 }, status: "withdrawn" },
      // After the storm fish "north first" is worth 6 to North: 6 + 5 = 11. Over the draft
      // (fish split → north, border open): North 6 + 0 = 6, South 0 + 9 = 9.
      { id: "p3", self: 11, other: 0, withDraft: { self: 6, other: 9 }, status: "open" },
    ]);
    expect(south!.proposals.map(brief)).toEqual([
      // fish split (5) + border open (9) = 14 to South; 6 + 0 = 6 to North. The draft was empty.
      { id: "p2", self: 14, other: 6, withDraft: { self: 14, other: 6 }, status: "accepted" },
      // statement friendly alone: South 8 (fish none) + 0 + 3 = 11; North 0 + 5 + 2 = 7.
      // Over the draft (fish split, border open): South 5 + 9 + 3 = 17; North 6 + 0 + 2 = 8.
      { id: "p4", self: 11, other: 7, withDraft: { self: 17, other: 8 }, status: "open" },
    ]);
    expect(south!.proposals[1]).toMatchObject({ by: "s-lead", phase: "summit", terms: { statement: "friendly" } });
    expect(north!.proposals[0]!.seq).toBeLessThan(north!.proposals[1]!.seq);
  });

  it("rebuilds the points and the draft at any moment from the state alone", () => {
    const { state } = game();
    const end = state.seq + 1;
    expect(pointsAt(state.scenario, state, end)).toEqual(effectiveScenario(state));
    expect(draftTermsAt(state, end)).toEqual(state.draft.terms);
    // Before anything was played, the scenario itself (the very object).
    expect(pointsAt(state.scenario, state, 1)).toBe(state.scenario);
    expect(draftTermsAt(state, 1)).toEqual({});
  });

  it("is empty for a game without proposals", () => {
    const g = new Play(tinyScenario);
    expect(concessionCurves(tinyScenario, g.state).map((c) => c.proposals)).toEqual([[], []]);
  });
});
