import { describe, expect, it } from "vitest";
import { mergeEvent, needsWholeView } from "../../client/src/core/mergeView";
import { eventFor, viewFor } from "../../shared/index";
import { tinyScenario } from "../../shared/scenarios/index";
import { F, Play, SYS, seat } from "../support/play";

// The client keeps its whole view by folding each event's compact view into the last `state`:
// after every event a seat may see, the folded view must equal the whole view the server would
// send at that moment. Where it cannot (a scheduled inject's press release on a phase change),
// the client asks for the whole view, and so does this test.

describe("folding compact event views on the client", () => {
  it("equals the server's whole view after every event, for every seat", () => {
    const g = new Play(tinyScenario, "merge");
    const seats = ["n-lead", "n-fish", "s-lead", "observer", "facilitator"];
    const held = Object.fromEntries(seats.map((s) => [s, { ...viewFor(g.state, s), gameId: "g1" }]));
    const moves: [unknown, unknown][] = [
      [F, { type: "resume" }],
      [SYS, { type: "seatJoined", seat: "n-fish", name: "Ana" }],
      [seat("n-fish"), { type: "chat", channel: "team:north", text: "plan" }],
      [F, { type: "note", text: "to the south", to: ["south"] }],
      [seat("s-lead"), { type: "chat", channel: "team:south", text: "theirs" }],
      [F, { type: "advancePhase" }],
      [seat("n-fish"), { type: "propose", terms: { fish: "north" }, note: "opening" }],
      [seat("s-fish"), { type: "reject", proposalId: "p1", note: "no" }],
      [seat("s-fish"), { type: "propose", terms: { fish: "split", border: "daytime" } }],
      [seat("n-fish"), { type: "chat", channel: "bc-fish", text: "psst" }],
      [F, { type: "advancePhase" }],
      [seat("n-lead"), { type: "accept", proposalId: "p2" }],
      [seat("s-lead"), { type: "statement", text: "Progress." }],
      [seat("n-lead"), { type: "sign", draftVersion: 1 }],
      [seat("n-lead"), { type: "unsign" }],
      // Control's rulings and undo (rules version 4): the draft, the feed and the seats' own points.
      [F, { type: "ruling", kind: "impose", issue: "statement", option: "friendly", reason: "Agreed at dinner" }],
      [F, { type: "undo", reason: "It was not" }],
      [
        F,
        {
          type: "inject",
          title: "Storm",
          text: "Both fleets hit.",
          effects: [
            { shiftPoints: { side: "north", issue: "fish", option: "north", by: -3 } },
            { agenda: { remove: ["statement"] } },
          ],
        },
      ],
      [F, { type: "undo" }],
      [
        F,
        {
          type: "inject",
          title: "South memo",
          text: "For the south.",
          to: ["south"],
          effects: [{ shiftReservation: { side: "south", by: 4 } }, { reveal: { to: ["s-lead"], text: "Psst." } }],
        },
      ],
      [F, { type: "undo", reason: "Memo withdrawn" }],
      [F, { type: "ruling", kind: "strike", issue: "border", reason: "Out of scope" }],
      [SYS, { type: "seatJoined", seat: "n-fish", name: "Bo" }],
      [SYS, { type: "seatJoined", seat: "s-lead", name: "Cy" }],
    ];
    for (const [actor, move] of moves) {
      const e = g.ok(actor, move);
      for (const s of seats) {
        const seen = eventFor(g.state, e, s);
        if (!seen) continue;
        const compact = { ...viewFor(g.state, s, { histories: false }), gameId: "g1" };
        const message = { seq: g.state.seq, event: { ...seen, seq: g.state.seq }, view: compact };
        const whole = viewFor(g.state, s);
        // As the client does: where the compact view cannot carry the change, it asks for the whole view.
        held[s] = needsWholeView(message, held[s]!) ? { ...whole, gameId: "g1" } : mergeEvent(held[s]!, message);
        const h = held[s]!;
        expect(h.channels, `${s} after ${JSON.stringify(move)}`).toEqual(whole.channels);
        expect(h.proposals, s).toEqual(whole.proposals);
        expect(h.feed, s).toEqual(whole.feed);
        expect({ ...h, channels: 0, proposals: 0, feed: 0, gameId: 0 }).toEqual({
          ...whole,
          channels: 0,
          proposals: 0,
          feed: 0,
          gameId: 0,
        });
      }
    }
  });
});
