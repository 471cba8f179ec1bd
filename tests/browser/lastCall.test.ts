import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyScenario } from "../../shared/scenarios/index";
import { facilitatorKey, http } from "../support/server";
import { recordUnder, T0 } from "../support/versionedRecord";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// Issue #11 point 4, one table's part: the console's "Last call" control (with a confirmation),
// and what a seat then sees: the banner with the game's end on its clock, and a closed action
// saying why (only signing is open), in a real browser on a real server. Then a game that ended
// when its last call ran out: its console and its debrief say so, not merely that time ran out.

describe.skipIf(!hasChromium)("last call from a table's console", () => {
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

  it("the facilitator calls it after a confirmation; every seat sees it and its end, and only signing is open", async () => {
    const key = await facilitatorKey(server.url, "Last call teacher");
    const g = (
      await http(server.url, "POST", "/api/games", {
        token: key,
        body: { scenarioId: "great-rebalancing", title: "Table L" },
      })
    ).body;
    const us = (
      await http(server.url, "POST", `/api/games/${g.gameId}/join`, {
        body: { code: g.joinCodes["us-president"], name: "Ana" },
      })
    ).body.token as string;
    const f = g.facilitatorToken as string;
    const move = (token: string, body: unknown) =>
      http(server.url, "POST", `/api/games/${g.gameId}/moves`, { token, body });
    for (const body of [{ type: "resume" }, { type: "advancePhase" }, { type: "advancePhase" }]) {
      expect((await move(f, body)).body).toMatchObject({ ok: true });
    }

    const { page: fac } = await newPage(browser);
    const { page: seat } = await newPage(browser);
    for (const [page, who, token] of [
      [fac, "facilitator", f],
      [seat, "us-president", us],
    ] as const) {
      await page.addInitScript(
        ([id, k, w, tk]) => {
          localStorage.setItem("summitry.facilitatorKey", k!);
          localStorage.setItem(`summitry.seat.${id}.${w}`, JSON.stringify({ token: tk, seat: w }));
        },
        [g.gameId, key, who, token],
      );
    }
    await fac.goto(`${server.url}/console/${g.gameId}`);
    await seat.goto(`${server.url}/play/${g.gameId}/us-president`);
    await expect.poll(() => fac.getByTestId("last-call").count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => seat.getByTestId("proposal-builder").count(), { timeout: 20_000 }).toBe(1);
    expect(await seat.getByTestId("last-call-banner").count()).toBe(0);

    // Out of range: no button, a hint instead.
    await fac.getByTestId("last-call-minutes").fill("20");
    expect(await fac.getByTestId("last-call-button").count()).toBe(0);
    await fac.getByTestId("last-call-minutes").fill("4");
    await fac.getByTestId("last-call-button").click();
    // Nothing is sent before the confirmation.
    expect(await fac.getByTestId("last-call-on").count()).toBe(0);
    await fac.getByTestId("last-call").getByTestId("confirm-button").click();
    await expect
      .poll(() => fac.getByTestId("last-call-on").innerText(), { timeout: 15_000 })
      .toMatch(/the game ends at/);
    await expect
      .poll(() => seat.getByTestId("last-call-banner").innerText(), { timeout: 15_000 })
      .toMatch(/Last call: only signing is open\. The game ends at \d/);
    await expect
      .poll(() => seat.locator("#propose-reason").innerText(), { timeout: 15_000 })
      .toMatch(/last call: only signing and taking a signature back are open, until the game ends at/i);
    // The seat's "Now:" line says the same: the leader signs or not, nothing else.
    expect(await seat.locator(".seat-now").innerText()).toMatch(/Last call: only signing is open\. As leader, sign/);
    await expectAccessible(seat, "seat in last call");
    // The console no longer offers the next phase: the last call's end is the game's.
    expect(await fac.getByTestId("advance-phase").count()).toBe(0);
    await expectAccessible(fac, "console in last call");
    await shot(seat, "seat-last-call");
    await shot(fac, "console-last-call");

    // The server agrees: a proposal is refused, and the game's clock runs to the last call's end.
    const refused = (await move(us, { type: "propose", terms: { tariffs: "cutFentanylTariff" } })).body;
    expect(refused).toMatchObject({ error: { code: "last_call", details: { open: ["sign", "unsign"] } } });
    await fac.context().close();
    await seat.context().close();
  });

  it("a game that ended when its last call ran out says so on its console and in its debrief", async () => {
    const key = await facilitatorKey(server.url, "Ending teacher");
    const F = { facilitator: true } as const;
    const seat = (id: string) => ({ seat: id });
    const calledAt = T0 + 60_000;
    // Played to the summit, a draft on the table, half signed; then 3 minutes of last call, and its deadline.
    const doc = recordUnder(tinyScenario, "ending-seed", 3, [
      { actor: F, move: { type: "resume" }, at: T0 },
      { actor: F, move: { type: "advancePhase" }, at: T0 + 1_000 },
      { actor: F, move: { type: "advancePhase" }, at: T0 + 2_000 },
      { actor: seat("n-lead"), move: { type: "propose", terms: { fish: "split", border: "daytime" } }, at: T0 + 3_000 },
      { actor: seat("s-lead"), move: { type: "accept", proposalId: "p1" }, at: T0 + 4_000 },
      { actor: F, move: { type: "lastCall", minutes: 3 }, at: calledAt },
      { actor: seat("n-lead"), move: { type: "sign", draftVersion: 1 }, at: calledAt + 1_000 },
      { actor: { system: true }, move: { type: "deadline" }, at: calledAt + 3 * 60_000 },
    ]);
    const imported = await http(server.url, "POST", "/api/games/import", { token: key, body: doc });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const { gameId, facilitatorToken } = imported.body as { gameId: string; facilitatorToken: string };
    const { page } = await newPage(browser);
    await page.addInitScript(
      ([k, id, tk]) => {
        localStorage.setItem("summitry.facilitatorKey", k!);
        localStorage.setItem(`summitry.seat.${id}.facilitator`, JSON.stringify({ token: tk, seat: "facilitator" }));
      },
      [key, gameId, facilitatorToken],
    );
    // The called time as this browser writes times of day (the page's own formatTimeOfDay).
    const at = await page.evaluate(
      (ms) => new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" }),
      calledAt,
    );
    const sentence = `The game ended when the last call ran out (3 minutes called at ${at}) before both leaders signed.`;

    await page.goto(`${server.url}/console/${gameId}`);
    await expect.poll(() => page.getByTestId("outcome-ending").innerText(), { timeout: 20_000 }).toBe(sentence);

    await page.goto(`${server.url}/debrief/${gameId}`);
    await expect.poll(() => page.getByTestId("debrief-ending").innerText(), { timeout: 20_000 }).toBe(sentence);
    // The last draft's "why" ends with the same words; the report on paper is this page.
    expect(await page.getByTestId("debrief-last-draft-why").innerText()).toMatch(
      /North signed it; South did not\. The game ended when the last call ran out \(3 minutes called at/,
    );
    expect(await page.getByTestId("debrief-ending").isVisible()).toBe(true);
    await page.emulateMedia({ media: "print" });
    expect(await page.getByTestId("debrief-ending").isVisible()).toBe(true);
    await page.context().close();
  });
});
