import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyScenario } from "../../shared/scenarios/index";
import { connect, facilitatorKey, http } from "../support/server";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// Issue #12 point 1 in a real browser on a real server: the console's Ruling form imposes a term,
// both seats see it in their feed with its reason, "Undo last action" (after a confirmation)
// restores the draft, the written inject's effects editor sends a typed effect, and the debrief's
// "Control interventions" lists the ruling and the undo with their reasons, and the replay's timeline
// marks both.

describe.skipIf(!hasChromium)("Control's rulings from the console", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });

  it("a ruling reaches both seats with its reason, undo restores it, the debrief lists both", async () => {
    const key = await facilitatorKey(server.url, "Control teacher");
    const scenario = { ...structuredClone(tinyScenario), id: "tiny-control" };
    expect((await http(server.url, "POST", "/api/scenarios", { token: key, body: scenario })).status).toBe(201);
    const g = (await http(server.url, "POST", "/api/games", { token: key, body: { scenarioId: scenario.id } })).body;
    const join = async (seat: string, name: string) =>
      (await http(server.url, "POST", `/api/games/${g.gameId}/join`, { body: { code: g.joinCodes[seat], name } })).body
        .token as string;
    const tokens: Record<string, string> = {
      facilitator: g.facilitatorToken,
      "n-lead": await join("n-lead", "Nia"),
      "s-lead": await join("s-lead", "Sol"),
    };
    const move = (token: string, body: unknown) =>
      http(server.url, "POST", `/api/games/${g.gameId}/moves`, { token, body });
    for (const body of [{ type: "resume" }, { type: "advancePhase" }, { type: "advancePhase" }]) {
      expect((await move(tokens.facilitator!, body)).body).toMatchObject({ ok: true });
    }
    expect((await move(tokens["n-lead"]!, { type: "propose", terms: { fish: "split" } })).body).toMatchObject({
      ok: true,
    });
    expect((await move(tokens["s-lead"]!, { type: "accept", proposalId: "p1" })).body).toMatchObject({ ok: true });
    /** A seat's whole view, as a fresh socket gets it. */
    const viewOf = async (token: string) => {
      const c = await connect(server.url, token);
      c.close();
      return c.view;
    };
    const draft = async () => (await viewOf(tokens.facilitator!)).draft.terms;

    const open = async (who: string, path: string): Promise<Page> => {
      const { page } = await newPage(browser);
      await page.addInitScript(
        ([id, k, w, tk]) => {
          localStorage.setItem("summitry.facilitatorKey", k!);
          localStorage.setItem(`summitry.seat.${id}.${w}`, JSON.stringify({ token: tk, seat: w }));
        },
        [g.gameId, key, who, tokens[who]!],
      );
      await page.goto(`${server.url}${path}`);
      return page;
    };
    const fac = await open("facilitator", `/console/${g.gameId}`);
    const north = await open("n-lead", `/play/${g.gameId}/n-lead`);
    const south = await open("s-lead", `/play/${g.gameId}/s-lead`);
    await expect.poll(() => fac.getByTestId("ruling-form").count(), { timeout: 20_000 }).toBe(1);
    expect(await fac.getByTestId("undo-none").count()).toBe(1);

    // Impose Border crossing: Open, with a reason; the send button waits for every field.
    const form = fac.getByTestId("ruling-form");
    await form.getByTestId("ruling-issue").selectOption("border");
    await form.getByTestId("ruling-option").selectOption("open");
    expect(await form.getByTestId("ruling-send").isDisabled()).toBe(true);
    await form.getByTestId("ruling-reason").fill("The 1998 accord binds both sides");
    await form.getByTestId("ruling-send").click();
    await expect.poll(() => form.innerText(), { timeout: 15_000 }).toMatch(/Ruling sent\./);
    for (const seat of [north, south]) {
      await expect
        .poll(() => seat.getByTestId("feed").innerText(), { timeout: 15_000 })
        .toMatch(/Ruling[\s\S]*Border crossing: Open[\s\S]*The 1998 accord binds both sides/);
    }
    expect(await draft()).toEqual({ fish: "split", border: "open" });
    await expectAccessible(fac, "console with a ruling");
    await expectAccessible(south, "seat with a ruling");
    await shot(fac, "console-ruling");
    await shot(south, "seat-ruling");

    // Undo, after its confirmation: the draft is as it was, and both seats are told.
    const undo = fac.getByTestId("undo-last");
    await expect
      .poll(() => undo.getByTestId("undo-what").innerText(), { timeout: 15_000 })
      .toMatch(/Last action: Border crossing: Open/);
    await undo.getByTestId("undo-reason").fill("The accord was repealed");
    await undo.getByTestId("undo-button").click();
    expect(await draft()).toEqual({ fish: "split", border: "open" });
    await undo.getByTestId("confirm-button").click();
    await expect.poll(() => fac.getByTestId("undo-none").count(), { timeout: 15_000 }).toBe(1);
    expect(await draft()).toEqual({ fish: "split" });
    for (const seat of [north, south]) {
      await expect
        .poll(() => seat.getByTestId("feed").innerText(), { timeout: 15_000 })
        .toMatch(/Undone by Control[\s\S]*Border crossing: Open[\s\S]*The accord was repealed/);
    }

    // A written inject with a typed effect: south's walk-away, which only south sees move.
    await fac.locator(".con-write summary").click();
    await fac.getByTestId("write-inject-title").fill("Storm damage");
    await fac.getByTestId("write-inject-text").fill("The southern ports are closed.");
    await fac.getByTestId("effect-add").click();
    await fac.getByTestId("effect-0-kind").selectOption("shiftReservation");
    await fac.getByTestId("effect-0-side").selectOption("south");
    expect(await fac.getByTestId("write-inject-send").isDisabled()).toBe(true);
    await fac.getByTestId("effect-0-by").fill("-3");
    await fac.getByTestId("write-inject-send").click();
    await expect.poll(() => fac.getByTestId("undo-what").innerText(), { timeout: 15_000 }).toMatch(/Storm damage/);
    expect((await viewOf(tokens["s-lead"]!)).mine.side.reservation).toBe(tinyScenario.sides[1]!.reservation - 3);
    expect((await viewOf(tokens["n-lead"]!)).mine.side.reservation).toBe(tinyScenario.sides[0]!.reservation);

    // The debrief (the facilitator's, while the game runs): Control's interventions with their reasons.
    await fac.goto(`${server.url}/debrief/${g.gameId}`);
    const list = fac.getByTestId("debrief-interventions");
    await expect.poll(() => list.count(), { timeout: 20_000 }).toBe(1);
    expect(await list.getByTestId("debrief-intervention-ruling").innerText()).toMatch(
      /Ruling: Border crossing: Open[\s\S]*The 1998 accord binds both sides/,
    );
    expect(await list.getByTestId("debrief-intervention-undo").innerText()).toMatch(
      /Undone by Control: Border crossing: Open[\s\S]*The accord was repealed/,
    );
    expect(await list.getByTestId("debrief-intervention-inject").innerText()).toMatch(
      /Storm damage[\s\S]*South's reservation value −3/,
    );
    await expectAccessible(fac, "debrief with Control's interventions");

    // The replay's timeline marks the ruling and the undo; stepping to the ruling says what it was.
    await fac.goto(`${server.url}/replay/${g.gameId}`);
    await expect.poll(() => fac.getByTestId("replay-control-mark").count(), { timeout: 20_000 }).toBe(2);
    const marks = fac.getByTestId("replay-control-mark");
    expect(await marks.nth(0).getAttribute("aria-label")).toMatch(
      /Control at event \d+: Ruling: Border crossing: Open/,
    );
    expect(await marks.nth(1).getAttribute("aria-label")).toMatch(
      /Control at event \d+: Undone: Border crossing: Open/,
    );
    await marks.nth(0).click();
    await expect
      .poll(() => fac.getByTestId("replay").innerText(), { timeout: 15_000 })
      .toMatch(/Control ruled: Border crossing: Open imposed\. Reason: “The 1998 accord binds both sides”/);
    await expectAccessible(fac, "replay with Control's marks");
    for (const p of [fac, north, south]) await p.context().close();
  });
});
