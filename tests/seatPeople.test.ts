import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type GameState, onSeatAt, viewFor } from "../shared/index";
import { defaultScenario, tinyScenario } from "../shared/scenarios/index";
import { F, Play, SYS, seat } from "./support/play";
import { gameArb, playGame } from "./support/randomPlay";

// Who is credited with what a seat did (issue 11): a message, statement or proposal made at seq s
// names only those who had joined the seat by s. One rule (shared/seatPeople.ts) over the joins the
// state and the view keep; checked here against the seat's names as they stood at each moment.

describe("who was on a seat at seq s (onSeatAt)", () => {
  it("names only the joins at or before s, in join order", () => {
    const joins = [
      { name: "Ana", seq: 2 },
      { name: "Bo", seq: 5 },
      { name: "Cy", seq: 9 },
    ];
    expect(onSeatAt(joins, 1)).toEqual([]);
    expect(onSeatAt(joins, 2)).toEqual(["Ana"]);
    expect(onSeatAt(joins, 4)).toEqual(["Ana"]);
    expect(onSeatAt(joins, 5)).toEqual(["Ana", "Bo"]);
    expect(onSeatAt(joins, 100)).toEqual(["Ana", "Bo", "Cy"]);
    expect(onSeatAt(undefined, 100)).toEqual([]);
    expect(onSeatAt([], 3)).toEqual([]);
  });

  it("a chat line before a join is not credited to the newcomer, in the state and in every seat's view", () => {
    const g = new Play(tinyScenario, "credit");
    g.ok(F, { type: "resume" });
    g.ok(SYS, { type: "seatJoined", seat: "n-fish", name: "Ana" });
    g.ok(seat("n-fish"), { type: "chat", channel: "team:north", text: "before Bo" });
    const before = g.state.seq;
    g.ok(SYS, { type: "seatJoined", seat: "n-fish", name: "Bo" });
    g.ok(seat("n-fish"), { type: "chat", channel: "team:north", text: "with Bo" });
    const after = g.state.seq;
    expect(g.state.seats["n-fish"]).toEqual(["Ana", "Bo"]);
    for (const s of ["n-fish", "n-lead", "s-lead", "observer", "facilitator"]) {
      const joins = viewFor(g.state, s).seats.find((x) => x.id === "n-fish")!.joins;
      expect(onSeatAt(joins, before), s).toEqual(["Ana"]);
      expect(onSeatAt(joins, after), s).toEqual(["Ana", "Bo"]);
    }
    // The compact view that travels with each event carries no seats, so neither names nor joins.
    expect("seats" in viewFor(g.state, "n-fish", { histories: false })).toBe(false);
  });

  it.each([
    ["default", defaultScenario, 30],
    ["tiny", tinyScenario, 80],
  ] as const)(
    "over random games, credits each message and proposal to the seat's names as they stood then (%s)",
    (_n, scenario, numRuns) => {
      let laterJoins = 0;
      fc.assert(
        fc.property(gameArb, (game) => {
          // The seat's names after every event: what "on the seat at seq s" must mean.
          const namesAt = new Map<number, GameState["seats"]>();
          const { state } = playGame(scenario, game, {
            afterApply: (_before, after) => namesAt.set(after.seq, structuredClone(after.seats)),
          });
          for (const r of scenario.roles) {
            const joins = state.joins[r.id]!;
            expect(joins.map((j) => j.name)).toEqual(state.seats[r.id]);
            expect(joins.map((j) => j.seq)).toEqual([...joins.map((j) => j.seq)].sort((a, b) => a - b));
            expect(viewFor(state, "facilitator").seats.find((x) => x.id === r.id)!.joins).toEqual(joins);
          }
          const said = [
            ...state.messages.map((m) => ({ from: m.from, seq: m.seq })),
            ...state.proposals.map((p) => ({ from: p.by, seq: p.seq })),
          ];
          for (const { from, seq } of said) {
            const joins = state.joins[from];
            if (!joins) continue; // control's press releases
            expect(onSeatAt(joins, seq), `${from} at ${seq}`).toEqual(namesAt.get(seq)![from]);
            if (joins.some((j) => j.seq > seq)) laterJoins++;
          }
        }),
        { numRuns, seed: 11 },
      );
      // The case the rule is for occurred: someone joined a seat after it had said something.
      expect(laterJoins).toBeGreaterThan(0);
    },
  );
});
