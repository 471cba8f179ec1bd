import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { facilitatorKey, http } from "../support/server";
import { DECOMPOSED, frozenRecord, versionOneExport } from "../support/versionedRecord";
import { hasChromium, launch, newPage, webServer } from "./support";

// The browser's replay of records of both rules versions, imported on a server over plain HTTP:
// the page reads each under its own version and checks its hash chain with shared/hashChain.ts
// (version 2's genesis covers the version; version 1's does not), then folds it to its end.

describe.skipIf(!hasChromium)("the replay of records of each rules version, in the browser", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  let key = "";

  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
    key = await facilitatorKey(server.url, "Versions teacher");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });

  async function replayOf(doc: unknown): Promise<Page> {
    const imported = await http(server.url, "POST", "/api/games/import", { token: key, body: doc });
    expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    const { gameId, facilitatorToken } = imported.body as { gameId: string; facilitatorToken: string };
    const { page } = await newPage(browser);
    await page.addInitScript(
      ([k, id, t]) => {
        localStorage.setItem("summitry.facilitatorKey", k!);
        localStorage.setItem(`summitry.seat.${id}.facilitator`, JSON.stringify({ token: t, seat: "facilitator" }));
      },
      [key, gameId, facilitatorToken],
    );
    await page.goto(`${server.url}/replay/${gameId}`);
    await expect.poll(() => page.getByTestId("replay").count()).toBe(1);
    return page;
  }

  it("the frozen version-2 export: every hash checked, and its end holds the signed deal", async () => {
    const page = await replayOf(frozenRecord());
    await expect.poll(() => page.getByTestId("replay-chain").innerText()).toMatch(/intact: 28 events/);
    const scrubber = page.getByTestId("replay-scrubber");
    expect(await scrubber.getAttribute("max")).toBe("28");
    await scrubber.fill("28");
    await expect.poll(() => page.getByTestId("replay-draft").innerText()).toMatch(/licen/i);
  });

  it("a version-1 export: its chain holds from version 1's genesis, its text shown as typed", async () => {
    const page = await replayOf(versionOneExport());
    await expect.poll(() => page.getByTestId("replay-chain").innerText()).toMatch(/intact: 17 events/);
    expect(await page.locator("h1").first().innerText()).toBe(`Tiny Summit: ${DECOMPOSED}`);
  });
});
