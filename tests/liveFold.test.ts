import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldByApply, longEvents } from "../bench/longGame";
import { eventHash } from "../server/games/hash";
import { headOf } from "../server/games/service";
import { canonicalJson } from "../shared/canonical";
import { eventText, eventTextOf } from "../shared/hashChain";
import { apply, createGame, decide, type GameState, liveFold, viewFor, viewsOf } from "../shared/index";
import { openProposals, proposalById, proposalsChangedBy } from "../shared/proposalIndex";
import { defaultScenario, tinyScenario } from "../shared/scenarios/index";
import { gameArb, playGame } from "./support/randomPlay";

// A live game's fold (issue #13, point 5): events applied in place so a move costs the same at
// any length. What it risks: a state that differs from the pure fold's, a dry run that leaves a
// trace, and an index (shared/proposalIndex.ts) that falls behind its list.

const touchedByScan = (s: GameState) => s.proposals.filter((p) => p.seq === s.seq || p.closedSeq === s.seq);

describe("liveFold", () => {
  it.each([
    ["default", defaultScenario],
    ["tiny", tinyScenario],
  ] as const)(
    "equals apply at every event, and a dry run before each leaves the state as it was (%s)",
    (_n, scenario) => {
      fc.assert(
        fc.property(gameArb, (game) => {
          const { events } = playGame(scenario, game);
          const live = liveFold();
          let pure: GameState = createGame(scenario, { seed: game.seed });
          let state: GameState = pure;
          for (const e of events) {
            const before = JSON.stringify(state);
            const next = apply(pure, e);
            expect(live.dryRun(state, e, headOf)).toEqual(headOf(next));
            // Nothing of the event shows before it is applied: not in the arrays, not in the index.
            expect(JSON.stringify(state)).toBe(before);
            expect(proposalsChangedBy(state.proposals, state.seq)).toEqual(touchedByScan(state));
            state = live.apply(state, e);
            pure = next;
            expect(state).toEqual(pure);
            expect(proposalsChangedBy(state.proposals, state.seq)).toEqual(touchedByScan(state));
            expect(openProposals(state.proposals)).toEqual(state.proposals.filter((p) => p.status === "open"));
          }
        }),
        { numRuns: 25, seed: 13 },
      );
    },
  );

  it("appends in place over a long game: one messages array, one proposals array, and the same views", () => {
    const events = longEvents(defaultScenario, "live-seed", 3_000);
    const live = liveFold();
    let state: GameState = createGame(defaultScenario, { seed: "live-seed" });
    const arrays = new Set<unknown>();
    for (const e of events) {
      live.dryRun(state, e, headOf);
      state = live.apply(state, e);
      arrays.add(state.messages);
      arrays.add(state.proposals);
    }
    // The start's two empty arrays, then the fold's own two for the rest of the game.
    expect(arrays.size).toBeLessThanOrEqual(4);
    expect(state).toEqual(foldByApply(createGame(defaultScenario, { seed: "live-seed" }), events));
    for (const p of state.proposals) expect(proposalById(state.proposals, p.id)).toBe(p);
  });
});

describe("viewsOf", () => {
  it("gives every seat the view viewFor gives it, sharing what a whole audience sees", () => {
    fc.assert(
      fc.property(gameArb, (game) => {
        const { state } = playGame(defaultScenario, game);
        const seats = [...defaultScenario.roles.map((r) => r.id), "observer", "facilitator"];
        for (const histories of [true, false]) {
          const views = viewsOf(state, { histories });
          const made = seats.map((seat) => views(seat));
          for (const [i, seat] of seats.entries()) expect(made[i]).toEqual(viewFor(state, seat, { histories }));
          // One phase, draft and proposals list for all; one side part for a side's seats.
          expect(new Set(made.map((v) => v.phase)).size).toBe(1);
          expect(new Set(made.map((v) => v.proposals)).size).toBe(1);
          const us = made.filter((v) => v.mine?.side.id === defaultScenario.sides[0]!.id);
          expect(us.length).toBeGreaterThan(1);
          expect(new Set(us.map((v) => v.mine!.side)).size).toBe(1);
          expect(new Set(us.map((v) => v.mine!.role)).size).toBe(us.length);
        }
      }),
      { numRuns: 20, seed: 5 },
    );
  });
});

describe("the hash over the bytes stored", () => {
  it("is the chain's hash: eventTextOf over canonical parts equals the canonical JSON of the whole event", () => {
    fc.assert(
      fc.property(gameArb, (game) => {
        const { events } = playGame(tinyScenario, game);
        let previous = "genesis";
        for (const [i, ev] of events.entries()) {
          const e = { seq: i + 1, ...ev };
          const whole =
            previous + canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, type: e.type, payload: e.payload });
          const parts = {
            seq: e.seq,
            at: e.at,
            type: e.type,
            actorJson: canonicalJson(e.actor),
            payloadJson: canonicalJson(e.payload),
          };
          expect(eventTextOf(previous, parts)).toBe(whole);
          expect(eventText(previous, e)).toBe(whole);
          previous = eventHash(previous, e);
        }
      }),
      { numRuns: 20, seed: 3 },
    );
  });
});

describe("views of a live game", () => {
  it("stay as they were made when later events grow the state's lists in place", () => {
    const events = longEvents(defaultScenario, "alias", 300);
    const live = liveFold();
    let state: GameState = createGame(defaultScenario, { seed: "alias" });
    const step = (actor: unknown, move: unknown) => {
      const d = decide(state, actor, move, state.at + 1);
      if (!d.ok) throw new Error(`${JSON.stringify(move)}: ${d.error.code}`);
      state = live.apply(state, d.event);
    };
    for (const e of events.slice(0, 200)) state = live.apply(state, e);
    step({ system: true }, { type: "seatJoined", seat: "us-treasury", name: "Ana" });
    step({ facilitator: true }, { type: "drawInject" });
    const seats = [...defaultScenario.roles.map((r) => r.id), "observer", "facilitator"];
    const views = seats.map((seat) => viewFor(state, seat));
    const compact = seats.map((seat) => viewFor(state, seat, { histories: false }));
    const text = JSON.stringify([views, compact]);
    // Every list grows: messages, proposals, the feed, the played cards, a seat's names and joins.
    for (const e of events.slice(200)) state = live.apply(state, e);
    step({ system: true }, { type: "seatJoined", seat: "us-treasury", name: "Ben" });
    step({ facilitator: true }, { type: "drawInject" });
    expect(JSON.stringify([views, compact])).toBe(text);
  });
});
