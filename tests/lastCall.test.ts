import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { verifyRecord } from "../server/games/record";
import { parseRecord } from "../shared/contract/record";
import { checkMove, createGame, fold, viewFor } from "../shared/index";
import { rulesOf } from "../shared/rulesVersions";
import { tinyScenario as tiny } from "../shared/scenarios/index";
import { F, Play, SYS, seat } from "./support/play";

// The facilitator's last call (issue #11, rules version 3), on the small test scenario: phases
// prep (team chat only) → round1 (n-fish and s-fish act on fish and border) → summit (all, signing open).

const N_LEAD = seat("n-lead");
const N_FISH = seat("n-fish");
const S_LEAD = seat("s-lead");
const S_FISH = seat("s-fish");
// The frozen record's scores, as its fold gave them when it was played (written out, not recomputed).
const SIDES = { north: 9, south: 11 };
const ROLES = { "n-lead": 12, "n-fish": 9, "n-aide": 9, "s-lead": 11, "s-fish": 12 };

/** A summit with fish and border settled (two issues: enough to sign) at draft version 2. */
function signable(): Play {
  const g = new Play(tiny).startAt("summit");
  g.ok(N_LEAD, { type: "propose", terms: { fish: "split" } });
  g.ok(S_LEAD, { type: "accept", proposalId: "p1" });
  g.ok(S_LEAD, { type: "propose", terms: { border: "daytime" } });
  g.ok(N_LEAD, { type: "accept", proposalId: "p2" });
  return g;
}

describe("a last call", () => {
  it("is version 3's (and every later one's): a new game takes it, and versions 1 and 2 have none", () => {
    expect(new Play(tiny).state.rulesVersion).toBeGreaterThanOrEqual(3);
    expect(rulesOf(4).lastCall).toBe(true);
    expect(rulesOf(3).lastCall).toBe(true);
    expect(rulesOf(2).lastCall).toBe(false);
    expect(rulesOf(1).lastCall).toBe(false);
  });

  it("leaves only signing and unsigning open, and every refusal says when the game ends", () => {
    const g = signable();
    g.ok(F, { type: "lastCall", minutes: 3 });
    const endsAt = g.now + 3 * 60_000;
    expect(g.state.lastCall).toEqual({ at: g.now, minutes: 3 });
    expect(g.state.clock).toMatchObject({ paused: false, endsAt });
    for (const [actor, move] of [
      [N_LEAD, { type: "propose", terms: { statement: "friendly" } }],
      [S_LEAD, { type: "reject", proposalId: "p1" }],
      [N_FISH, { type: "chat", channel: "table", text: "One more thing" }],
      [N_FISH, { type: "chat", channel: "team:north", text: "Sign it?" }],
      [N_LEAD, { type: "statement", text: "We are close." }],
      [S_LEAD, { type: "walkAway" }],
    ] as const) {
      g.refused(actor, move, "last_call");
      const d = g.try(actor, move);
      expect(d).toMatchObject({ ok: false, error: { details: { endsAt, open: ["sign", "unsign"] } } });
    }
    // Signing keeps its own rules: the leader, the current version.
    g.refused(N_FISH, { type: "sign", draftVersion: 2 }, "not_leader");
    g.refused(N_LEAD, { type: "sign", draftVersion: 1 }, "draft_version_mismatch");
    g.ok(N_LEAD, { type: "sign", draftVersion: 2 });
    g.ok(N_LEAD, { type: "unsign" });
    g.ok(N_LEAD, { type: "sign", draftVersion: 2 });
    expect(g.state.outcome).toBeNull();
  });

  it("leaves the facilitator's moves open but another last call and the next phase", () => {
    const g = new Play(tiny).startAt("round1");
    g.ok(F, { type: "lastCall", minutes: 5 });
    g.refused(F, { type: "lastCall", minutes: 2 }, "last_call");
    g.refused(F, { type: "advancePhase" }, "last_call");
    g.refused(N_LEAD, { type: "lastCall", minutes: 2 }, "not_facilitator");
    g.ok(F, { type: "note", text: "Two minutes to sign." });
    g.ok(F, { type: "statement", text: "Control: last call." });
    g.ok(F, { type: "extend", minutes: 2 });
    expect(g.state.clock.endsAt).toBe(g.now + 7 * 60_000);
    // A pause stops its clock like any phase's; the resume gives back what was left.
    g.tick(60_000).ok(F, { type: "pause" });
    expect(g.state.clock).toMatchObject({ paused: true, endsAt: null, remainingMs: 6 * 60_000 });
    g.refused(N_LEAD, { type: "unsign" }, "paused");
    g.tick(10 * 60_000).ok(F, { type: "resume" });
    expect(g.state.clock.endsAt).toBe(g.now + 6 * 60_000);
    g.ok(F, { type: "endGame" });
    expect(g.state.outcome).toMatchObject({ agreement: false, reason: "endGame" });
  });

  it("opens signing in a phase that does not, with its other rules still judged", () => {
    const g = new Play(tiny).startAt("round1");
    g.refused(N_LEAD, { type: "sign", draftVersion: 0 }, "wrong_phase");
    g.ok(F, { type: "lastCall", minutes: 1 });
    // Not wrong_phase now: the draft settles too little to sign.
    g.refused(N_LEAD, { type: "sign", draftVersion: 0 }, "too_few_issues");
  });

  it("ends the game with no agreement when its minutes are over, in whichever phase it was called", () => {
    const g = new Play(tiny).startAt("round1");
    g.ok(N_FISH, { type: "propose", terms: { fish: "split" } });
    g.ok(F, { type: "lastCall", minutes: 2 });
    g.tick(2 * 60_000 - 1).refused(SYS, { type: "deadline" }, "not_due");
    g.tick(1).ok(SYS, { type: "deadline" });
    expect(g.state.phaseIndex).toBe(1);
    expect(g.state.outcome).toMatchObject({ agreement: false, reason: "deadline" });
    g.refused(S_FISH, { type: "accept", proposalId: "p1" }, "game_over");
  });

  it("a draft both leaders sign during it is an agreement, as at any other time", () => {
    const g = signable();
    g.ok(F, { type: "lastCall", minutes: 2 });
    g.tick(30_000).ok(N_LEAD, { type: "sign", draftVersion: 2 });
    g.tick(30_000).ok(S_LEAD, { type: "sign", draftVersion: 2 });
    expect(g.state.outcome).toMatchObject({ agreement: true, reason: "signed", terms: { fish: "split" } });
    g.refused(SYS, { type: "deadline" }, "game_over");
  });

  it("is refused in a version-2 (or 1) game, which decides and folds as before", () => {
    for (const rulesVersion of [1, 2]) {
      const g = new Play(tiny);
      g.state = createGame(tiny, { seed: "seed-1", rulesVersion });
      g.startAt("round1");
      g.refused(F, { type: "lastCall", minutes: 3 }, "not_in_rules");
      expect(g.try(F, { type: "lastCall", minutes: 3 })).toMatchObject({
        ok: false,
        error: { details: { rulesVersion, since: 3 } },
      });
      // No last call in its state: nothing there for an older game.
      expect("lastCall" in g.state).toBe(false);
      const view = viewFor(g.state, "facilitator");
      expect(view.phase.lastCall).toBeUndefined();
      expect(checkMove(view, { type: "lastCall", minutes: 3 })).toMatchObject({ code: "not_in_rules" });
    }
  });

  it("every seat sees it, and a seat's own check refuses what the server would", () => {
    const g = signable();
    g.ok(F, { type: "lastCall", minutes: 4 });
    for (const who of ["n-fish", "s-lead", "facilitator", "observer"] as const) {
      expect(viewFor(g.state, who).phase).toMatchObject({
        lastCall: { at: g.now, minutes: 4 },
        endsAt: g.now + 4 * 60_000,
      });
    }
    expect(checkMove(viewFor(g.state, "n-lead"), { type: "propose", terms: { statement: "friendly" } })).toMatchObject({
      code: "last_call",
    });
    expect(checkMove(viewFor(g.state, "n-lead"), { type: "sign", draftVersion: 2 })).toBeNull();
  });

  it("folds the same on replay: the events alone give the state", () => {
    const g = signable();
    g.ok(F, { type: "lastCall", minutes: 2 });
    g.tick(20_000).ok(N_LEAD, { type: "sign", draftVersion: 2 });
    g.tick(20_000).ok(N_LEAD, { type: "unsign" });
    g.tick(2 * 60_000).ok(SYS, { type: "deadline" });
    const replayed = fold(createGame(tiny, { seed: "seed-1" }), g.events);
    expect(replayed).toEqual(g.state);
    expect(replayed.outcome).toMatchObject({ agreement: false, reason: "deadline" });
  });
});

describe("the frozen version-3 record (tests/fixtures/record-v3-last-call.json)", () => {
  const record = () =>
    JSON.parse(readFileSync(new URL("./fixtures/record-v3-last-call.json", import.meta.url), "utf8"));

  it("verifies, replays and scores as recorded: both leaders signed during the last call", () => {
    const doc = record();
    expect(doc.rulesVersion).toBe(3);
    expect(doc.events.map((e: { type: string }) => e.type)).toContain("lastCall");
    const verified = verifyRecord(doc);
    if (!verified.ok) throw new Error(verified.message);
    expect(verified.rulesVersion).toBe(3);
    expect(verified.state.lastCall).toMatchObject({ minutes: 3 });
    expect(verified.state.outcome).toMatchObject({
      agreement: true,
      reason: "signed",
      terms: { fish: "split", border: "daytime" },
      scores: { sides: SIDES, roles: ROLES },
    });
    const read = parseRecord(doc);
    if (!read.ok) throw new Error(read.problem.message);
    expect(fold(createGame(read.record.scenario, { seed: doc.seed, rulesVersion: 3 }), doc.events)).toEqual(
      verified.state,
    );
    // Claimed as version 2, its chain no longer links (the genesis covers the version).
    expect(verifyRecord({ ...doc, rulesVersion: 2 })).toMatchObject({ ok: false, code: "hash_mismatch" });
  });
});
