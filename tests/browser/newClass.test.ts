import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { facilitatorKey } from "../support/server";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// A class in one action (issue #11): the New-class form makes three labelled tables; each table's
// console, projector and seat carry its label on the page and in the browser tab's title; the
// cards page has a card per seat (3 × 9) with a QR code and a code; the links CSV downloads.

const LABELS = ["Table A", "Table B", "Table C"];
const SEATS = 9;

describe.skipIf(!hasChromium)("a class in one action", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  let context: BrowserContext;
  let page: Page;
  let classId = "";
  let tables: { gameId: string; label: string }[] = [];

  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
    const key = await facilitatorKey(server.url, "Ms Lee");
    ({ context, page } = await newPage(browser));
    await context.addInitScript((k) => localStorage.setItem("summitry.facilitatorKey", k), key);
  });
  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await server?.drop();
  });

  it("creates three labelled tables from one form, reached from the dashboard", async () => {
    await page.goto(`${server.url}/facilitator`);
    await page.getByTestId("new-class-link").click();
    await page.waitForURL("**/facilitator/new-class");
    await page.getByTestId("class-tables").fill("3");
    for (const [i, label] of LABELS.entries())
      await expect.poll(() => page.getByTestId(`class-label-${i}`).inputValue()).toBe(label);
    await page.getByTestId("class-title").fill("Period 3");
    await expectAccessible(page, "new class form");
    await page.getByTestId("create-class").click();
    await page.waitForURL("**/facilitator/classes/*");
    classId = new URL(page.url()).pathname.split("/").at(-1)!;
    await expect.poll(() => page.getByTestId("class-table-label").allInnerTexts()).toEqual(LABELS);
    await expect.poll(() => page.title()).toContain("Period 3");
    tables = await page.evaluate(
      async ([id]) => {
        const key = localStorage.getItem("summitry.facilitatorKey");
        const r = await fetch(`/api/classes/${id}`, { headers: { authorization: `Bearer ${key}` } });
        return (await r.json()).tables;
      },
      [classId],
    );
    expect(tables.map((t) => t.label)).toEqual(LABELS);
    await shot(page, "class-page");
    await expectAccessible(page, "class page");
  });

  it("puts each table's label on its console, projector and seat, and in each tab's title", async () => {
    for (const table of tables) {
      // The console: this browser holds the table's facilitator token since it created the class.
      const row = page.getByTestId(`class-table-${table.gameId}`);
      await page.goto(`${server.url}/facilitator/classes/${classId}`);
      await row.getByTestId("class-console").click();
      await page.waitForURL(`**/console/${table.gameId}`);
      await expect.poll(() => page.getByTestId("table-label").innerText()).toBe(table.label);
      await expect.poll(() => page.title()).toBe(`${table.label} · Period 3 · Console — Summitry`);

      await page.goto(`${server.url}/facilitator/classes/${classId}`);
      await row.getByTestId("class-projector").click();
      // The first time, the projector joins with the table's observer code, as the set-up's link does.
      await page.waitForURL((u) => u.pathname === `/join/${table.gameId}`);
      await page.getByLabel("Your name").fill("Projector");
      await page.getByRole("button", { name: "Join" }).click();
      await page.waitForURL(`**/screen/${table.gameId}`);
      await expect.poll(() => page.getByTestId("table-label").innerText()).toBe(table.label);
      await expect.poll(() => page.title()).toBe(`${table.label} · Period 3 · Projector — Summitry`);

      // A student's phone: a fresh browser, the seat's link from the cards page.
      const code = await page.evaluate(
        (id) => JSON.parse(localStorage.getItem(`summitry.codes.${id}`)!).joinCodes["cn-president"],
        table.gameId,
      );
      const phone = await newPage(browser, 390, 844);
      await phone.page.goto(`${server.url}/join/${table.gameId}#${encodeURIComponent(code)}`);
      await phone.page.getByLabel("Your name").fill("Li");
      await phone.page.getByRole("button", { name: "Join" }).click();
      await phone.page.waitForURL(`**/play/${table.gameId}/cn-president`);
      await expect.poll(() => phone.page.getByTestId("table-label").innerText()).toBe(table.label);
      await expect.poll(() => phone.page.title()).toBe(`${table.label} · Period 3 · President Xi Jinping — Summitry`);
      await phone.context.close();
    }
    // The role packets too: the sheets' kicker and tab name the table.
    await page.goto(`${server.url}/facilitator/games/${tables[1]!.gameId}/sheets`);
    await expect.poll(() => page.title()).toBe("Table B · Period 3 · Role sheets — Summitry");
    await expect
      .poll(() => page.locator(".sheet-kicker").first().textContent())
      .toContain("Table B · The Great Rebalancing");
    // And the report: the facilitator's debrief of a table names it, on the page and in the tab.
    await page.goto(`${server.url}/debrief/${tables[2]!.gameId}`);
    await expect.poll(() => page.title()).toBe("Table C · Period 3 · Debrief — Summitry");
    await expect.poll(() => page.locator(".deb-header .deb-kicker").textContent()).toContain("Table C");
  });

  it("prints 3 × 9 cut-apart cards, each with its table, a QR code and a code", async () => {
    await page.goto(`${server.url}/facilitator/classes/${classId}`);
    await page.getByTestId("class-cards").click();
    await page.waitForURL(`**/facilitator/classes/${classId}/cards`);
    const cards = page.getByTestId("class-card");
    await expect.poll(() => cards.count()).toBe(3 * SEATS);
    // Every QR code drawn (an <img>, not the empty placeholder) and every code shown.
    await expect.poll(() => page.locator(".class-card img.fac-qr").count()).toBe(3 * SEATS);
    const codes = await page.getByTestId("class-card-code").allInnerTexts();
    expect(new Set(codes).size).toBe(3 * SEATS);
    const labels = await page.getByTestId("class-card-table").allInnerTexts();
    for (const label of LABELS)
      expect(labels.filter((l) => l.toLowerCase() === label.toLowerCase())).toHaveLength(SEATS);
    await expect.poll(() => page.title()).toBe("Period 3 · Cards — Summitry");
    await shot(page, "class-cards");
    await expectAccessible(page, "class cards");

    // One table's cards alone.
    await page.goto(`${server.url}/facilitator/classes/${classId}/cards?table=${tables[2]!.gameId}`);
    await expect.poll(() => cards.count()).toBe(SEATS);
    expect(new Set(await page.getByTestId("class-card-table").allInnerTexts()).size).toBe(1);
  });

  it("seats a pasted roster: as many tables as it needs, each student's name on a card", async () => {
    const names = Array.from({ length: 12 }, (_, i) => `Student ${i + 1}`);
    await page.goto(`${server.url}/facilitator/new-class`);
    await page.getByTestId("class-by-roster").check();
    await page.getByTestId("class-roster").fill(names.join("\n"));
    // 12 names at 9 seats a table: two tables, labelled by default.
    await expect.poll(() => page.getByTestId("class-label-1").inputValue()).toBe("Table B");
    expect(await page.getByTestId("class-label-2").count()).toBe(0);
    await page.getByTestId("create-class").click();
    await page.waitForURL("**/facilitator/classes/*");
    await expect.poll(() => page.getByTestId("class-table-label").allInnerTexts()).toEqual(["Table A", "Table B"]);
    await page.getByTestId("class-cards").click();
    await expect.poll(() => page.getByTestId("class-card").count()).toBe(2 * SEATS);
    const seated = (await page.getByTestId("class-card-name").allTextContents()).map((n) => n.replace(/^For\s*/, ""));
    expect(seated.sort()).toEqual([...names].sort());
  });

  it("downloads the links CSV under the CSP: a row per seat with its table, code and link", async () => {
    await page.goto(`${server.url}/facilitator/classes/${classId}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("class-csv").click()]);
    expect(download.suggestedFilename()).toBe("Period-3-links.csv");
    const chunks: Buffer[] = [];
    for await (const chunk of (await download.createReadStream())!) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    expect(text.startsWith("\ufeff")).toBe(true);
    const lines = text.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe("table,seat,role,side,name,code,link");
    expect(lines).toHaveLength(1 + 3 * SEATS);
    const b = lines.filter((l) => l.startsWith("Table B,"));
    expect(b).toHaveLength(SEATS);
    for (const line of b) expect(line).toContain(`/join/${tables[1]!.gameId}#`);
  });

  it("links the class page to this class's results, on the cohort filtered to it", async () => {
    await page.goto(`${server.url}/facilitator/classes/${classId}`);
    await page.getByTestId("class-results-link").click();
    await page.waitForURL((u) => u.pathname === "/facilitator/cohort/great-rebalancing");
    const query = new URL(page.url()).searchParams;
    expect([query.get("class"), query.get("view")]).toEqual([classId, "results"]);
    // The projected view, on this class alone (its tables are not finished: none listed yet).
    await expect.poll(() => page.getByTestId("cohort-results").count()).toBe(1);
    await expect.poll(() => page.getByTestId("cohort-class-filter").inputValue()).toBe(classId);
    expect(await page.getByTestId("cohort-results").innerText()).toMatch(/0 tables finished/);
  });
});
