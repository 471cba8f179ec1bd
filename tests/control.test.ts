import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { interventionsOf } from "../client/src/debrief/interventions";
import { foldRecord } from "../client/src/replay/fold";
import { verifyRecord } from "../server/games/record";
import { parseRecord } from "../shared/contract/record";
import { checkMove, createGame, eventFor, fold, moveOfEvent, viewFor } from "../shared/index";
import { rulesOf } from "../shared/rulesVersions";
import { tinyScenario as tiny } from "../shared/scenarios/index";
import { F, Play, SYS, seat } from "./support/play";

// Control's rulings and undo (issue #12, rules version 4), on the small test scenario: phases
// prep → round1 (fish, border on the agenda) → summit (fish, border, statement; signing open).
// North's fish points: none 0, split 6, north 10; walk-aways north 10, south 9.

const N_LEAD = seat("n-lead");
const S_LEAD = seat("s-lead");

/** A summit with fish settled at "split" (draft version 1). */
function summit(): Play {
  const g = new Play(tiny).startAt("summit");
  g.ok(N_LEAD, { type: "propose", terms: { fish: "split" } });
  g.ok(S_LEAD, { type: "accept", proposalId: "p1" });
  return g;
}

const northPoints = (g: Play) => viewFor(g.state, "n-lead").mine!.side.points;
const reservation = (g: Play, who: string) => viewFor(g.state, who).mine!.side.reservation;

describe("a ruling on the draft", () => {
  it("is version 4's: a new game takes it, and versions 1 to 3 refuse it as not in their rules", () => {
    expect(new Play(tiny).state.rulesVersion).toBe(4);
    expect(rulesOf(4).controlRulings).toBe(true);
    for (const rulesVersion of [1, 2, 3]) {
      expect(rulesOf(rulesVersion).controlRulings).toBe(false);
      const g = new Play(tiny);
      g.state = createGame(tiny, { seed: "seed-1", rulesVersion });
      g.startAt("summit");
      const moves = [
        { type: "ruling", kind: "impose", issue: "fish", option: "north", reason: "Treaty law" },
        { type: "undo" },
        { type: "inject", title: "Storm", text: "A storm.", effects: [{ shiftReservation: { side: "north", by: 1 } }] },
      ];
      for (const move of moves) {
        g.refused(F, move, "not_in_rules");
        expect(g.try(F, move)).toMatchObject({ ok: false, error: { details: { rulesVersion, since: 4 } } });
        expect(checkMove(viewFor(g.state, "facilitator"), move)).toMatchObject({ code: "not_in_rules" });
      }
      // A written inject without effects is as it always was; a deck card leaves nothing to undo.
      g.ok(F, { type: "inject", title: "Plain", text: "News." });
      g.ok(F, { type: "inject", injectId: "inj-storm" });
      expect("undoable" in g.state).toBe(false);
    }
  });

  it("imposes a term with its reason, told to everyone, as a new draft version that clears signatures", () => {
    const g = summit();
    g.ok(F, { type: "ruling", kind: "impose", issue: "border", option: "daytime", reason: "Bound by the 1998 accord" });
    g.ok(N_LEAD, { type: "sign", draftVersion: 2 });
    g.ok(F, { type: "ruling", kind: "impose", issue: "fish", option: "north", reason: "The arbiter's award" });
    expect(g.state.draft).toMatchObject({
      version: 3,
      terms: { fish: "north", border: "daytime" },
      signedBy: [],
      settledIn: { fish: "summit", border: "summit" },
    });
    for (const who of ["n-fish", "s-lead", "observer"]) {
      const feed = viewFor(g.state, who).feed.filter((f) => f.kind === "ruling");
      expect(feed.map((f) => [f.title, f.text, f.to])).toEqual([
        ["Border crossing: Daytime", "Bound by the 1998 accord", null],
        ["Fishing quota: North first", "The arbiter's award", null],
      ]);
    }
  });

  it("strikes a term: the issue leaves the draft", () => {
    const g = summit();
    g.ok(F, { type: "ruling", kind: "strike", issue: "fish", reason: "Not ours to decide" });
    expect(g.state.draft).toMatchObject({ version: 2, terms: {}, settledIn: {} });
    expect(g.state.feed.at(-1)).toMatchObject({ kind: "ruling", title: "Fishing quota: struck from the draft" });
  });

  it("refuses, naming the rule, what is not a term or not the facilitator's", () => {
    const g = summit();
    const rule = (m: Record<string, unknown>) => ({ type: "ruling", reason: "Because", ...m });
    g.refused(N_LEAD, rule({ kind: "impose", issue: "fish", option: "north" }), "not_facilitator");
    g.refused(F, rule({ kind: "impose", issue: "whales", option: "north" }), "unknown_issue");
    g.refused(F, rule({ kind: "impose", issue: "fish", option: "all" }), "unknown_option");
    g.refused(F, rule({ kind: "impose", issue: "fish", option: "split" }), "already_in_draft");
    g.refused(F, rule({ kind: "strike", issue: "border" }), "not_in_draft");
    g.refused(F, rule({ kind: "impose", issue: "fish" }), "invalid_move");
    g.refused(F, rule({ kind: "strike", issue: "fish", option: "north" }), "invalid_move");
    g.refused(F, { type: "ruling", kind: "strike", issue: "fish" }, "invalid_move");
    g.refused(F, rule({ kind: "strike", issue: "fish", reason: "   " }), "invalid_move");
    // Off the agenda: in round1 only fish and border are negotiated.
    const r = new Play(tiny).startAt("round1");
    r.refused(F, rule({ kind: "impose", issue: "statement", option: "friendly" }), "not_on_agenda");
    // The client's check says the same before sending.
    expect(checkMove(viewFor(g.state, "facilitator"), rule({ kind: "strike", issue: "border" }))).toMatchObject({
      code: "not_in_draft",
    });
  });
});

describe("a written inject with effects", () => {
  it("applies them as a deck card's, each private effect seen only by its side", () => {
    const g = summit();
    const before = { n: northPoints(g), s: reservation(g, "s-lead"), nRes: reservation(g, "n-lead") };
    g.ok(F, {
      type: "inject",
      title: "Court ruling",
      text: "The court has ruled.",
      effects: [
        { shiftPoints: { side: "north", issue: "fish", option: "north", by: -4 } },
        { shiftReservation: { side: "south", by: 2 } },
        { agenda: { remove: ["border"] } },
        { press: { text: "Control: the court has spoken." } },
        { reveal: { to: ["south"], text: "SOUTH-ONLY: the judge leans south." } },
      ],
    });
    expect(northPoints(g).fish).toEqual([0, 6, 6]);
    expect(before.n.fish).toEqual([0, 6, 10]);
    expect(reservation(g, "s-lead")).toBe(before.s + 2);
    expect(reservation(g, "n-lead")).toBe(before.nRes);
    expect(g.state.agenda).toEqual(["fish", "statement"]);
    expect(g.state.messages.at(-1)).toMatchObject({ channel: "press", from: "control" });
    const northFeed = viewFor(g.state, "n-lead").feed.map((f) => f.text);
    expect(northFeed.some((t) => t.includes("SOUTH-ONLY"))).toBe(false);
    expect(viewFor(g.state, "s-fish").feed.some((f) => f.kind === "reveal" && f.text.includes("SOUTH-ONLY"))).toBe(
      true,
    );
    // The event as a seat sees it holds no effects: the shifts name a side's points and walk-away.
    const event = g.events.at(-1)!;
    for (const who of ["n-lead", "s-lead", "observer"]) {
      const seen = eventFor(g.state, event, who)!;
      expect(JSON.stringify(seen)).not.toContain("shift");
      expect(seen.payload).not.toHaveProperty("effects");
    }
    expect(eventFor(g.state, event, "facilitator")).toBe(event);
  });

  it("refuses an effect naming an id the game does not have, saying which", () => {
    const g = summit();
    const inject = (effect: unknown) => ({
      type: "inject",
      title: "T",
      text: "X",
      effects: [{ press: { text: "ok" } }, effect],
    });
    const cases: [unknown, string, RegExp][] = [
      [{ shiftReservation: { side: "east", by: 1 } }, "unknown_side", /effect 2: no side "east"/],
      [{ shiftPoints: { side: "north", issue: "whales", option: "x", by: 1 } }, "unknown_issue", /"whales"/],
      [{ shiftPoints: { side: "north", issue: "fish", option: "all", by: 1 } }, "unknown_option", /"all"/],
      [{ reveal: { to: ["n-cook"], text: "psst" } }, "unknown_recipient", /"n-cook"/],
      [{ agenda: { add: ["whales"] } }, "unknown_issue", /"whales"/],
    ];
    for (const [effect, code, message] of cases) {
      g.refused(F, inject(effect), code as never);
      const d = g.try(F, inject(effect));
      expect(d.ok ? "" : d.error.message).toMatch(message);
    }
    g.refused(F, inject({ shiftReservation: { side: "north", by: 101 } }), "invalid_move");
    g.refused(F, inject({ agenda: {} }), "invalid_move");
    g.refused(F, { type: "inject", injectId: "inj-storm", effects: [{ press: { text: "x" } }] }, "invalid_move");
  });
});

describe("undo", () => {
  it("restores a ruling's term by a compensating event, told to everyone; the record keeps both", () => {
    const g = summit();
    g.ok(F, { type: "ruling", kind: "impose", issue: "border", option: "open", reason: "Settled" });
    const ruling = g.ok(F, { type: "ruling", kind: "impose", issue: "fish", option: "north", reason: "Award" });
    g.ok(N_LEAD, { type: "sign", draftVersion: 3 });
    const undo = g.ok(F, { type: "undo", reason: "Award was appealed" });
    expect(undo.payload).toEqual({ reason: "Award was appealed", undoes: g.events.indexOf(ruling) + 1 });
    expect(g.state.draft).toMatchObject({
      version: 4,
      terms: { fish: "split", border: "open" },
      signedBy: [],
      settledIn: { fish: "summit" },
    });
    expect(g.state.feed.at(-1)).toMatchObject({
      kind: "undo",
      title: "Fishing quota: North first",
      text: "Award was appealed",
      to: null,
    });
    expect(g.events.map((e) => e.type).slice(-3)).toEqual(["ruling", "sign", "undo"]);
    expect(g.state.undoable).toBeNull();
    // Undoing a strike puts the term back; undoing the first ruling on an issue takes it out again.
    g.ok(F, { type: "ruling", kind: "strike", issue: "fish", reason: "Void" });
    g.ok(F, { type: "undo" });
    expect(g.state.draft.terms).toEqual({ fish: "split", border: "open" });
    g.ok(F, { type: "ruling", kind: "impose", issue: "statement", option: "friendly", reason: "Imposed" });
    g.ok(F, { type: "undo" });
    expect(g.state.draft).toMatchObject({ terms: { fish: "split", border: "open" }, settledIn: { fish: "summit" } });
    expect(g.state.draft.settledIn).not.toHaveProperty("statement");
  });

  it("an undo is not undone: a second undo is refused, as is one with nothing done yet", () => {
    const g = summit();
    g.refused(F, { type: "undo" }, "nothing_to_undo");
    expect(checkMove(viewFor(g.state, "facilitator"), { type: "undo" })).toMatchObject({ code: "nothing_to_undo" });
    g.ok(F, { type: "ruling", kind: "impose", issue: "border", option: "open", reason: "R1" });
    g.ok(F, { type: "ruling", kind: "impose", issue: "border", option: "daytime", reason: "R2" });
    g.ok(F, { type: "undo" });
    expect(g.state.draft.terms).toEqual({ fish: "split", border: "open" });
    // Only the last action: the one before it is not undone next, nor is the undo.
    g.refused(F, { type: "undo" }, "nothing_to_undo");
    expect(checkMove(viewFor(g.state, "facilitator"), { type: "undo" })).toMatchObject({ code: "nothing_to_undo" });
    g.refused(N_LEAD, { type: "undo" }, "not_facilitator");
  });

  it("restores what an inject's effects changed (points, walk-aways, agenda), not what it said", () => {
    const g = summit();
    const points = northPoints(g);
    const southRes = reservation(g, "s-lead");
    g.ok(F, { type: "inject", injectId: "inj-storm" });
    expect(northPoints(g)).not.toEqual(points);
    g.ok(F, { type: "undo" });
    expect(northPoints(g)).toEqual(points);
    expect(reservation(g, "s-lead")).toBe(southRes);
    // The undo's feed item is told to whom the inject was: a written one to south only stays south's.
    g.ok(F, {
      type: "inject",
      title: "South-only memo",
      text: "For south.",
      to: ["south"],
      effects: [
        { shiftReservation: { side: "south", by: -3 } },
        { agenda: { add: ["statement"], remove: ["border"] } },
      ],
    });
    expect(g.state.agenda).toEqual(["fish", "statement"]);
    const undo = g.ok(F, { type: "undo" });
    expect(reservation(g, "s-lead")).toBe(southRes);
    // statement was already on the summit's agenda: the undo puts back only what the inject changed.
    expect(g.state.agenda).toEqual(["fish", "border", "statement"]);
    expect(viewFor(g.state, "n-lead").feed.some((f) => f.kind === "undo" && f.title === "South-only memo")).toBe(false);
    expect(viewFor(g.state, "s-fish").feed.some((f) => f.kind === "undo" && f.title === "South-only memo")).toBe(true);
    expect(eventFor(g.state, undo, "n-lead")).toBeNull();
    expect(eventFor(g.state, undo, "s-lead")).toBe(undo);
    // An inject that only speaks (press, reveal) leaves nothing to undo: the last action stays.
    g.ok(F, { type: "ruling", kind: "impose", issue: "border", option: "open", reason: "R" });
    g.ok(F, { type: "inject", title: "Words", text: "Only words.", effects: [{ press: { text: "Said." } }] });
    g.ok(F, { type: "undo" });
    expect(g.state.draft.terms).toEqual({ fish: "split" });
  });

  it("refuses an undo whose changes have moved on: the draft since a ruling, the phase of an agenda change", () => {
    const g = summit();
    g.ok(F, { type: "ruling", kind: "impose", issue: "border", option: "open", reason: "R" });
    g.ok(N_LEAD, { type: "propose", terms: { statement: "friendly" } });
    g.ok(S_LEAD, { type: "accept", proposalId: "p2" });
    g.refused(F, { type: "undo" }, "undo_stale");
    expect(g.try(F, { type: "undo" })).toMatchObject({ error: { details: { changed: "draft" } } });
    const r = new Play(tiny).startAt("round1");
    r.ok(F, { type: "inject", title: "Agenda", text: "Statement too.", effects: [{ agenda: { add: ["statement"] } }] });
    r.ok(F, { type: "advancePhase" });
    r.refused(F, { type: "undo" }, "undo_stale");
    // A shift lasts the game: undoing one after the phase changed is allowed.
    const s = new Play(tiny).startAt("round1");
    s.ok(F, { type: "inject", injectId: "inj-crowd" });
    s.ok(F, { type: "advancePhase" });
    s.ok(F, { type: "undo" });
    expect(s.state.shifts.points).toEqual({ south: { border: { open: 0 } } });
  });

  it("folds the same on replay, and every event decides again from its move", () => {
    const g = summit();
    g.ok(F, { type: "ruling", kind: "impose", issue: "border", option: "open", reason: "R" });
    g.ok(F, { type: "undo", reason: "Wrong" });
    g.ok(F, {
      type: "inject",
      title: "W",
      text: "X",
      effects: [{ shiftPoints: { side: "south", issue: "fish", option: "none", by: 5 } }],
    });
    g.ok(F, { type: "undo" });
    g.ok(F, { type: "ruling", kind: "strike", issue: "fish", reason: "S" });
    g.tick(5 * 60_000).ok(SYS, { type: "deadline" });
    expect(fold(createGame(tiny, { seed: "seed-1" }), g.events)).toEqual(g.state);
    const again = new Play(tiny);
    for (const e of g.events) {
      again.now = e.at;
      expect(again.ok(e.actor, moveOfEvent(e))).toEqual(e);
    }
  });
});

describe("the frozen version-4 record (tests/fixtures/record-v4-control.json)", () => {
  // Written out from the record when it was played: if these change, a rule changed without a new version.
  const SIDES = { north: 9, south: 11 };
  const ROLES = { "n-lead": 12, "n-fish": 9, "n-aide": 9, "s-lead": 11, "s-fish": 12 };
  const doc = () => JSON.parse(readFileSync(new URL("./fixtures/record-v4-control.json", import.meta.url), "utf8"));

  it("verifies, replays and scores as recorded, with its ruling, written effects and undos", () => {
    const record = doc();
    expect(record.rulesVersion).toBe(4);
    const types = record.events.map((e: { type: string }) => e.type);
    expect(types.filter((t: string) => t === "ruling" || t === "undo")).toEqual(["ruling", "undo", "undo"]);
    expect(record.events.some((e: { payload: { effects?: unknown } }) => e.payload.effects)).toBe(true);
    const verified = verifyRecord(record);
    if (!verified.ok) throw new Error(verified.message);
    expect(verified.state.outcome).toMatchObject({
      agreement: true,
      reason: "signed",
      terms: { fish: "split", border: "daytime" },
      scores: { sides: SIDES, roles: ROLES },
    });
    // The walk-away shift was undone: nothing of it is left.
    expect(verified.state.shifts.reservation).toEqual({ south: 0 });
    const read = parseRecord(record);
    if (!read.ok) throw new Error(read.problem.message);
    expect(fold(createGame(read.record.scenario, { seed: record.seed, rulesVersion: 4 }), record.events)).toEqual(
      verified.state,
    );
    // The browser's replay folds it the same, and marks Control's ruling and undos on its timeline.
    const replayed = foldRecord(read.record);
    expect(replayed.final).toEqual(verified.state);
    expect(replayed.marks.filter((m) => m.kind === "control").map((m) => m.label)).toEqual([
      "Ruling: Border crossing: Open",
      "Undone: Border crossing: Open",
      "Undone: Storm damage",
    ]);
    // The debrief's "Control interventions": each with its reason, the written inject with its effects.
    expect(interventionsOf(read.record.events, verified.state).map((x) => [x.kind, x.title, x.reason])).toEqual([
      ["ruling", "Border crossing: Open", "The 1998 accord binds"],
      ["undo", "Border crossing: Open", "The accord was repealed"],
      ["inject", "Storm damage", "The southern ports are closed."],
      ["undo", "Storm damage", "Ports reopened"],
    ]);
    // Claimed as version 3, its chain does not link (the genesis covers the version).
    expect(verifyRecord({ ...record, rulesVersion: 3 })).toMatchObject({ ok: false, code: "hash_mismatch" });
  });
});
