import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TEST_OPERATOR_KEY } from "../support/server";
import { pointsShown } from "./noPoints";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// A whole game in real browsers: a facilitator and the two leaders, each in a browser context
// of their own, from creating the game through joining, a proposal, a counter, an acceptance and
// both signatures to the outcome; a projector that sees the statements and never a point; a
// player who drops offline and comes back with what was missed; an accessibility scan of each
// main screen; a screenshot of each kept under test-results/screenshots.

describe.skipIf(!hasChromium)("a whole game in the browser", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  const contexts: BrowserContext[] = [];
  let fac: Page;
  let us: Page;
  let cn: Page;
  let wall: Page;
  let cnContext: BrowserContext;
  let gameId = "";
  const links: Record<string, string> = {};

  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.drop();
  });

  const open = async (width = 1280) => {
    const { context, page } = await newPage(browser, width);
    contexts.push(context);
    return { context, page };
  };
  const byTest = (page: Page, id: string) => page.getByTestId(id);
  const text = (page: Page) => page.locator("body").innerText();
  /** Joins with a seat's link; each seat lands on its own page (the projector on /screen). */
  const join = async (page: Page, link: string, name: string, landing: string) => {
    await page.goto(link);
    await page.getByLabel("Your name").fill(name);
    await page.getByRole("button", { name: "Join" }).click();
    await page.waitForURL(`**${landing}`);
  };

  it("the facilitator creates a game and gets a link for every seat", async () => {
    fac = (await open()).page;
    // The operator's printed sign-in link: the key in the fragment, kept and taken out of the address.
    await fac.goto(`${server.url}/facilitator#key=${TEST_OPERATOR_KEY}`);
    await expect.poll(() => byTest(fac, "facilitator-key").count()).toBe(1);
    await expectAccessible(fac, "dashboard");
    await shot(fac, "facilitator-dashboard");
    await byTest(fac, "new-game-link").click();
    await fac.waitForURL("**/facilitator/new");
    await byTest(fac, "game-title").fill("Browser table");
    await expect.poll(() => byTest(fac, "phase-minutes-summit").count()).toBe(1);
    await expectAccessible(fac, "new game");
    await shot(fac, "facilitator-new-game");
    await byTest(fac, "create-game").click();
    await fac.waitForURL("**/facilitator/games/*");
    gameId = fac.url().split("/").pop()!;
    for (const seat of ["us-president", "cn-president"]) {
      const el = byTest(fac, `seat-link-${seat}`);
      links[seat] = (await el.getAttribute("href")) ?? (await el.inputValue());
    }
    const obs = byTest(fac, "observer-link");
    links.observer = (await obs.getAttribute("href")) ?? (await obs.inputValue());
    expect(links["us-president"]).toContain(`/join/${gameId}#`);
    await expectAccessible(fac, "set-up");
    await shot(fac, "facilitator-setup");
  });

  it("the leaders and a projector join; the brief comes first", async () => {
    us = (await open()).page;
    await join(us, links["us-president"]!, "Ana", `/play/${gameId}/us-president`);
    await expect.poll(() => byTest(us, "brief").count()).toBeGreaterThan(0);
    await expectAccessible(us, "seat table (brief)");
    await shot(us, "seat-brief");
    const cnOpen = await open(768);
    cn = cnOpen.page;
    cnContext = cnOpen.context;
    await join(cn, links["cn-president"]!, "Bo", `/play/${gameId}/cn-president`);
    wall = (await open()).page;
    await join(wall, links.observer!, "Projector", `/screen/${gameId}`);
    await expect.poll(() => byTest(wall, "projector").count()).toBe(1);
    // The set-up screen shows who has joined.
    await expect.poll(() => byTest(fac, "joined-us-president").innerText(), { timeout: 15_000 }).toMatch(/Ana|joined/i);
  });

  it("the facilitator starts the clock and opens the summit from the console", async () => {
    await byTest(fac, "console-link").click();
    await fac.waitForURL(`**/console/${gameId}`);
    await byTest(fac, "resume").click();
    await byTest(fac, "advance-phase").click();
    await expect.poll(() => text(fac)).toMatch(/Stockholm/);
    await byTest(fac, "advance-phase").click();
    await expect.poll(() => text(us)).toMatch(/summit/i);
    await expectAccessible(fac, "console");
    await shot(fac, "facilitator-console");
  });

  it("Washington proposes, Beijing counters, Washington accepts", async () => {
    const pick = async (page: Page, issue: string, option: string) => {
      await byTest(page, `option-${issue}-${option}`).check();
    };
    for (const [issue, option] of [
      ["tariffs", "cutFentanylTariff"],
      ["chips", "licenseDowngraded"],
      ["rareEarths", "generalLicences"],
      ["fentanyl", "schedulePrecursors"],
      ["tiktok", "jointVenture"],
    ] as const) {
      await pick(us, issue, option);
    }
    await expectAccessible(us, "seat table (builder)");
    await shot(us, "seat-proposal-builder");
    await byTest(us, "propose-button").click();
    await expect.poll(() => byTest(cn, "proposal-p1").count()).toBe(1);
    await byTest(cn, "counter-p1").click();
    await pick(cn, "fentanyl", "infoSharing");
    await byTest(cn, "propose-button").click();
    await expect.poll(() => byTest(us, "proposal-p2").count()).toBe(1);
    await byTest(us, "accept-p2").click();
    await expect.poll(() => text(us)).toMatch(/version 1|v1|In the draft/i);
    await shot(cn, "seat-tablet-after-accept");
  });

  it("a statement reaches the projector, which never shows a point", async () => {
    await byTest(us, "channel-tab-press").click();
    await byTest(us, "chat-input").fill("We have the outline of a great deal.");
    await byTest(us, "chat-send").click();
    await expect.poll(() => byTest(wall, "projector-press").innerText()).toMatch(/outline of a great deal/);
    const wallText = await text(wall);
    expect(pointsShown(wallText)).toEqual([]);
    await expectAccessible(wall, "projector");
    await shot(wall, "projector");
  });

  it("a player who drops offline comes back with every missed event", async () => {
    await cnContext.setOffline(true);
    await expect.poll(() => byTest(cn, "connection").innerText()).toMatch(/offline/i);
    await byTest(us, "chat-input").fill("Are you still there?");
    await byTest(us, "chat-send").click();
    await byTest(fac, "note-text").fill("Ten minutes left in the summit.");
    await byTest(fac, "note-send").click();
    await cnContext.setOffline(false);
    await expect.poll(() => byTest(cn, "connection").innerText(), { timeout: 20_000 }).toMatch(/connected/i);
    await expect.poll(() => byTest(cn, "missed-events").innerText(), { timeout: 20_000 }).toMatch(/Ten minutes left/);
    await expect.poll(() => text(cn)).toMatch(/Are you still there\?/);
    await shot(cn, "seat-missed-events");
  });

  it("both leaders sign, with a confirmation, and every screen shows the outcome", async () => {
    await byTest(us, "sign-button").click();
    await byTest(us, "confirm-button").click();
    await byTest(cn, "sign-button").click();
    await byTest(cn, "confirm-button").click();
    for (const page of [us, cn, wall, fac]) {
      await expect.poll(() => byTest(page, "outcome").count(), { timeout: 15_000 }).toBeGreaterThan(0);
    }
    await expect.poll(() => byTest(us, "outcome").innerText()).toMatch(/Agreement signed/);
    await expectAccessible(us, "outcome");
    await shot(us, "outcome");
    await shot(wall, "projector-outcome");
  });
});
