import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { facilitatorKey, http } from "../support/server";
import { hasChromium, launch, newPage, shot, webServer } from "./support";

// Issue 11: chat was credited to every person on the seat, including those who joined later. In a
// real browser on a real server: Ana writes on the Treasury seat, then Bo joins it and writes too;
// the seat's page, a teammate's page and the replay credit the first line to Ana alone and the
// second to both.

describe.skipIf(!hasChromium)("who wrote a line, as of when it was written", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  let key = "";
  let game: { gameId: string; facilitatorToken: string; joinCodes: Record<string, string> };
  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
    key = await facilitatorKey(server.url, "Credit teacher");
    game = (
      await http(server.url, "POST", "/api/games", {
        token: key,
        body: { scenarioId: "great-rebalancing", title: "Credit" },
      })
    ).body;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
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
  /** Each message of the seat's open channel as "who (names)|text". */
  const lines = (page: Page) =>
    page
      .getByTestId("messages")
      .locator("li.message")
      .evaluateAll((items) =>
        items.map(
          (li) =>
            `${li.querySelector(".message-meta")?.textContent ?? ""}|${li.querySelector(".message-text")?.textContent ?? ""}`,
        ),
      );

  it("credits a line to those on the seat when it was sent, not to someone who joined later", async () => {
    const ana = await seatPage("us-treasury", "Ana Early");
    const mate = await seatPage("us-president", "Pat");
    const ok = async (token: string, body: unknown) => {
      const r = await http(server.url, "POST", `/api/games/${game.gameId}/moves`, { token, body });
      expect(r.body, JSON.stringify(body)).toMatchObject({ ok: true });
    };
    await ok(game.facilitatorToken, { type: "resume" });
    await ana.getByTestId("chat-input").fill("FIRST-LINE before Bo");
    await expect.poll(() => ana.getByTestId("chat-send").isDisabled()).toBe(false);
    await ana.getByTestId("chat-send").click();
    await expect.poll(() => lines(ana)).toEqual([expect.stringMatching(/\(Ana Early\).*\|FIRST-LINE before Bo$/)]);

    // Bo joins the Treasury seat after that line, and writes one of his own.
    const bo = await http(server.url, "POST", `/api/games/${game.gameId}/join`, {
      body: { code: game.joinCodes["us-treasury"], name: "Bo Later" },
    });
    expect(bo.status).toBe(200);
    await ok(bo.body.token, { type: "chat", channel: "team:washington", text: "SECOND-LINE with Bo" });

    for (const page of [ana, mate]) {
      await expect.poll(() => lines(page)).toHaveLength(2);
      const [first, second] = await lines(page);
      expect(first).toMatch(/\(Ana Early\)/);
      expect(first).not.toMatch(/Bo Later/);
      expect(second).toMatch(/\(Ana Early and Bo Later\).*\|SECOND-LINE with Bo$/);
    }
    // A page opened afterwards, from the whole view alone, credits the same way.
    await ana.reload();
    await expect.poll(() => lines(ana)).toHaveLength(2);
    expect((await lines(ana))[0]).not.toMatch(/Bo Later/);
    // The seat's header still says who plays it now: both.
    expect(await ana.locator("main").innerText()).toMatch(/Played by Ana Early and Bo Later/);
    await shot(ana, "credit-seat");

    // The replay, as the facilitator: the same credit, line by line and in the event line.
    const { page } = await newPage(browser);
    await page.addInitScript(
      ([k, id, t]) => {
        localStorage.setItem("summitry.facilitatorKey", k!);
        localStorage.setItem(`summitry.seat.${id}.facilitator`, JSON.stringify({ token: t, seat: "facilitator" }));
      },
      [key, game.gameId, game.facilitatorToken],
    );
    await page.goto(`${server.url}/replay/${game.gameId}`);
    await expect.poll(() => page.getByTestId("replay").count()).toBe(1);
    const scrubber = page.getByTestId("replay-scrubber");
    const max = Number(await scrubber.getAttribute("max"));
    await scrubber.fill(String(max));
    await expect.poll(() => page.getByTestId("replay-channels").innerText()).toMatch(/SECOND-LINE/);
    const from = await page
      .getByTestId("replay-channels")
      .locator(".rp-from")
      .evaluateAll((xs) => xs.map((x) => x.textContent ?? ""));
    expect(from).toEqual(["Treasury Secretary (Ana Early)", "Treasury Secretary (Ana Early, Bo Later)"]);
    expect(await page.getByTestId("replay-seq").innerText()).toMatch(/Ana Early, Bo Later/);
    await scrubber.fill(String(max - 2));
    await expect.poll(() => page.getByTestId("replay-seq").innerText()).toMatch(/Ana Early\)/);
    expect(await page.getByTestId("replay-seq").innerText()).not.toMatch(/Bo Later/);
    await page.context().close();
  });
});
