import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { facilitatorKey, http } from "../support/server";
import { hasChromium, launch, webServer } from "./support";

// The built client under the server's real Content Security Policy, in Chromium: every main
// screen loads and works (a seat, the projector and the console connect over the websocket, the set-up
// screen's QR codes and the debrief's charts render, Swagger UI draws the API) with not one
// violation reported; the record downloads with its bytes as sent; and the policy is really enforced, since an inline script and an inline
// style attribute injected into the app are refused, and reported by the same watcher.

/** What a page reports as a CSP violation, by console message and by DOM event. */
type Seen = { page: string; text: string };

describe.skipIf(!hasChromium)("the web client under its Content Security Policy", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  const contexts: BrowserContext[] = [];
  const seen: Seen[] = [];
  let key = "";
  let game: { gameId: string; facilitatorToken: string; joinCodes: Record<string, string>; observerCode: string };

  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
    key = await facilitatorKey(server.url);
    game = (
      await http(server.url, "POST", "/api/games", {
        token: key,
        body: { scenarioId: "great-rebalancing", title: "CSP table" },
      })
    ).body;
    expect(game.gameId).toBeTruthy();
  });
  // Each test answers for the violations of its own pages.
  beforeEach(() => {
    seen.length = 0;
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.drop();
  });

  /** A browser context whose pages report every CSP violation into `seen`. */
  async function open(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    // An init script runs through the DevTools protocol, outside the page's policy.
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        console.error(`CSP violation event: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
      });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    page.on("console", (msg) => {
      const text = msg.text();
      if (/Content Security Policy|CSP violation/i.test(text)) seen.push({ page: page.url(), text });
    });
    return page;
  }

  const online = (page: Page) =>
    expect.poll(() => page.locator('[data-testid="connection"].connection-online').count()).toBeGreaterThan(0);

  async function join(page: Page, code: string, name: string): Promise<void> {
    await page.goto(`${server.url}/join/${game.gameId}#${encodeURIComponent(code)}`);
    await page.getByLabel("Your name").fill(name);
    await page.getByRole("button", { name: "Join" }).click();
  }

  let seat: Page;
  let fac: Page;

  it("a seat and the projector join and connect over the websocket", async () => {
    const home = await open();
    await home.goto(server.url);
    await expect.poll(() => home.locator("#root *").count()).toBeGreaterThan(0);

    seat = await open();
    await join(seat, game.joinCodes["us-treasury"]!, "Ana");
    await online(seat);
    // The socket really is a websocket (the client uses no other transport) to this origin.
    const wall = await open();
    const sockets: string[] = [];
    wall.on("websocket", (ws) => sockets.push(ws.url()));
    await join(wall, game.observerCode, "Projector");
    await online(wall);
    expect(sockets.some((u) => u.startsWith(server.url.replace("http", "ws")))).toBe(true);
    expect(seen).toEqual([]);
  });

  it("the facilitator's dashboard and console, a new game's set-up screen with its QR codes", async () => {
    fac = await open();
    // The operator's sign-in link, as a facilitator's key arrives (PROTOCOL.md).
    await fac.goto(`${server.url}/facilitator#key=${encodeURIComponent(key)}`);
    await expect
      .poll(() => fac.locator('[data-testid="signed-in-as"], [data-testid="facilitator-key"]').count())
      .toBeGreaterThan(0);
    await fac.goto(`${server.url}/console/${game.gameId}`);
    await online(fac);
    // A game created in this browser, so that its set-up screen holds the codes and draws them.
    await fac.goto(`${server.url}/facilitator/new`);
    await fac.getByTestId("create-game").click();
    await fac.waitForURL("**/facilitator/games/*");
    // The QR codes are data: images: each must have loaded, not been refused.
    const qr = fac.locator('img[src^="data:image/"]');
    await expect.poll(() => qr.count()).toBeGreaterThan(0);
    await expect
      .poll(() => qr.first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))
      .toBe(true);
    expect(seen).toEqual([]);
  });

  it("after a deal, the debrief's charts and the replay", async () => {
    const j = async (s: string) =>
      (await http(server.url, "POST", `/api/games/${game.gameId}/join`, { body: { code: game.joinCodes[s], name: s } }))
        .body.token as string;
    const us = await j("us-president");
    const cn = await j("cn-president");
    const m = async (token: string, body: unknown) =>
      expect((await http(server.url, "POST", `/api/games/${game.gameId}/moves`, { token, body })).body).toMatchObject({
        ok: true,
      });
    await m(game.facilitatorToken, { type: "resume" });
    await m(game.facilitatorToken, { type: "advancePhase" });
    await m(game.facilitatorToken, { type: "advancePhase" });
    await m(us, {
      type: "propose",
      terms: {
        tariffs: "cutFentanylTariff",
        chips: "licenseDowngraded",
        rareEarths: "generalLicences",
        fentanyl: "schedulePrecursors",
        tiktok: "jointVenture",
      },
    });
    await m(cn, { type: "accept", proposalId: "p1" });
    await m(us, { type: "sign", draftVersion: 1 });
    await m(cn, { type: "sign", draftVersion: 1 });

    // The seat's own browser: the scenario reveals at the end, so its debrief opens.
    await seat.goto(`${server.url}/debrief/${game.gameId}`);
    await expect.poll(() => seat.locator("svg.recharts-surface").count()).toBeGreaterThan(0);
    await seat.goto(`${server.url}/replay/${game.gameId}`);
    await expect.poll(() => seat.locator('input[type="range"]').count()).toBeGreaterThan(0);
    expect(seen).toEqual([]);
  });

  it("downloads the research CSV (a blob: link) with its byte-order mark intact", async () => {
    // The record buttons of the finished game's set-up screen, with the facilitator's key.
    await fac.goto(`${server.url}/facilitator/games/${game.gameId}`);
    const [download] = await Promise.all([fac.waitForEvent("download"), fac.getByTestId("export-csv").click()]);
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    const bytes = Buffer.concat(chunks);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.subarray(3, 6).toString()).toBe("seq");
    expect(bytes.toString()).toContain(",seatJoined,");
    expect(seen).toEqual([]);
  });

  it("Swagger UI draws the API under its own policy", async () => {
    const docs = await open();
    await docs.goto(`${server.url}/docs`);
    await expect.poll(() => docs.locator(".swagger-ui .info").innerText()).toContain("Summitry");
    await expect.poll(() => docs.locator(".opblock").count()).toBeGreaterThan(10);
    // Expanding an operation draws its highlighted examples too.
    await docs.locator(".opblock-summary").first().click();
    await expect.poll(() => docs.locator(".opblock-body").count()).toBeGreaterThan(0);
    expect(seen).toEqual([]);
  });

  it("refuses, and reports, an inline script and an inline style on the app's pages", async () => {
    const page = await open();
    await page.goto(server.url);
    await expect.poll(() => page.locator("#root *").count()).toBeGreaterThan(0);
    await page.evaluate(() => {
      const s = document.createElement("script");
      s.textContent = "window.__inlineRan = true";
      document.body.append(s);
      document.body.insertAdjacentHTML("beforeend", '<p id="styled" style="color: rgb(255, 0, 0)">x</p>');
    });
    expect(await page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
    expect(await page.locator("#styled").evaluate((el) => getComputedStyle(el).color)).not.toBe("rgb(255, 0, 0)");
    await expect.poll(() => seen.filter((s) => /script-src/.test(s.text)).length).toBeGreaterThan(0);
    await expect.poll(() => seen.filter((s) => /style-src/.test(s.text)).length).toBeGreaterThan(0);
  });
});
