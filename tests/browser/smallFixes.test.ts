import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultScenario } from "../../shared/scenarios/index";
import { facilitatorKey, http, TEST_OPERATOR_KEY } from "../support/server";
import { hasChromium, launch, newPage, shot, webServer } from "./support";

// Issue #11's smaller things, in a real browser on a real server: a blank name is caught before
// anything is sent, a long paste is counted and refused rather than cut, and a closed action
// before the clock has ever started says so instead of "paused".

describe.skipIf(!hasChromium)("issue #11's smaller things", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  let game: { gameId: string; joinCodes: Record<string, string>; observerCode: string };
  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
    const key = await facilitatorKey(server.url, "Small fixes");
    game = (
      await http(server.url, "POST", "/api/games", {
        token: key,
        body: { scenarioId: "great-rebalancing", title: "Small fixes" },
      })
    ).body;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });

  it("a blank name is refused in words, before anything is sent; the server says the same in its own words", async () => {
    const { page, context } = await newPage(browser);
    const joins: string[] = [];
    page.on("request", (r) => {
      if (r.url().includes("/join")) joins.push(r.url());
    });
    await page.goto(server.url);
    // The hint shows a code in the short format (docs/join-codes.md), not the old long one.
    expect(await page.locator("#home-code-hint").innerText()).toMatch(/[2-9A-Z]{5}-[2-9A-Z]{5}/);
    await page.getByLabel("Join code").fill(game.joinCodes["us-treasury"]!);
    await page.getByLabel("Your name").fill("   ");
    await page.getByRole("button", { name: "Join" }).click();
    await expect.poll(() => page.getByRole("alert").innerText()).toMatch(/Type your name/);
    expect(joins.filter((u) => u.includes("/api/"))).toEqual([]);
    await context.close();

    const r = await http(server.url, "POST", "/api/join", { body: { code: game.joinCodes["us-treasury"], name: " " } });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/type your name/);
    expect(r.body.error.message).not.toMatch(/too small/i);
  });

  async function seatPage(role: string, name: string): Promise<Page> {
    const { page } = await newPage(browser);
    await page.goto(`${server.url}/join/${game.gameId}#${encodeURIComponent(game.joinCodes[role]!)}`);
    await page.getByLabel("Your name").fill(name);
    await page.getByRole("button", { name: "Join" }).click();
    await page.waitForURL(`**/play/${game.gameId}/${role}`);
    await expect.poll(() => page.getByTestId("proposal-builder").count(), { timeout: 20_000 }).toBe(1);
    return page;
  }

  it("before the clock has started, a closed action says the game has not started, not paused", async () => {
    const page = await seatPage("us-president", "Ana");
    await expect.poll(() => page.locator("#propose-reason").innerText()).toMatch(/has not started/);
    expect(await page.locator("#propose-reason").innerText()).not.toMatch(/paused/i);
    await page.context().close();
  });

  it("a 1,536-character paste is kept whole, counted, and refused, in the chat and in a proposal's note", async () => {
    const page = await seatPage("us-treasury", "Tess");
    const long = "x".repeat(1536);
    const chat = page.getByTestId("chat-input");
    await chat.fill(long);
    expect((await chat.inputValue()).length).toBe(1536);
    await expect.poll(() => page.locator("#chat-hint").innerText()).toMatch(/1536\/1000/);
    expect(await page.getByTestId("chat-send").isDisabled()).toBe(true);
    expect(await page.locator("#chat-reason").innerText()).toMatch(/at most 1000 characters/);

    const note = page.getByTestId("proposal-note");
    await note.fill(long);
    expect((await note.inputValue()).length).toBe(1536);
    expect(await page.getByTestId("proposal-note-count").innerText()).toMatch(/1536\/1000/);
    await page.context().close();
  });

  it("a fork's set-up shows the new game's codes at once, not the old game's until a reload", async () => {
    const { page, context } = await newPage(browser);
    await page.goto(`${server.url}/facilitator#key=${TEST_OPERATOR_KEY}`);
    await page.getByTestId("new-game-link").click();
    await page.waitForURL("**/facilitator/new");
    await page.getByTestId("create-game").click();
    await page.waitForURL("**/facilitator/games/*");
    const first = page.url().split("/").pop()!;
    const link = async () => {
      const el = page.getByTestId("seat-link-us-president");
      return (await el.getAttribute("href")) ?? (await el.inputValue());
    };
    await expect.poll(link).toContain(`/join/${first}#`);
    const before = await link();
    await page.getByTestId("fork-button").click();
    await page.waitForURL((url) => url.pathname.startsWith("/facilitator/games/") && !url.pathname.endsWith(first));
    const forked = page.url().split("/").pop()!;
    await expect.poll(link).toContain(`/join/${forked}#`);
    const after = await link();
    // The fork's own code, from its answer: the old one opens a seat of the old game, not this one.
    expect(after.split("#")[1]).not.toBe(before.split("#")[1]);
    const code = decodeURIComponent(after.split("#")[1]!);
    const r = await http(server.url, "POST", "/api/join", { body: { code, name: "Fay" } });
    expect(r.status).toBe(200);
    expect(r.body.gameId).toBe(forked);
    await context.close();
  });

  describe("one screen on a projector, the clock in sight on a phone", () => {
    let g: typeof game & { facilitatorToken: string };
    const lastIssue = defaultScenario.issues.at(-1)!.id;
    beforeAll(async () => {
      g = (
        await http(server.url, "POST", "/api/games", {
          token: TEST_OPERATOR_KEY,
          body: { scenarioId: "great-rebalancing" },
        })
      ).body;
      const join = async (seat: string) =>
        (
          await http(server.url, "POST", `/api/games/${g.gameId}/join`, {
            body: { code: g.joinCodes[seat], name: seat },
          })
        ).body.token as string;
      const us = await join("us-president");
      const cn = await join("cn-president");
      const m = async (token: string, body: unknown) => {
        const r = await http(server.url, "POST", `/api/games/${g.gameId}/moves`, { token, body });
        expect(r.body, JSON.stringify(body)).toMatchObject({ ok: true });
      };
      const f = g.facilitatorToken;
      await m(f, { type: "resume" });
      await m(f, { type: "advancePhase" });
      await m(f, { type: "advancePhase" });
      // The worst case for the board: every issue in the draft, each at its longest label.
      const terms = Object.fromEntries(
        defaultScenario.issues.map((i) => [
          i.id,
          [...i.options].sort((a, b) => b.label.length - a.label.length)[0]!.id,
        ]),
      );
      await m(us, { type: "propose", terms });
      await m(cn, { type: "accept", proposalId: "p1" });
      const long = (what: string) => `${what}: ${"a long sentence read out to the room, ".repeat(14)}`;
      await m(f, { type: "note", text: long("First note") });
      await m(f, { type: "note", text: long("Second note") });
      for (const n of [1, 2, 3]) await m(n % 2 ? us : cn, { type: "statement", text: long(`Statement ${n}`) });
      await m(cn, { type: "statement", text: "NEWEST-STATEMENT: we welcome the talks." });
    });

    async function screenAt(width: number, height: number) {
      const { page, context } = await newPage(browser, width, height);
      await page.goto(`${server.url}/join/${g.gameId}#${encodeURIComponent(g.observerCode)}`);
      await page.getByLabel("Your name").fill("Wall");
      await page.getByRole("button", { name: "Join" }).click();
      await page.waitForURL(`**/screen/${g.gameId}`);
      await expect.poll(() => page.getByTestId("projector-press").innerText(), { timeout: 20_000 }).toMatch(/NEWEST/);
      const box = async (sel: string) => (await page.locator(sel).first().boundingBox())!;
      const issue = await box(`[data-testid="projector-issue-${lastIssue}"]`);
      const newest = await box(".proj-press li");
      const size = await page
        .locator(".proj-issue-title")
        .first()
        .evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
      const scrolls = await page.evaluate(() => document.documentElement.scrollHeight > window.innerHeight);
      await shot(page, `projector-${width}x${height}`);
      await context.close();
      return { issue, newest, size, scrolls };
    }

    it("at 1366×768 and at 1920×1080 the last issue and the newest statement are on the screen, and the type scales", async () => {
      const small = await screenAt(1366, 768);
      const large = await screenAt(1920, 1080);
      for (const [at, height] of [
        [small, 768],
        [large, 1080],
      ] as const) {
        expect(at.scrolls).toBe(false);
        expect(at.issue.y).toBeGreaterThanOrEqual(0);
        expect(at.issue.y + at.issue.height).toBeLessThanOrEqual(height);
        expect(at.newest.y + at.newest.height).toBeLessThanOrEqual(height);
      }
      expect(large.size).toBeGreaterThan(small.size * 1.25);
    });

    it("on a phone the clock stays in sight as the page scrolls", async () => {
      const { page, context } = await newPage(browser, 390, 844);
      await page.goto(`${server.url}/join/${g.gameId}#${encodeURIComponent(g.joinCodes["us-nsa"]!)}`);
      await page.getByLabel("Your name").fill("Nia");
      await page.getByRole("button", { name: "Join" }).click();
      await page.waitForURL(`**/play/${g.gameId}/us-nsa`);
      await expect.poll(() => page.getByTestId("phase-clock").count(), { timeout: 20_000 }).toBe(1);
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(1000);
      const clock = (await page.getByTestId("phase-clock").boundingBox())!;
      expect(clock.y).toBeGreaterThanOrEqual(0);
      expect(clock.y + clock.height).toBeLessThanOrEqual(844);
      // What the phone shows, not the whole page: the bar over the page's foot.
      await page.screenshot({ path: "test-results/screenshots/seat-phone-scrolled.png" });
      await context.close();
    });
  });
});
