import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { facilitatorKey, http } from "../support/server";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// After a game: the replay viewer steps through it and switches perspective; the debrief draws
// its chart; the cohort view shows every game of the scenario side by side.

describe.skipIf(!hasChromium)("replay, debrief and cohort in the browser", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  let key = "";
  const games: { gameId: string; facilitatorToken: string }[] = [];

  /** A game of the default scenario played to its end through the HTTP moves endpoint. */
  async function playGame(title: string, deal: Record<string, string>): Promise<void> {
    const g = (
      await http(server.url, "POST", "/api/games", { token: key, body: { scenarioId: "great-rebalancing", title } })
    ).body;
    const join = async (seat: string) =>
      (
        await http(server.url, "POST", `/api/games/${g.gameId}/join`, {
          body: { code: g.joinCodes[seat], name: `Player ${seat}` },
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
    await m(us, { type: "chat", channel: "team:washington", text: "WASHINGTON-PLAN: hold on Taiwan" });
    await m(f, { type: "advancePhase" });
    await m(f, { type: "advancePhase" });
    await m(us, { type: "propose", terms: deal });
    await m(cn, { type: "accept", proposalId: "p1" });
    await m(cn, { type: "statement", text: "A constructive meeting." });
    await m(us, { type: "sign", draftVersion: 1 });
    await m(cn, { type: "sign", draftVersion: 1 });
    games.push({ gameId: g.gameId, facilitatorToken: f });
  }

  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
    key = await facilitatorKey(server.url, "Replay teacher");
    await playGame("Table A", {
      tariffs: "cutFentanylTariff",
      chips: "licenseDowngraded",
      rareEarths: "generalLicences",
      fentanyl: "schedulePrecursors",
      tiktok: "jointVenture",
    });
    await playGame("Table B", {
      tariffs: "broadRollback",
      chips: "licenseDowngraded",
      rareEarths: "suspendControls",
      purchases: "buy150bTwoYears",
      taiwan: "doesNotSupport",
    });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });

  /** A page of a browser that holds the facilitator key and this game's facilitator token. */
  async function facilitatorPage(gameId: string, token: string): Promise<Page> {
    const { page } = await newPage(browser);
    await page.addInitScript(
      ([k, id, t]) => {
        localStorage.setItem("summitry.facilitatorKey", k!);
        localStorage.setItem(`summitry.seat.${id}.facilitator`, JSON.stringify({ token: t, seat: "facilitator" }));
      },
      [key, gameId, token],
    );
    return page;
  }

  it("the replay viewer steps through a finished game and switches perspective", async () => {
    const { gameId, facilitatorToken } = games[0]!;
    const page = await facilitatorPage(gameId, facilitatorToken);
    await page.goto(`${server.url}/replay/${gameId}`);
    await expect.poll(() => page.getByTestId("replay").count()).toBe(1);
    const scrubber = page.getByTestId("replay-scrubber");
    // Step to the team chat: two joins, the clock started, then the chat (event 4).
    await scrubber.fill("4");
    await expect.poll(() => page.getByTestId("replay-seq").innerText()).toMatch(/4/);
    await page.getByTestId("replay-perspective").selectOption("us-president");
    await expect.poll(() => page.getByTestId("replay-channels").innerText()).toMatch(/WASHINGTON-PLAN/);
    await page.getByTestId("replay-perspective").selectOption("cn-president");
    await expect.poll(() => page.getByTestId("replay-channels").innerText()).not.toMatch(/WASHINGTON-PLAN/);
    await page.getByTestId("replay-perspective").selectOption("observer");
    await expect.poll(() => page.getByTestId("replay-channels").innerText()).not.toMatch(/WASHINGTON-PLAN/);
    // The end: the draft holds the deal.
    const max = Number(await scrubber.getAttribute("max"));
    await scrubber.fill(String(max));
    await expect.poll(() => page.getByTestId("replay-draft").innerText()).toMatch(/licen/i);
    await expectAccessible(page, "replay");
    await shot(page, "replay");
  });

  it("the debrief draws its chart: scores, the frontier, the deal, Nash and the forecast", async () => {
    const { gameId, facilitatorToken } = games[0]!;
    const page = await facilitatorPage(gameId, facilitatorToken);
    await page.goto(`${server.url}/debrief/${gameId}`);
    await expect.poll(() => page.getByTestId("debrief-scores").innerText()).toMatch(/77/);
    await expect
      .poll(() => page.locator('[data-testid="debrief-chart"] svg').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expect.poll(() => page.getByTestId("debrief-left-on-table").innerText()).toMatch(/\d/);
    await expect.poll(() => page.getByTestId("debrief-concessions").count()).toBe(1);
    await expectAccessible(page, "debrief");
    await shot(page, "debrief");
  });

  it("the cohort view shows every game of the scenario, side by side and on one chart", async () => {
    const page = await facilitatorPage(games[0]!.gameId, games[0]!.facilitatorToken);
    await page.goto(`${server.url}/facilitator/cohort/great-rebalancing`);
    await expect
      .poll(() => page.getByTestId("cohort-table").innerText(), { timeout: 20_000 })
      .toMatch(/Table A[\s\S]*|Table B/);
    const table = await page.getByTestId("cohort-table").innerText();
    expect(table).toContain("Table A");
    expect(table).toContain("Table B");
    await expect
      .poll(() => page.locator('[data-testid="cohort-chart"] svg').count(), { timeout: 20_000 })
      .toBeGreaterThan(0);
    await expectAccessible(page, "cohort");
    await shot(page, "cohort");
  });
});
