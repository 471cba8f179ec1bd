import { describe, expect, it } from "vitest";
import { checkMove, errorCodeSchema, MAX_EXTEND_MINUTES, scoreOf, viewFor } from "../shared/index";
import { tinyScenario as tiny } from "../shared/scenarios/index";
import { F, Play, SYS, seat } from "./support/play";

// Each rule of GAME.md, allowed and refused, on the small test scenario (tiny-summit.json):
// phases prep (team chat only) → round1 (n-fish and s-fish act on fish and border) → summit (all).

const N_LEAD = seat("n-lead");
const N_FISH = seat("n-fish");
const N_AIDE = seat("n-aide");
const S_LEAD = seat("s-lead");
const S_FISH = seat("s-fish");

describe("a new game", () => {
  it("waits in the first phase, clock stopped, draft empty, until the facilitator starts it", () => {
    const g = new Play(tiny);
    expect(g.state.phaseIndex).toBe(0);
    expect(g.state.clock).toMatchObject({ started: false, paused: true, endsAt: null, remainingMs: 2 * 60_000 });
    expect(g.state.draft).toEqual({ version: 0, terms: {}, signedBy: [], settledIn: {} });
    g.ok(F, { type: "resume" });
    expect(g.state.clock).toMatchObject({ started: true, paused: false, endsAt: g.now + 2 * 60_000 });
  });
});

describe("input that is not a move", () => {
  const g = new Play(tiny).startAt("round1");
  it.each([
    [null, "unknown_move"],
    [42, "unknown_move"],
    [{ type: "teleport" }, "unknown_move"],
    [{ type: "propose" }, "invalid_move"],
    [{ type: "propose", terms: {} }, "invalid_move"],
    [{ type: "propose", terms: { fish: 3 } }, "invalid_move"],
    [{ type: "sign", draftVersion: "1" }, "invalid_move"],
    [{ type: "chat", channel: "table", text: "x", extra: true }, "invalid_move"],
    [{ type: "chat", channel: "table", text: "   " }, "invalid_move"],
    [{ type: "extend", minutes: 16 }, "invalid_move"],
    [{ type: "inject", injectId: "inj-storm", title: "both" }, "invalid_move"],
  ])("%j is refused with %s", (move, code) => g.refused(N_FISH, move, errorCodeSchema.parse(code)));

  it("an unknown actor or seat is refused", () => {
    g.refused({ seat: "nobody" }, { type: "walkAway" }, "unknown_seat");
    g.refused({ king: true }, { type: "walkAway" }, "invalid_actor");
    g.refused("n-fish", { type: "walkAway" }, "invalid_actor");
  });
});

describe("who may make which kind of move", () => {
  const g = new Play(tiny).startAt("round1");
  it("facilitator moves are the facilitator's", () => {
    for (const type of ["advancePhase", "pause", "endGame", "drawInject"])
      g.refused(N_LEAD, { type }, "not_facilitator");
  });
  it("system moves are the server's", () => {
    g.refused(F, { type: "deadline" }, "not_system");
    g.refused(N_LEAD, { type: "seatJoined", seat: "n-lead", name: "Ann" }, "not_system");
  });
  it("the facilitator does not propose, accept or sign for a side, but may speak as Control", () => {
    g.refused(F, { type: "propose", terms: { fish: "split" } }, "not_a_player");
    g.refused(F, { type: "walkAway" }, "not_a_player");
    g.ok(F, { type: "chat", channel: "team:north", text: "Five minutes left." });
    g.ok(F, { type: "statement", text: "Control: the talks continue." });
    expect(g.state.messages.at(-1)).toMatchObject({ channel: "press", from: "control" });
  });
});

describe("pause, resume, extend and deadlines", () => {
  it("pause stops the clock with the time left; resume restarts it with that time", () => {
    const g = new Play(tiny).startAt("round1");
    const endsAt = g.state.clock.endsAt!;
    g.tick(60_000).ok(F, { type: "pause" });
    expect(g.state.clock).toMatchObject({ paused: true, endsAt: null, remainingMs: endsAt - g.now });
    g.refused(F, { type: "pause" }, "already_paused");
    g.refused(N_FISH, { type: "propose", terms: { fish: "split" } }, "paused");
    g.refused(N_FISH, { type: "chat", channel: "table", text: "hello" }, "paused");
    g.ok(N_FISH, { type: "chat", channel: "team:north", text: "while we wait" });
    g.refused(SYS, { type: "deadline" }, "paused");
    g.tick(10 * 60_000).ok(F, { type: "resume" });
    expect(g.state.clock.endsAt).toBe(g.now + 4 * 60_000);
    g.refused(F, { type: "resume" }, "not_paused");
  });

  it("extend adds 1 to 15 minutes, at most 30 in all per phase, paused or running", () => {
    const g = new Play(tiny).startAt("round1");
    const endsAt = g.state.clock.endsAt!;
    g.ok(F, { type: "extend", minutes: 15 });
    expect(g.state.clock.endsAt).toBe(endsAt + 15 * 60_000);
    g.ok(F, { type: "pause" });
    g.ok(F, { type: "extend", minutes: 15 });
    expect(g.state.clock.extendedMinutes).toBe(MAX_EXTEND_MINUTES);
    g.refused(F, { type: "extend", minutes: 1 }, "extend_limit");
    // A new phase has its own allowance.
    g.ok(F, { type: "advancePhase" });
    g.ok(F, { type: "extend", minutes: 1 });
  });

  it("a deadline fires only once the phase's time has run out, and moves to the next phase", () => {
    const g = new Play(tiny).startAt("prep");
    g.tick(2 * 60_000 - 1).refused(SYS, { type: "deadline" }, "not_due");
    g.tick(1).ok(SYS, { type: "deadline" });
    expect(g.state.scenario.phases[g.state.phaseIndex]!.id).toBe("round1");
    expect(g.state.clock.endsAt).toBe(g.now + 5 * 60_000);
    g.refused(SYS, { type: "deadline" }, "not_due");
  });

  it("a phase entered while paused stays paused with its full time", () => {
    const g = new Play(tiny);
    g.ok(F, { type: "advancePhase" });
    expect(g.state.clock).toMatchObject({ paused: true, endsAt: null, remainingMs: 5 * 60_000 });
  });
});

describe("channels", () => {
  it("the team channel is open to its side in every phase, paused or not", () => {
    const g = new Play(tiny);
    g.ok(N_AIDE, { type: "chat", channel: "team:north", text: "first thoughts" });
    g.refused(N_AIDE, { type: "chat", channel: "team:south", text: "hello" }, "not_a_member");
  });
  it("the table is for the acting roles when the phase opens chat", () => {
    const g = new Play(tiny).startAt("prep");
    g.refused(N_FISH, { type: "chat", channel: "table", text: "hi" }, "not_acting");
    g.ok(F, { type: "advancePhase" });
    g.ok(N_FISH, { type: "chat", channel: "table", text: "hi" });
    g.refused(N_LEAD, { type: "chat", channel: "table", text: "hi" }, "not_acting");
  });
  it("a backchannel is open to its two members after the first phase", () => {
    const g = new Play(tiny).startAt("prep");
    g.refused(N_FISH, { type: "chat", channel: "bc-fish", text: "psst" }, "wrong_phase");
    g.ok(F, { type: "advancePhase" });
    g.ok(N_FISH, { type: "chat", channel: "bc-fish", text: "psst" });
    g.refused(N_LEAD, { type: "chat", channel: "bc-fish", text: "psst" }, "not_a_member");
  });
  it("unknown channels, press, and long messages are refused", () => {
    const g = new Play(tiny).startAt("round1");
    g.refused(N_FISH, { type: "chat", channel: "nowhere", text: "x" }, "unknown_channel");
    g.refused(N_FISH, { type: "chat", channel: "press", text: "x" }, "unknown_channel");
    g.refused(N_FISH, { type: "chat", channel: "table", text: "x".repeat(201) }, "message_too_long");
    g.ok(N_FISH, { type: "chat", channel: "table", text: "x".repeat(200) });
  });
  it("statements: leaders and acting roles, after the first phase, where the phase opens them", () => {
    const g = new Play(tiny).startAt("prep");
    g.refused(N_LEAD, { type: "statement", text: "We are hopeful." }, "wrong_phase");
    g.ok(F, { type: "advancePhase" });
    g.ok(N_LEAD, { type: "statement", text: "We are hopeful." });
    g.ok(S_FISH, { type: "statement", text: "So are we." });
    g.refused(N_AIDE, { type: "statement", text: "Me too." }, "not_acting");
    expect(g.state.messages.filter((m) => m.channel === "press").map((m) => m.from)).toEqual([
      "control", // the scheduled inject's press release
      "n-lead",
      "s-fish",
    ]);
  });
});

describe("proposals", () => {
  it("propose: only acting roles, only agenda issues in the proposer's portfolio, real options", () => {
    const g = new Play(tiny).startAt("prep");
    g.refused(N_FISH, { type: "propose", terms: { fish: "split" } }, "wrong_phase");
    g.ok(F, { type: "advancePhase" });
    g.refused(N_LEAD, { type: "propose", terms: { fish: "split" } }, "not_acting");
    g.refused(N_FISH, { type: "propose", terms: { border: "open" } }, "not_in_portfolio");
    g.refused(S_FISH, { type: "propose", terms: { statement: "friendly" } }, "not_on_agenda");
    g.refused(N_FISH, { type: "propose", terms: { whales: "many" } }, "unknown_issue");
    g.refused(N_FISH, { type: "propose", terms: { fish: "all" } }, "unknown_option");
    g.refused(N_FISH, { type: "propose", terms: { fish: "split" }, inReplyTo: "p9" }, "unknown_proposal");
    g.refused(N_FISH, { type: "propose", terms: { fish: "split" }, note: "x".repeat(201) }, "message_too_long");
    const e = g.ok(N_FISH, { type: "propose", terms: { fish: "north" }, note: "Our opening." });
    expect(e.payload.proposalId).toBe("p1");
    expect(g.state.proposals[0]).toMatchObject({
      id: "p1",
      from: "north",
      to: "south",
      by: "n-fish",
      status: "open",
      phase: "round1",
    });
  });

  it("a side may have at most maxOpenProposalsPerSide open at once", () => {
    const g = new Play(tiny).startAt("round1");
    g.ok(N_FISH, { type: "propose", terms: { fish: "north" } });
    g.ok(N_FISH, { type: "propose", terms: { fish: "split" } });
    g.refused(N_FISH, { type: "propose", terms: { fish: "none" } }, "too_many_open_proposals");
    g.ok(S_FISH, { type: "propose", terms: { fish: "none" } }); // the other side's count is its own
    g.ok(N_FISH, { type: "withdraw", proposalId: "p1" });
    g.ok(N_FISH, { type: "propose", terms: { fish: "none" }, inReplyTo: "p3" });
  });

  it("accept and reject: an open proposal addressed to one's side, judged by the current phase", () => {
    const g = new Play(tiny).startAt("round1");
    g.ok(S_FISH, { type: "propose", terms: { fish: "split", border: "daytime" } });
    g.refused(S_FISH, { type: "accept", proposalId: "p1" }, "not_addressed_to_you");
    g.refused(N_FISH, { type: "accept", proposalId: "p7" }, "unknown_proposal");
    // n-fish holds fish only; the package includes the border.
    g.refused(N_FISH, { type: "accept", proposalId: "p1" }, "not_in_portfolio");
    g.refused(N_FISH, { type: "reject", proposalId: "p1" }, "not_in_portfolio");
    g.refused(N_LEAD, { type: "accept", proposalId: "p1" }, "not_acting");
    // Open proposals stay open into the next phase, where the leader acts.
    g.ok(F, { type: "advancePhase" });
    g.ok(N_LEAD, { type: "accept", proposalId: "p1" });
    expect(g.state.draft).toMatchObject({ version: 1, terms: { fish: "split", border: "daytime" } });
    g.refused(N_LEAD, { type: "reject", proposalId: "p1" }, "proposal_not_open");
    g.ok(S_LEAD, { type: "propose", terms: { statement: "friendly" } });
    g.ok(N_AIDE, { type: "reject", proposalId: "p2", note: "Too warm." });
    expect(g.state.proposals[1]).toMatchObject({ status: "rejected", closedBy: "n-aide", closeNote: "Too warm." });
  });

  it("a package accepted in a phase whose agenda lacks one of its issues is refused", () => {
    const g = new Play(tiny).startAt("summit");
    g.ok(N_LEAD, { type: "propose", terms: { fish: "split", border: "daytime" } });
    g.ok(F, { type: "inject", injectId: "inj-leak" }); // removes the border from the agenda
    g.refused(S_LEAD, { type: "accept", proposalId: "p1" }, "not_on_agenda");
    g.refused(S_LEAD, { type: "propose", terms: { border: "open" } }, "not_on_agenda");
    g.ok(S_LEAD, { type: "propose", terms: { fish: "split" } });
  });

  it("withdraw: the proposer or its side's leader", () => {
    const g = new Play(tiny).startAt("summit");
    g.ok(N_FISH, { type: "propose", terms: { fish: "north" } });
    g.ok(N_FISH, { type: "propose", terms: { fish: "split" } });
    g.refused(N_AIDE, { type: "withdraw", proposalId: "p1" }, "not_proposer");
    g.refused(S_LEAD, { type: "withdraw", proposalId: "p1" }, "not_proposer");
    g.ok(N_LEAD, { type: "withdraw", proposalId: "p1" });
    g.ok(N_FISH, { type: "withdraw", proposalId: "p2" });
    g.refused(N_FISH, { type: "withdraw", proposalId: "p2" }, "proposal_not_open");
  });
});

describe("signing", () => {
  const settle = () => {
    const g = new Play(tiny).startAt("summit");
    g.ok(N_LEAD, { type: "propose", terms: { fish: "split" } });
    g.ok(S_LEAD, { type: "accept", proposalId: "p1" });
    return g;
  };

  it("only leaders sign, where the phase opens it, the current version, with enough issues settled", () => {
    const g = new Play(tiny).startAt("round1");
    g.refused(N_LEAD, { type: "sign", draftVersion: 0 }, "wrong_phase");
    const h = settle();
    h.refused(N_FISH, { type: "sign", draftVersion: 1 }, "not_leader");
    h.refused(N_LEAD, { type: "sign", draftVersion: 0 }, "draft_version_mismatch");
    h.refused(N_LEAD, { type: "sign", draftVersion: 1 }, "too_few_issues");
    h.ok(S_LEAD, { type: "propose", terms: { border: "daytime" } });
    h.ok(N_LEAD, { type: "accept", proposalId: "p2" });
    h.ok(N_LEAD, { type: "sign", draftVersion: 2 });
    h.refused(N_LEAD, { type: "sign", draftVersion: 2 }, "already_signed");
    expect(h.state.draft.signedBy).toEqual(["north"]);
  });

  it("any change to the draft clears both signatures; unsign removes one's own", () => {
    const g = settle();
    g.ok(S_LEAD, { type: "propose", terms: { border: "daytime" } });
    g.ok(N_LEAD, { type: "accept", proposalId: "p2" });
    g.refused(N_LEAD, { type: "unsign" }, "not_signed");
    g.ok(N_LEAD, { type: "sign", draftVersion: 2 });
    g.refused(N_FISH, { type: "unsign" }, "not_leader");
    g.ok(N_LEAD, { type: "unsign" });
    g.ok(N_LEAD, { type: "sign", draftVersion: 2 });
    g.ok(N_LEAD, { type: "propose", terms: { statement: "friendly" } });
    g.ok(S_LEAD, { type: "accept", proposalId: "p3" });
    expect(g.state.draft).toMatchObject({ version: 3, signedBy: [] });
  });

  it("walking away is the leader's", () => {
    const g = settle();
    g.refused(N_FISH, { type: "walkAway" }, "not_leader");
  });
});

describe("injects and notes", () => {
  it("a scheduled inject fires when its phase starts", () => {
    const g = new Play(tiny).startAt("prep");
    expect(g.state.played).toEqual([]);
    g.ok(F, { type: "advancePhase" });
    expect(g.state.played).toEqual(["inj-open"]);
    expect(g.state.messages).toContainEqual(
      expect.objectContaining({ channel: "press", from: "control", text: "Talks have opened." }),
    );
    g.refused(F, { type: "inject", injectId: "inj-open" }, "not_a_deck_card");
  });

  it("deck cards: played once each, by id or drawn at random from the seed, then deck_empty", () => {
    const g = new Play(tiny).startAt("round1");
    g.refused(F, { type: "inject", injectId: "inj-nope" }, "unknown_inject");
    g.ok(F, { type: "inject", injectId: "inj-crowd" });
    g.refused(F, { type: "inject", injectId: "inj-crowd" }, "inject_played");
    const first = g.ok(F, { type: "drawInject" }).payload.injectId;
    const second = g.ok(F, { type: "drawInject" }).payload.injectId;
    expect(new Set([first, second])).toEqual(new Set(["inj-storm", "inj-leak"]));
    g.refused(F, { type: "drawInject" }, "deck_empty");
    // The same seed draws the same cards.
    const h = new Play(tiny).startAt("round1");
    h.ok(F, { type: "inject", injectId: "inj-crowd" });
    expect(h.ok(F, { type: "drawInject" }).payload.injectId).toBe(first);
  });

  it("effects shift points and reservations, reveal to chosen seats, and change the agenda", () => {
    const g = new Play(tiny).startAt("round1");
    g.ok(F, { type: "inject", injectId: "inj-storm" });
    expect(viewFor(g.state, "n-lead").mine!.side.points.fish).toEqual([0, 6, 6]);
    expect(viewFor(g.state, "s-lead").mine!.side.reservation).toBe(11);
    expect(scoreOf(g.state).reservations).toEqual({ north: 10, south: 11 });
    g.ok(F, { type: "inject", injectId: "inj-leak" });
    expect(g.state.agenda).toEqual(["fish"]);
    const reveal = (s: string) =>
      viewFor(g.state, s)
        .feed.filter((f) => f.kind === "reveal")
        .map((f) => f.text);
    expect(reveal("s-fish")).toEqual(["SOUTH-REVEAL-SECRET: North is bluffing."]);
    expect(reveal("n-lead")).toEqual([]);
    expect(reveal("observer")).toEqual([]);
    // The agenda change lasts for the rest of the phase only.
    g.ok(F, { type: "advancePhase" });
    expect(g.state.agenda).toEqual(["fish", "border", "statement"]);
  });

  it("written injects and notes go to all, or to chosen seats and sides", () => {
    const g = new Play(tiny).startAt("round1");
    g.refused(F, { type: "note", text: "hi", to: ["nobody"] }, "unknown_recipient");
    g.ok(F, { type: "note", text: "To the South only.", to: ["south"] });
    g.ok(F, { type: "inject", title: "Rumour", text: "To the North leader.", to: ["n-lead"] });
    g.ok(F, { type: "note", text: "To everyone." });
    const texts = (s: string) => viewFor(g.state, s).feed.map((f) => f.text);
    expect(texts("s-fish")).toEqual(["The first round begins.", "To the South only.", "To everyone."]);
    expect(texts("n-lead")).toEqual(["The first round begins.", "To the North leader.", "To everyone."]);
    expect(texts("observer")).toEqual(["The first round begins.", "To everyone."]);
  });
});

describe("the end of a game", () => {
  it("nothing is decided after the end but a seat joining the record", () => {
    const g = new Play(tiny).startAt("summit");
    g.ok(F, { type: "endGame" });
    g.refused(N_LEAD, { type: "walkAway" }, "game_over");
    g.refused(F, { type: "advancePhase" }, "game_over");
    g.refused(SYS, { type: "deadline" }, "game_over");
    g.ok(SYS, { type: "seatJoined", seat: "n-lead", name: "Ann" });
    g.refused(SYS, { type: "seatJoined", seat: "ghost", name: "Ann" }, "unknown_seat");
  });

  it("checkMove on a seat's view gives the refusal the server would", () => {
    const g = new Play(tiny).startAt("round1");
    const v = viewFor(g.state, "n-fish");
    expect(checkMove(v, { type: "propose", terms: { border: "open" } })?.code).toBe("not_in_portfolio");
    expect(checkMove(v, { type: "propose", terms: { fish: "split" } })).toBeNull();
    expect(checkMove(v, { type: "sign", draftVersion: 0 })?.code).toBe("wrong_phase");
    expect(checkMove(viewFor(g.state, "observer"), { type: "chat", channel: "table", text: "x" })?.code).toBe(
      "read_only",
    );
    expect(checkMove(viewFor(g.state, "facilitator"), { type: "drawInject" })).toBeNull();
    expect(checkMove(v, { type: "pause" })?.code).toBe("not_facilitator");
  });
});
