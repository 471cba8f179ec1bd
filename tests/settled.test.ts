import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type GameState,
  type SeatScoring,
  seatWorthIfAccepted,
  settledCount,
  settledIssues,
  type View,
  viewFor,
} from "../shared/index";
import { defaultScenario, tinyScenario } from "../shared/scenarios/index";
import { gameArb, playGame } from "./support/randomPlay";

/**
 * Issue #11, "The figures disagree": the console and projector counted an issue agreed at its no-deal
 * option as settled while the signing rule did not, so a table saw "5 of 9, at least 5 to sign" and
 * was refused with too_few_issues. Every view now counts with the rule's own function (shared
 * isSettled / settledCount). Over random games, this checks at every sign the rule judges that the
 * count each view would show (the facilitator's console and projector, and every seat's agenda
 * board and sign dialog, each from its own View) is the count the rule uses, and that the rule
 * refuses with too_few_issues exactly when that shown count is below the minimum.
 */

const RUNS = { default: 150, tiny: 300 };
const TIMEOUT = 120_000;

/** What a view shows as "n of N settled": the same call the console, projector and agenda board make. */
function shownCount(view: View): number {
  if (!view.scenario) throw new Error("a full view carries its scenario");
  return settledCount(view.scenario, view.draft.terms);
}

/** The sign dialog's count (seat/worth.ts draftWorth → seatWorthIfAccepted(view, {}).settled). */
function dialogCount(view: View): number | null {
  if (!view.scenario || !view.mine) return null;
  return seatWorthIfAccepted(view as unknown as SeatScoring, {}).settled;
}

function viewsOf(state: GameState): View[] {
  return ["facilitator", ...state.scenario.roles.map((r) => r.id)].map((seat) => viewFor(state, seat));
}

describe.each([
  { name: "default" as const, scenario: defaultScenario },
  { name: "tiny" as const, scenario: tinyScenario },
])("settled over random games of the $name scenario", ({ name, scenario }) => {
  it(
    "every view's count is the signing rule's, and too_few_issues comes exactly when it is below the minimum",
    () => {
      // Cases that make the property bite, counted across every run: signs judged on each side of
      // the minimum, and drafts naming an issue at its no-deal option (the case that disagreed).
      const seen = { judged: 0, tooFew: 0, enough: 0, noDealNamed: 0 };
      fc.assert(
        fc.property(gameArb, (game) => {
          playGame(scenario, game, {
            onDecision(state, step, decision) {
              const move = step.move as { type?: unknown } | null;
              if (typeof move !== "object" || move === null || move.type !== "sign") return;
              const views = viewsOf(state);
              const shown = views.map(shownCount);
              const dialogs = views.map(dialogCount).filter((n): n is number => n !== null);
              const rule = settledCount(state.scenario, state.draft.terms);
              for (const n of [...shown, ...dialogs]) expect(n).toBe(rule);
              const named = Object.keys(state.draft.terms).length;
              if (named > settledIssues(state.scenario, state.draft.terms).length) seen.noDealNamed++;
              const tooFew = !decision.ok && decision.error.code === "too_few_issues";
              if (tooFew) {
                expect(decision.error.details).toEqual({ settled: rule, minimum: state.scenario.rules.minimumIssues });
              }
              // Only signs that get as far as counting say anything about the count: a sign by a
              // non-leader, in a closed phase or on a stale version is refused before it.
              const counted = decision.ok || tooFew || decision.error.code === "already_signed";
              if (!counted) return;
              seen.judged++;
              const below = shown[0]! < state.scenario.rules.minimumIssues;
              expect(tooFew).toBe(below);
              if (below) seen.tooFew++;
              else seen.enough++;
            },
          });
        }),
        { numRuns: RUNS[name] },
      );
      expect(seen.judged).toBeGreaterThan(0);
      expect(seen.enough).toBeGreaterThan(0);
      if (name === "default") {
        expect(seen.tooFew).toBeGreaterThan(0);
        expect(seen.noDealNamed).toBeGreaterThan(0);
      }
    },
    TIMEOUT,
  );
});

describe("isSettled on a hand-made draft", () => {
  it("an issue agreed at its no-deal option is in the draft but not settled, in every view and the rule", () => {
    const [first, second] = defaultScenario.issues;
    const other = first!.options.find((o) => o.id !== first!.noDeal)!.id;
    const terms = { [first!.id]: other, [second!.id]: second!.noDeal };
    expect(settledIssues(defaultScenario, terms)).toEqual([first!.id]);
    expect(settledCount(defaultScenario, terms)).toBe(1);
  });
});
