import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ClientView } from "../../client/src/core/mergeView";
import { IssueBoard } from "../../client/src/projector/IssueBoard";
import { PublicFeed } from "../../client/src/projector/PublicFeed";
import { modelOf, type SeatView } from "../../client/src/seat/model";
import { explain } from "../../client/src/seat/reasons";
import { t } from "../../client/src/texts";
import { joinBody } from "../../shared/contract/index";
import { agendaInPlay, checkMove, publicScenario, viewFor } from "../../shared/index";
import { defaultScenario } from "../../shared/scenarios/index";
import { F, Play } from "../support/play";

// Issue #11's smaller things, judged without a browser: the words a seat reads for a closed action
// before the clock has ever started, a blank name at join, the front page's code hint, and the
// projector's "Latest" tag.

const seatView = (g: Play, role: string): SeatView =>
  ({ ...viewFor(g.state, role), scenario: publicScenario(defaultScenario) }) as SeatView;

describe("a closed action before the game has started", () => {
  const chat = { type: "statement", text: "hello" };
  it("says the game has not started, not that it is paused", () => {
    const g = new Play(defaultScenario);
    const m = modelOf(seatView(g, "us-president"));
    const e = checkMove(m.view, chat);
    expect(e?.code).toBe("paused");
    const words = explain(m, e!, chat);
    expect(words).toMatch(/has not started/);
    expect(words).not.toMatch(/paused/);
  });
  it("says paused once the facilitator has started and then paused the clock", () => {
    const g = new Play(defaultScenario);
    g.ok(F, { type: "resume" });
    g.ok(F, { type: "pause" });
    const m = modelOf(seatView(g, "us-president"));
    const e = checkMove(m.view, chat);
    expect(e?.code).toBe("paused");
    expect(explain(m, e!, chat)).toMatch(/paused the game/);
  });
});

describe("a blank name at join", () => {
  it("is refused in words a student reads, not zod's 'Too small'", () => {
    const r = joinBody.safeParse({ code: "K7QM4-XRT9D", name: "   " });
    expect(r.success).toBe(false);
    const message = r.error!.issues.map((i) => i.message).join("; ");
    expect(message).toMatch(/type your name/i);
    expect(message).not.toMatch(/too small/i);
    expect(joinBody.parse({ code: "K7QM4-XRT9D", name: "  Tess " }).name).toBe("Tess");
  });
});

describe("the front page's code hint", () => {
  it("shows a code in the short format of docs/join-codes.md", () => {
    // Two groups of five from the 29 symbols (no 0/O, 1/I/L, U/V).
    expect(t.home.codeHint).toMatch(/\b[2-9A-HJKMNP-TW-Z]{5}-[2-9A-HJKMNP-TW-Z]{5}\b/);
    expect(t.home.codeHint).not.toMatch(/…/);
  });
});

describe("the projector's Latest tag", () => {
  const note = (seq: number, text: string) => ({ seq, at: seq * 1000, kind: "note", title: null, text, to: null });
  const render = (feed: unknown[]) =>
    renderToStaticMarkup(createElement(PublicFeed, { view: { feed } as unknown as ClientView }));
  const latestOf = (html: string) => html.match(/class="proj-latest">(?:(?!<\/li>).)*<p>([^<]*)<\/p>/)?.[1];

  it("marks only the newest note, by seq, whatever order the items arrived in", () => {
    expect(latestOf(render([note(3, "old"), note(9, "new")]))).toBe("new");
    // An item fetched late (after a reconnect) sits behind a newer one in the merged view.
    const html = render([note(9, "new"), note(3, "old")]);
    expect(latestOf(html)).toBe("new");
    expect(html.match(/proj-tag-new/g)).toHaveLength(1);
  });
});

describe("the agenda shown for a phase", () => {
  const phase = (id: string) => defaultScenario.phases.find((p) => p.id === id)!;
  it("lists only the issues someone acting in it holds", () => {
    // Stockholm's agenda names chips and rare earths, which neither minister holds.
    expect(phase("stockholm").agenda).toEqual(expect.arrayContaining(["chips", "rareEarths"]));
    expect(agendaInPlay(phase("stockholm"), defaultScenario.roles)).toEqual(["tariffs", "purchases"]);
    expect(agendaInPlay(phase("summit"), defaultScenario.roles)).toEqual(phase("summit").agenda);
    // A role left out of the game holds nothing.
    const seated = defaultScenario.roles.map((r) => r.id).filter((id) => id !== "us-treasury");
    expect(agendaInPlay(phase("stockholm"), defaultScenario.roles, seated)).toEqual(["tariffs", "purchases"]);
    expect(agendaInPlay(phase("stockholm"), defaultScenario.roles, ["us-president"])).toEqual([]);
  });
  it("is what the seat's model and the projector show in the Stockholm round", () => {
    const g = new Play(defaultScenario).startAt("stockholm");
    expect(modelOf(seatView(g, "us-commerce")).agenda).toEqual(["tariffs", "purchases"]);
    const view = {
      ...viewFor(g.state, "observer"),
      scenario: publicScenario(defaultScenario),
    } as unknown as ClientView;
    const html = renderToStaticMarkup(createElement(IssueBoard, { view }));
    const tagged = [...html.matchAll(/data-testid="projector-issue-(\w+)"(?:(?!<\/li>).)*?on the table now/g)].map(
      (x) => x[1],
    );
    expect(tagged).toEqual(["tariffs", "purchases"]);
  });
});
