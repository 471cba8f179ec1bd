import { describe, expect, it } from "vitest";
import { replay, scoreOf, viewFor } from "../shared/index";
import { defaultScenario } from "../shared/scenarios/index";
import { F, Play, SYS, seat } from "./support/play";

// Whole games of the default scenario, each way a game can end, with scores worked out by hand
// from GAME.md's table and the roles' objectives in great-rebalancing.json.

const phase = (g: Play) => g.scenario.phases[g.state.phaseIndex]!.id;

describe("The Great Rebalancing, briefing to a signed agreement", () => {
  const g = new Play(defaultScenario, "class-3b");
  it("plays through Stockholm and the summit to both signatures", () => {
    g.ok(SYS, { type: "seatJoined", seat: "us-president", name: "Ana" });
    g.ok(SYS, { type: "seatJoined", seat: "cn-president", name: "Bo" });
    g.ok(F, { type: "resume" });
    g.ok(seat("us-treasury"), { type: "chat", channel: "team:washington", text: "Tariffs first." });
    g.tick(8 * 60_000).ok(SYS, { type: "deadline" });
    expect(phase(g)).toBe("stockholm");
    expect(g.state.messages.filter((m) => m.channel === "press")).toHaveLength(1); // talks open

    g.ok(seat("us-treasury"), { type: "propose", terms: { tariffs: "extendTruce", purchases: "buy150bTwoYears" } });
    g.ok(seat("cn-vice-premier"), { type: "reject", proposalId: "p1", note: "Too much." });
    g.ok(seat("cn-vice-premier"), {
      type: "propose",
      terms: { tariffs: "cutFentanylTariff", purchases: "buy50bPerYear" },
      inReplyTo: "p1",
    });
    g.ok(seat("us-treasury"), { type: "accept", proposalId: "p2" });
    expect(g.state.draft.settledIn).toEqual({ tariffs: "stockholm", purchases: "stockholm" });

    g.tick(12 * 60_000).ok(SYS, { type: "deadline" });
    expect(phase(g)).toBe("summit");
    g.ok(seat("us-president"), {
      type: "propose",
      terms: {
        chips: "licenseDowngraded",
        rareEarths: "generalLicences",
        fentanyl: "schedulePrecursors",
        tiktok: "jointVenture",
        investment: "greenfieldPlants",
        taiwan: "privateAssurances",
        framing: "partnership",
      },
    });
    g.ok(seat("cn-president"), { type: "accept", proposalId: "p3" });
    g.ok(seat("us-president"), { type: "sign", draftVersion: 2 });
    expect(g.state.outcome).toBeNull();
    g.ok(seat("cn-president"), { type: "sign", draftVersion: 2 });
  });

  it("ends with the agreement: the forecast package, 77 / 68, and each role's objectives", () => {
    const o = g.state.outcome!;
    expect(o).toMatchObject({ agreement: true, reason: "signed", walkedAwayBy: null });
    expect(o.terms).toEqual({ ...defaultScenario.forecast });
    expect(o.scores.sides).toEqual({ washington: 77, beijing: 68 });
    expect(o.scores.roles).toEqual({
      "us-president": 77 + 6, // signed, nine issues settled
      "us-treasury": 77 + 5 + 3, // tariffs settled in Stockholm; purchases at $50B a year
      "us-commerce": 77 + 4, // rare earths at general licences; chips not broadly relaxed
      "us-nsa": 77, // Taiwan stays private; no verified crackdown
      "cn-president": 68, // no public Taiwan language; no humiliating rare-earth suspension
      "cn-vice-premier": 68 + 5 + 3, // tariffs in Stockholm; greenfield plants
      "cn-commerce": 68 + 4, // chip licences
      "cn-foreign": 68 + 4, // partnership
      "cn-security": 68 + 3, // precursors scheduled, fentanyl tariff cut
    });
    expect(scoreOf(g.state)).toMatchObject({ over: true, sides: o.scores.sides });
  });

  it("opens everything to every seat afterwards, as the scenario reveals at the end", () => {
    const v = viewFor(g.state, "us-commerce");
    expect(v.revealed).toBe(true);
    expect(v.secrets!.sides.map((s) => s.id)).toEqual(["washington", "beijing"]);
    expect(v.channels.map((c) => c.id)).toContain("team:beijing");
    expect(v.outcome!.scores).toMatchObject({ washington: 77, beijing: 68 });
  });

  it("is a pure fold of its events", () => {
    expect(replay(defaultScenario, "class-3b", g.events)).toEqual(g.state);
  });
});

describe("games that end without an agreement", () => {
  const toSummit = () => {
    const g = new Play(defaultScenario);
    g.startAt("summit");
    g.ok(seat("us-president"), { type: "propose", terms: { tariffs: "broadRollback", taiwan: "opposesIndependence" } });
    g.ok(seat("cn-president"), { type: "accept", proposalId: "p1" });
    return g;
  };

  it("a walk-away: each side scores its reservation; the leader who walked pays for it", () => {
    const g = toSummit();
    g.ok(seat("us-president"), { type: "walkAway" });
    const o = g.state.outcome!;
    expect(o).toMatchObject({ agreement: false, reason: "walkAway", walkedAwayBy: "washington" });
    expect(o.terms.taiwan).toBe("reaffirmPolicy"); // no deal: every issue at its noDeal option
    expect(o.scores.sides).toEqual({ washington: 50, beijing: 53 });
    expect(o.scores.roles["us-president"]).toBe(50 - 8);
    expect(o.scores.roles["cn-president"]).toBe(53);
    expect(o.scores.roles["us-treasury"]).toBe(50);
  });

  it("a missed deadline: the signing phase runs out without both signatures", () => {
    const g = toSummit();
    g.tick(20 * 60_000).ok(SYS, { type: "deadline" });
    expect(phase(g)).toBe("signing");
    g.refused(seat("us-president"), { type: "propose", terms: { chips: "tighten" } }, "wrong_phase");
    g.tick(5 * 60_000).ok(SYS, { type: "deadline" });
    expect(g.state.outcome).toMatchObject({ agreement: false, reason: "deadline", walkedAwayBy: null });
    expect(g.state.outcome!.scores.sides).toEqual({ washington: 50, beijing: 53 });
  });

  it("the facilitator's end, with inject shifts applied to the reservations", () => {
    const g = toSummit();
    g.ok(F, { type: "inject", injectId: "inj-weak-growth" }); // Beijing's reservation −3
    g.ok(F, { type: "inject", injectId: "inj-magnet-squeeze" }); // Beijing +2, Washington −1
    g.ok(F, { type: "endGame" });
    expect(g.state.outcome).toMatchObject({ agreement: false, reason: "endGame" });
    expect(g.state.outcome!.scores.sides).toEqual({ washington: 49, beijing: 52 });
  });
});
