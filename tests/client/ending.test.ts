import { describe, expect, it } from "vitest";
import { endingSentence } from "../../client/src/common/ending";
import { tinyScenario as tiny } from "../../shared/scenarios/index";
import { F, Play, SYS, seat } from "../support/play";

// How a game ended, in the one sentence the outcome panel (console, projector, seats) and the
// debrief share: a last call's end is a `deadline` to the rules, and the game's own last call is
// what makes the sentence say so. Judged on states played through the rules, not written by hand.

const side = (id: string) => tiny.sides.find((s) => s.id === id)!.name;
const clock = (ms: number) => `t+${(ms - T) / 60_000}`;
let T = 0;

/** The tiny scenario's summit, fish and border settled (enough to sign), at draft version 2. */
function atSummit(): Play {
  const g = new Play(tiny).startAt("summit");
  T = g.now;
  g.ok(seat("n-lead"), { type: "propose", terms: { fish: "split" } });
  g.ok(seat("s-lead"), { type: "accept", proposalId: "p1" });
  g.ok(seat("s-lead"), { type: "propose", terms: { border: "daytime" } });
  g.ok(seat("n-lead"), { type: "accept", proposalId: "p2" });
  return g;
}
const sign = (g: Play) => {
  g.ok(seat("n-lead"), { type: "sign", draftVersion: 2 });
  g.ok(seat("s-lead"), { type: "sign", draftVersion: 2 });
};
const said = (g: Play) => endingSentence(g.state.outcome!, g.state.lastCall, side, clock);

describe("how a game ended", () => {
  it("a last call that ran out: its minutes and when it was called, though the reason stays deadline", () => {
    const g = atSummit();
    g.tick(60_000).ok(F, { type: "lastCall", minutes: 3 });
    g.tick(3 * 60_000).ok(SYS, { type: "deadline" });
    expect(g.state.outcome).toMatchObject({ agreement: false, reason: "deadline" });
    expect(said(g)).toBe(
      "The game ended when the last call ran out (3 minutes called at t+1) before both leaders signed.",
    );
  });

  it("one minute is one minute; signing or ending during a last call says it came in the last call", () => {
    const signed = atSummit();
    signed.ok(F, { type: "lastCall", minutes: 1 });
    sign(signed);
    expect(said(signed)).toBe("Both leaders signed the draft during the last call (1 minute called at t+0).");
    const ended = atSummit();
    ended.ok(F, { type: "lastCall", minutes: 2 });
    ended.ok(F, { type: "endGame" });
    expect(said(ended)).toBe("The facilitator ended the game during the last call (2 minutes called at t+0).");
  });

  it("without a last call: time ran out, both signed, the facilitator ended it, a side walked away", () => {
    const timedOut = atSummit();
    timedOut.tick(24 * 60 * 60_000).ok(SYS, { type: "deadline" });
    expect(timedOut.state.outcome?.reason).toBe("deadline");
    expect(said(timedOut)).toBe("Time ran out before both leaders signed.");
    const signed = atSummit();
    sign(signed);
    expect(said(signed)).toBe("Both leaders signed the draft.");
    const ended = atSummit();
    ended.ok(F, { type: "endGame" });
    expect(said(ended)).toBe("The facilitator ended the game.");
    const walked = atSummit();
    walked.ok(seat("s-lead"), { type: "walkAway" });
    expect(said(walked)).toBe("South walked away.");
  });
});
