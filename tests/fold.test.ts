import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { foldByApply, longEvents } from "../bench/longGame";
import { apply, createGame, fold, folder, type GameState, replay } from "../shared/index";
import { defaultScenario, tinyScenario } from "../shared/scenarios/index";
import { gameArb, playGame } from "./support/randomPlay";

// The linear fold (docs/performance.md): `fold` equals one `apply` per event in every part, never
// touches its input, and appends to the histories it copied instead of copying them per event.

function deepFreeze<T>(x: T): T {
  if (typeof x === "object" && x !== null && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

describe("fold", () => {
  it.each([
    ["default", defaultScenario],
    ["tiny", tinyScenario],
  ] as const)(
    "equals one apply per event on random games, from any point, and leaves a frozen start as it was (%s)",
    (_name, scenario) => {
      fc.assert(
        fc.property(gameArb, fc.nat(), (game, cut) => {
          const { events } = playGame(scenario, game);
          const start = createGame(scenario, { seed: game.seed });
          expect(fold(start, events)).toEqual(foldByApply(start, events));
          // From a frozen mid-game state: the same result, and the state untouched.
          const k = events.length === 0 ? 0 : cut % events.length;
          const mid = deepFreeze(foldByApply(start, events.slice(0, k)));
          const before = structuredClone(mid);
          expect(fold(mid, events.slice(k))).toEqual(foldByApply(mid, events.slice(k)));
          expect(mid).toEqual(before);
        }),
        { numRuns: 40, seed: 9 },
      );
    },
  );

  it("equals one apply per event over a long game with every kind of history", () => {
    const events = longEvents(defaultScenario, "fold-seed", 4_000);
    const kinds = new Set(events.map((e) => e.type));
    for (const k of ["chat", "statement", "note", "propose", "reject", "withdraw", "accept"])
      expect(kinds).toContain(k);
    const start = createGame(defaultScenario, { seed: "fold-seed" });
    const folded = fold(start, events);
    expect(folded).toEqual(foldByApply(start, events));
    expect(replay(defaultScenario, "fold-seed", events)).toEqual(folded);
  });

  it("appends in place to the histories it owns: one copy per fold, not one per event", () => {
    const events = longEvents(defaultScenario, "fold-seed", 3_000);
    const f = folder(createGame(defaultScenario, { seed: "fold-seed" }));
    const messageArrays = new Set<unknown>();
    const proposalArrays = new Set<unknown>();
    for (const e of events) {
      f.apply(e);
      messageArrays.add(f.state.messages);
      proposalArrays.add(f.state.proposals);
    }
    expect(f.state.messages.length).toBeGreaterThan(2_000);
    expect(f.state.proposals.length).toBeGreaterThan(50);
    // The input's (empty) arrays, then the fold's own copy for all that follows.
    expect(messageArrays.size).toBeLessThanOrEqual(2);
    expect(proposalArrays.size).toBeLessThanOrEqual(2);
    // apply, for comparison, hands out a new array at every chat: the versions it returns stay valid.
    let s: GameState = createGame(defaultScenario, { seed: "fold-seed" });
    const versions = new Set<unknown>();
    for (const e of events.slice(0, 200)) {
      s = apply(s, e);
      versions.add(s.messages);
    }
    expect(versions.size).toBeGreaterThan(100);
  });
});
