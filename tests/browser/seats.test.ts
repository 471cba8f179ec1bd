import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { facilitatorKey, http } from "../support/server";
import { pointsShown } from "./noPoints";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// Every seat is its own, in any number of tabs of one browser: the classroom laptop that runs the
// console and the projector while the teacher tries a seat's link. Each page keeps the seat its
// address names through reloads in any order, the projector never shows a point, a join link
// opened again loses no other seat, and a token stored under the wrong seat is never rendered.

type Tab = "console" | "screen" | "us" | "cn";
const SEAT: Record<Tab, string> = {
  console: "facilitator",
  screen: "observer",
  us: "us-president",
  cn: "cn-president",
};

describe.skipIf(!hasChromium)("every seat is its own, in one browser", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  let context: BrowserContext;
  const others: BrowserContext[] = [];
  const tabs = {} as Record<Tab, Page>;
  let key = "";
  let game: { gameId: string; joinCodes: Record<string, string>; observerCode: string };

  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
    key = await facilitatorKey(server.url, "Laptop teacher");
    game = (
      await http(server.url, "POST", "/api/games", {
        token: key,
        body: { scenarioId: "great-rebalancing", title: "One laptop" },
      })
    ).body;
    context = (await newPage(browser)).context;
  });
  afterAll(async () => {
    for (const c of others) await c.close().catch(() => {});
    await context?.close().catch(() => {});
    await browser?.close();
    await server?.drop();
  });

  const joinLink = (code: string) => `${server.url}/join/${game.gameId}#${encodeURIComponent(code)}`;
  const text = (page: Page) => page.locator("body").innerText();

  async function tab(): Promise<Page> {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  async function join(page: Page, code: string, name: string, landing: string): Promise<void> {
    await page.goto(joinLink(code));
    await page.getByLabel("Your name").fill(name);
    await page.getByRole("button", { name: "Join" }).click();
    await page.waitForURL(`**${landing}`);
  }

  /** The page shows the seat its address names, and the screen that belongs to it. */
  async function expectSeat(page: Page, which: Tab): Promise<void> {
    await expect
      .poll(() => page.getByTestId("live-seat").getAttribute("data-seat"), { timeout: 20_000 })
      .toBe(SEAT[which]);
    expect(await page.getByTestId("console").count(), which).toBe(which === "console" ? 1 : 0);
    expect(await page.getByTestId("projector").count(), which).toBe(which === "screen" ? 1 : 0);
    const body = await text(page);
    if (which === "us") expect(body).toContain("President of the United States");
    if (which === "cn") expect(body).toContain("President Xi Jinping");
    if (which === "screen") expect(pointsShown(body)).toEqual([]);
  }

  async function storedSeats(page: Page): Promise<string[]> {
    return page.evaluate(
      (gameId) =>
        Object.keys(localStorage)
          .filter((k) => k.startsWith(`summitry.seat.${gameId}.`))
          .sort(),
      game.gameId,
    );
  }

  it("opens the console, the projector and two seats in four tabs", async () => {
    // The teacher signs in with the link; the console's token comes from the key.
    tabs.console = await tab();
    await tabs.console.goto(`${server.url}/facilitator#key=${key}`);
    await expect.poll(() => tabs.console.getByTestId("signed-in-as").count()).toBe(1);
    await tabs.console.goto(`${server.url}/console/${game.gameId}`);
    await expectSeat(tabs.console, "console");

    tabs.screen = await tab();
    await join(tabs.screen, game.observerCode, "Projector", `/screen/${game.gameId}`);
    tabs.us = await tab();
    await join(tabs.us, game.joinCodes["us-president"]!, "Ana", `/play/${game.gameId}/us-president`);
    tabs.cn = await tab();
    await join(tabs.cn, game.joinCodes["cn-president"]!, "Bo", `/play/${game.gameId}/cn-president`);

    for (const which of Object.keys(tabs) as Tab[]) await expectSeat(tabs[which], which);
    expect(await storedSeats(tabs.us)).toEqual(
      ["cn-president", "facilitator", "observer", "us-president"].map((s) => `summitry.seat.${game.gameId}.${s}`),
    );
    // The check can fail: a player's table does show points.
    expect(pointsShown(await text(tabs.us)).length).toBeGreaterThan(0);
    await expectAccessible(tabs.screen, "projector in a tab beside the console");
    await shot(tabs.screen, "seats-projector-tab");
    await shot(tabs.console, "seats-console-tab");
  });

  it("keeps every page on its own seat through reloads in several orders", async () => {
    const orders: Tab[][] = [
      ["console", "screen", "us", "cn"],
      ["cn", "us", "screen", "console"],
      ["screen", "console", "cn", "us"],
      ["us", "cn", "console", "screen"],
      ["screen", "us", "console", "cn"],
    ];
    let reloads = 0;
    for (const order of orders) {
      for (const which of order) {
        await tabs[which].reload();
        reloads++;
        await expectSeat(tabs[which], which);
      }
      // And the pages not reloaded last are still where they were.
      for (const which of order) await expectSeat(tabs[which], which);
    }
    // All four at once, as a browser restoring its tabs does.
    await Promise.all(Object.values(tabs).map((p) => p.reload()));
    reloads += 4;
    for (const which of Object.keys(tabs) as Tab[]) await expectSeat(tabs[which], which);
    expect(reloads).toBe(orders.length * 4 + 4);
  });

  it("opening a join link again loses no other seat and records the name once", async () => {
    const again = await tab();
    await join(again, game.joinCodes["us-president"]!, "Ana", `/play/${game.gameId}/us-president`);
    await expectSeat(again, "us");
    expect(await storedSeats(again)).toHaveLength(4);
    for (const which of ["console", "screen", "cn"] as Tab[]) {
      await tabs[which].reload();
      await expectSeat(tabs[which], which);
    }
    // Ana is on the seat's roster once.
    const events = (await http(server.url, "GET", `/api/games/${game.gameId}/events`, { token: key })).body as {
      type: string;
      payload: { seat?: string; name?: string };
    }[];
    const anas = events.filter(
      (e) => e.type === "seatJoined" && e.payload.seat === "us-president" && e.payload.name === "Ana",
    );
    expect(anas).toHaveLength(1);
    await again.close();
  });

  it("the old /play/:gameId address offers a choice when the browser holds several seats", async () => {
    const page = await tab();
    await page.goto(`${server.url}/play/${game.gameId}`);
    await expect.poll(() => page.getByTestId("held-seats").count()).toBe(1);
    expect(await page.locator('[data-testid^="held-seat-"]').count()).toBe(4);
    expect(await page.getByTestId("live-seat").count()).toBe(0);
    await expectAccessible(page, "seat chooser");
    await page.getByTestId("held-seat-observer").click();
    await page.waitForURL(`**/screen/${game.gameId}`);
    await expectSeat(page, "screen");
    await page.close();
  });

  it("joining a seat someone holds says so to both", async () => {
    const { context: laptop, page: cy } = await newPage(browser);
    others.push(laptop);
    await join(cy, game.joinCodes["us-president"]!, "Cy", `/play/${game.gameId}/us-president`);
    await expect
      .poll(() => tabs.us.getByTestId("seat-joined-notice").innerText(), { timeout: 20_000 })
      .toMatch(/Cy also joined your seat/);
    await expect.poll(() => cy.getByTestId("seat-holders").innerText()).toMatch(/also held by Ana/);
    // Beijing's table hears nothing of Washington's seat.
    expect(await tabs.cn.getByTestId("seat-joined-notice").count()).toBe(0);
    await expectAccessible(tabs.us, "seat with a notice of company");
    await shot(tabs.us, "seats-also-joined");
  });

  it("never renders a token stored under another seat's name", async () => {
    const cnToken = await tabs.cn.evaluate(
      (gameId) => JSON.parse(localStorage.getItem(`summitry.seat.${gameId}.cn-president`)!).token as string,
      game.gameId,
    );
    const { context: odd, page } = await newPage(browser);
    others.push(odd);
    await page.addInitScript(
      ([gameId, token]) => {
        localStorage.setItem(`summitry.seat.${gameId}.us-president`, JSON.stringify({ token, seat: "us-president" }));
        localStorage.setItem(`summitry.seat.${gameId}.observer`, JSON.stringify({ token, seat: "observer" }));
      },
      [game.gameId, cnToken],
    );
    await page.goto(`${server.url}/play/${game.gameId}/us-president`);
    await expect.poll(() => page.getByTestId("seat-mismatch").count(), { timeout: 20_000 }).toBe(1);
    expect(await text(page)).not.toContain("President Xi Jinping");
    expect(await page.getByTestId("live-seat").count()).toBe(0);
    await page.goto(`${server.url}/screen/${game.gameId}`);
    await expect.poll(() => page.getByTestId("seat-mismatch").count(), { timeout: 20_000 }).toBe(1);
    expect(await page.getByTestId("projector").count()).toBe(0);
    expect(pointsShown(await text(page))).toEqual([]);
    await shot(page, "seats-mismatch");
  });
});
