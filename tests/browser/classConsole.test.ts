import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../shared/index";
import { defaultScenario } from "../../shared/scenarios/index";
import { facilitatorKey, http } from "../support/server";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// Issue #11 point 4: one console for the class. A class of three tables (POST /api/classes), the
// console opened in the browser that holds the three facilitator tokens; start, pause, resume,
// extend, one deck inject, one written inject and a note go to all three from one click each, and
// the server's own event lists show every table got each action exactly once. A second start is
// refused by every table, and the page says so per table with the rule's reason. The alerts: an
// idle table (idle after 0.05 min), and a table whose accepted draft beats both walk-aways,
// unsigned; and last call at every table at once (rules version 3).

const INJECT = "inj-market-slide";

describe.skipIf(!hasChromium)("the class console", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  let page: Page;
  let key = "";
  let classId = "";
  let tables: { gameId: string; label: string; facilitatorToken: string; joinCodes: Record<string, string> }[] = [];

  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
    key = await facilitatorKey(server.url, "Class console teacher");
    const r = await http(server.url, "POST", "/api/classes", {
      token: key,
      body: { scenarioId: defaultScenario.id, tables: 3, title: "Period 5" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    classId = r.body.classId;
    tables = r.body.tables;
    ({ page } = await newPage(browser));
    // This browser holds the tokens, as the one whose New-class form created the class does.
    await page.addInitScript(
      ([k, list]) => {
        localStorage.setItem("summitry.facilitatorKey", k as string);
        for (const [id, token] of list as [string, string][])
          localStorage.setItem(`summitry.seat.${id}.facilitator`, JSON.stringify({ token, seat: "facilitator" }));
      },
      [key, tables.map((t) => [t.gameId, t.facilitatorToken])] as const,
    );
  });
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });

  /** Every event of a table, as its facilitator reads them from the server. */
  const eventsOf = async (gameId: string, token: string): Promise<{ type: string; payload: any }[]> => {
    const r = await http(server.url, "GET", `/api/games/${gameId}/events`, { token });
    expect(r.status).toBe(200);
    return r.body;
  };
  const countsOf = async () =>
    Promise.all(
      tables.map(async (t) => {
        const counts: Record<string, number> = {};
        for (const e of await eventsOf(t.gameId, t.facilitatorToken)) counts[e.type] = (counts[e.type] ?? 0) + 1;
        return counts;
      }),
    );
  /** Clicks an action and waits until every table's answer is shown. */
  const act = async (testId: string) => {
    const results = page.getByTestId("cc-results");
    const before = (await results.count()) ? Number(await results.getAttribute("data-run")) : 0;
    await page.getByTestId(testId).click();
    await expect
      .poll(async () => (await results.count()) && Number(await results.getAttribute("data-run")))
      .toBe(before + 1);
  };
  const results = () => page.getByTestId("cc-results").locator("li").allInnerTexts();

  it("is one click from the class page and shows every table by its label, live", async () => {
    await page.goto(`${server.url}/facilitator/classes/${classId}`);
    await page.getByTestId("class-console-link").click();
    await page.waitForURL(`**/facilitator/classes/${classId}/console`);
    await expect.poll(() => page.getByTestId("cc-label").allInnerTexts()).toEqual(["Table A", "Table B", "Table C"]);
    for (const t of tables)
      await expect
        .poll(() => page.getByTestId(`cc-row-${t.gameId}`).getByTestId("cc-status").innerText(), { timeout: 20_000 })
        .toBe("not started");
    await expect.poll(() => page.title()).toContain("Period 5");
    // Each table's own console is one click away.
    const hrefs = await page.getByTestId("cc-open").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(hrefs).toEqual(tables.map((t) => `/console/${t.gameId}`));
  });

  it("sends start, pause, resume, extend, a deck inject, a written inject and a note to all three tables, each once", async () => {
    await act("cc-start");
    expect(await results()).toEqual(["Table A: acknowledged", "Table B: acknowledged", "Table C: acknowledged"]);
    for (const t of tables)
      await expect.poll(() => page.getByTestId(`cc-row-${t.gameId}`).getByTestId("cc-status").innerText()).toBe("");
    // A second start: every table's clock is running, and each says so in the rule's words.
    await act("cc-start");
    for (const line of await results()) expect(line).toMatch(/^Table [ABC]: Refused: The clock is already running\.$/);
    await act("cc-pause");
    for (const t of tables)
      await expect
        .poll(() => page.getByTestId(`cc-row-${t.gameId}`).getByTestId("cc-status").innerText())
        .toBe("paused");
    await act("cc-resume");
    await page.getByTestId("cc-extend-minutes").fill("3");
    await act("cc-extend");
    await expect.poll(() => page.getByTestId("cc-inject-card").locator("option").count()).toBeGreaterThan(1);
    await page.getByTestId("cc-inject-card").selectOption(INJECT);
    await act("cc-inject");
    // A written inject, the same words at every table.
    await page.getByTestId("cc-write-title").fill("Storm over the straits");
    await page.getByTestId("cc-write-text").fill("Shipping insurers suspend cover for a week.");
    await act("cc-write-send");
    await page.getByTestId("cc-note-text").fill("Five minutes to the summit.");
    await act("cc-note-send");
    expect(await results()).toEqual(["Table A: acknowledged", "Table B: acknowledged", "Table C: acknowledged"]);

    // The server's record: each action once at every table (the refused start left no event).
    for (const counts of await countsOf())
      expect(counts).toMatchObject({ resume: 2, pause: 1, extend: 1, inject: 2, note: 1 });
    for (const t of tables) {
      const events = await eventsOf(t.gameId, t.facilitatorToken);
      const injects = events.filter((e) => e.type === "inject").map((e) => e.payload);
      expect(injects[0].injectId).toBe(INJECT);
      expect(injects[1]).toMatchObject({
        title: "Storm over the straits",
        text: "Shipping insurers suspend cover for a week.",
      });
      expect(events.find((e) => e.type === "extend")!.payload.minutes).toBe(3);
      expect(events.find((e) => e.type === "note")!.payload.text).toBe("Five minutes to the summit.");
    }
  });

  it("acts on the chosen tables only when some are unticked", async () => {
    const [a, b, c] = tables;
    await page.getByTestId(`cc-row-${b!.gameId}`).getByTestId("cc-choose").uncheck();
    await page.getByTestId(`cc-row-${c!.gameId}`).getByTestId("cc-choose").uncheck();
    await act("cc-pause");
    await expect
      .poll(() => page.getByTestId("cc-results").locator("li").allInnerTexts())
      .toEqual(["Table A: acknowledged"]);
    await expect
      .poll(() => page.getByTestId(`cc-row-${a!.gameId}`).getByTestId("cc-status").innerText())
      .toBe("paused");
    expect(await page.getByTestId(`cc-row-${b!.gameId}`).getByTestId("cc-status").innerText()).toBe("");
    await act("cc-resume");
    await expect.poll(() => page.getByTestId(`cc-row-${a!.gameId}`).getByTestId("cc-status").innerText()).toBe("");
    await page.getByTestId("cc-choose-all").check();
    expect(
      await page.getByTestId("cc-choose").evaluateAll((xs) => xs.map((x) => (x as HTMLInputElement).checked)),
    ).toEqual([true, true, true]);
  });

  it("flags an idle table, and a table whose accepted draft beats both walk-aways but is unsigned", async () => {
    const c = tables[2]!;
    // Table C: on to the summit, a draft both sides beat their walk-aways with, accepted, unsigned.
    const move = async (token: string, body: unknown) => {
      const r = await http(server.url, "POST", `/api/games/${c.gameId}/moves`, { token, body });
      expect(r.body, JSON.stringify(body)).toMatchObject({ ok: true });
    };
    const join = async (seat: string) =>
      (
        await http(server.url, "POST", `/api/games/${c.gameId}/join`, {
          body: { code: c.joinCodes[seat], name: seat },
        })
      ).body.token as string;
    const us = await join("us-president");
    const cn = await join("cn-president");
    await move(c.facilitatorToken, { type: "advancePhase" });
    await move(c.facilitatorToken, { type: "advancePhase" });
    const { framing: _framing, ...deal } = analyze(defaultScenario).nash!.package;
    await move(us, { type: "propose", terms: deal });
    await move(cn, { type: "accept", proposalId: "p1" });
    const rowC = page.getByTestId(`cc-row-${c.gameId}`);
    await expect
      .poll(() => rowC.getByTestId("cc-alerts").innerText(), { timeout: 20_000 })
      .toMatch(/Draft beats both walk-aways, unsigned/);
    expect(await rowC.getByTestId("cc-worth").innerText()).toMatch(/Washington \d+ \(walk-away \d+\)/);
    expect(await rowC.getByTestId("cc-connected").innerText()).toBe("0 of 9 seats");

    // Idle: 0.05 min (3 s) with no event at a live table.
    await page.getByTestId("cc-idle-minutes").fill("0.05");
    const rowA = page.getByTestId(`cc-row-${tables[0]!.gameId}`);
    await expect.poll(() => rowA.getByTestId("cc-alerts").innerText(), { timeout: 20_000 }).toMatch(/Idle/);
    await shot(page, "class-console");
    await expectAccessible(page, "class console");
    // An event at the table clears its idle alert.
    await page.getByTestId(`cc-row-${tables[1]!.gameId}`).getByTestId("cc-choose").uncheck();
    await page.getByTestId(`cc-row-${c.gameId}`).getByTestId("cc-choose").uncheck();
    await page.getByTestId("cc-idle-minutes").fill("0.2");
    await page.getByTestId("cc-note-text").fill("Still there?");
    await act("cc-note-send");
    await expect.poll(() => rowA.getByTestId("cc-alerts").innerText()).not.toMatch(/Idle/);
  });

  it("calls last call at every table at once, once: a second call is refused by each in the rule's words", async () => {
    await page.getByTestId("cc-choose-all").check();
    await page.getByTestId("cc-last-call-minutes").fill("2");
    // It asks first: nothing is sent until the question is answered.
    await page.getByTestId("cc-last-call").click();
    await expect.poll(() => page.getByTestId("cc-last-call-confirm").innerText()).toBe("Yes, call last call");
    expect(await page.getByText("Call last call at all 3 chosen tables? After 2 minutes").count()).toBe(1);
    for (const t of tables)
      expect((await eventsOf(t.gameId, t.facilitatorToken)).some((e) => e.type === "lastCall")).toBe(false);
    await act("cc-last-call-confirm");
    expect(await results()).toEqual(["Table A: acknowledged", "Table B: acknowledged", "Table C: acknowledged"]);
    for (const t of tables)
      await expect
        .poll(() => page.getByTestId(`cc-row-${t.gameId}`).getByTestId("cc-status").innerText())
        .toBe("last call");
    await page.getByTestId("cc-last-call").click();
    await act("cc-last-call-confirm");
    for (const line of await results())
      expect(line).toMatch(/^Table [ABC]: Refused: last call: it has already been called/);
    for (const t of tables) {
      const calls = (await eventsOf(t.gameId, t.facilitatorToken)).filter((e) => e.type === "lastCall");
      expect(calls.map((e) => e.payload)).toEqual([{ minutes: 2 }]);
    }
    await shot(page, "class-console-last-call");
  });
});
