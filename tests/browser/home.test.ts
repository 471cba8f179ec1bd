import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { http, TEST_OPERATOR_KEY } from "../support/server";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// The front door in a real browser: a student joins with a code typed by hand.

describe.skipIf(!hasChromium)("the front door", () => {
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

  it("lets a student type a code and a name, and lands on the seat's table", async () => {
    const game = (
      await http(server.url, "POST", "/api/games", {
        token: TEST_OPERATOR_KEY,
        body: { scenarioId: "great-rebalancing" },
      })
    ).body;
    const { page, context } = await newPage(browser);
    await page.goto(server.url);
    await expectAccessible(page, "home");
    await shot(page, "home");
    await page.getByLabel("Join code").fill(game.joinCodes["us-treasury"].toLowerCase());
    await page.getByLabel("Your name").fill("Tess");
    await page.getByRole("button", { name: "Join" }).click();
    await page.waitForURL(`**/play/${game.gameId}/us-treasury`);
    await expect.poll(() => page.locator("body").innerText()).toMatch(/Treasury/);
    // A wrong code is refused in words.
    await page.goto(server.url);
    await page.getByLabel("Join code").fill("AAAAA-AAAAA");
    await page.getByLabel("Your name").fill("Eve");
    await page.getByRole("button", { name: "Join" }).click();
    await expect.poll(() => page.getByRole("alert").innerText()).toMatch(/does not open a seat/);
    await context.close();
  });

  it("serves the client's own paths and still answers the API in JSON", async () => {
    const page = await fetch(`${server.url}/facilitator/new`);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const api = await fetch(`${server.url}/api/nope`);
    expect(api.status).toBe(404);
    expect((await api.json()).error.code).toBe("not_found");
  });
});
