import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, TEST_OPERATOR_KEY } from "../support/server";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// Bots in a real browser (issue #12): a student practises alone from the home page and finishes
// the game; a facilitator puts a bot in an empty seat from the console.

describe.skipIf(!hasChromium)("bots and solo practice", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  beforeAll(async () => {
    // Practice phases of a few seconds and bots at a quick pace, so a whole game fits the test.
    server = await webServer({
      PRACTICE_PHASE_SECONDS: "4",
      BOT_DELAY_MIN_MS: "50",
      BOT_DELAY_MAX_MS: "150",
      BOT_IDLE_MS: "300",
    });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });

  it("lets a student practise alone from the home page, against bots, to the end and the debrief", async () => {
    const { page, context } = await newPage(browser);
    await page.goto(server.url);
    const practice = page.getByTestId("practice");
    await expect.poll(() => practice.innerText()).toMatch(/Lead one side of/);
    await expectAccessible(page, "home with practice");
    await page.getByTestId("practice-side-beijing").check();
    await page.getByTestId("practice-strategy").selectOption("conceder");
    await page.getByLabel("Name for the record (optional)").fill("Lin");
    await page.getByTestId("practice-start").click();
    await page.waitForURL(/\/play\/[^/]+\/cn-president$/);
    const gameId = new URL(page.url()).pathname.split("/")[2]!;
    // The seat's table, its clock already running (the server started it).
    await expect.poll(() => page.locator("body").innerText()).toMatch(/President Xi/);
    await shot(page, "practice-seat");

    // The game ends by itself (agreement, walk-away or the last deadline) and the seat says how.
    await expect.poll(() => page.getByTestId("outcome").count(), { timeout: 60_000 }).toBe(1);
    expect(await page.getByTestId("outcome-ending").innerText()).not.toBe("");
    await shot(page, "practice-over");
    // The server's record agrees: the game is over, and Washington's seats were the bots'.
    const events = (await http(server.url, "GET", `/api/games/${gameId}/events`, { token: await seatToken() })).body;
    expect(events.some((e: { actor: { seat?: string } }) => e.actor.seat?.startsWith("us-"))).toBe(true);

    await page.getByTestId("debrief-link").click();
    await page.waitForURL(`**/debrief/${gameId}?seat=cn-president`);
    await expect.poll(() => page.getByTestId("debrief-outcome").innerText(), { timeout: 20_000 }).not.toBe("");
    await expectAccessible(page, "practice debrief");
    await shot(page, "practice-debrief");
    await context.close();

    async function seatToken(): Promise<string> {
      const stored = await page.evaluate((id) => localStorage.getItem(`summitry.seat.${id}.cn-president`), gameId);
      return JSON.parse(stored!).token;
    }
  });

  it("puts a bot in an empty seat from the console's seats panel", async () => {
    const game = (
      await http(server.url, "POST", "/api/games", {
        token: TEST_OPERATOR_KEY,
        body: { scenarioId: "great-rebalancing" },
      })
    ).body as { gameId: string; facilitatorToken: string };
    const { page, context } = await newPage(browser);
    await page.addInitScript(
      ([k, id, tk]) => {
        localStorage.setItem("summitry.facilitatorKey", k!);
        localStorage.setItem(`summitry.seat.${id}.facilitator`, JSON.stringify({ token: tk, seat: "facilitator" }));
      },
      [TEST_OPERATOR_KEY, game.gameId, game.facilitatorToken],
    );
    await page.goto(`${server.url}/console/${game.gameId}`);
    const seat = page.getByTestId("presence-us-commerce");
    await expect.poll(() => seat.innerText()).toMatch(/Nobody has joined yet/);
    await page.getByTestId("put-bot-strategy-us-commerce").selectOption("titForTat");
    await seat.getByRole("button", { name: "Put a bot here" }).click();
    // The bot's seatJoined comes back like anyone's: the seat names it, and the control is gone.
    await expect.poll(() => seat.innerText()).toMatch(/Joined by Bot \(Tit for tat\)/);
    // It has no socket, yet it is there: the presence says a bot plays it, not "Not connected",
    // and the panel's count includes it.
    await expect.poll(() => seat.innerText()).toMatch(/Played by Bot \(Tit for tat\)/);
    expect(await seat.innerText()).not.toMatch(/Not connected/);
    await expect.poll(() => page.getByTestId("presence-us-president").innerText()).toMatch(/Not connected/);
    expect(await page.getByTestId("put-bot-us-commerce").count()).toBe(0);
    await expectAccessible(page, "console with a bot");
    await shot(page, "console-bot");
    const summary = await http(server.url, "GET", `/api/games/${game.gameId}`, { token: game.facilitatorToken });
    expect(summary.body.seats.find((s: { id: string }) => s.id === "us-commerce").joined).toBe(true);
    await context.close();
  });
});
