import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cohortFigures } from "../../client/src/cohort/figures";
import { parseRecord } from "../../shared/contract/record";
import { defaultScenario } from "../../shared/scenarios/index";
import { facilitatorKey, http } from "../support/server";
import { type Created, seatLeaders } from "./playTable";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// Issue #11: the cohort for teaching. A class of three labelled tables of the default scenario
// (two sign different deals, the third ends with no deal) and one game outside the class: the
// cohort writes each table's label on its mark, compares the terms issue by issue and the scores
// role by role, filters by class, and projects the class results.

describe.skipIf(!hasChromium)("the cohort for teaching", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  let key = "";
  let classId = "";
  let tables: (Created & { label: string })[] = [];
  let alone: Created;

  const dealA = {
    tariffs: "cutFentanylTariff",
    chips: "licenseDowngraded",
    rareEarths: "generalLicences",
    fentanyl: "schedulePrecursors",
    tiktok: "jointVenture",
  };
  const dealB = {
    tariffs: "broadRollback",
    chips: "licenseDowngraded",
    rareEarths: "suspendControls",
    purchases: "buy150bTwoYears",
    taiwan: "doesNotSupport",
  };

  async function sign(g: Created, terms: Record<string, string>) {
    const { us, cn, move } = await seatLeaders(server.url, g);
    await move(us, { type: "propose", terms });
    await move(cn, { type: "accept", proposalId: "p1" });
    await move(us, { type: "sign", draftVersion: 1 });
    await move(cn, { type: "sign", draftVersion: 1 });
  }

  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
    key = await facilitatorKey(server.url, "Cohort teacher");
    const c = await http(server.url, "POST", "/api/classes", {
      token: key,
      body: { scenarioId: "great-rebalancing", title: "Period 3", tables: 3, labels: ["North", "East", "South"] },
    });
    expect(c.status, JSON.stringify(c.body)).toBe(201);
    classId = c.body.classId;
    tables = c.body.tables;
    await sign(tables[0]!, dealA);
    await sign(tables[1]!, dealB);
    const { f, move } = await seatLeaders(server.url, tables[2]!);
    await move(f, { type: "endGame" });
    alone = (
      await http(server.url, "POST", "/api/games", {
        token: key,
        body: { scenarioId: "great-rebalancing", title: "A game alone" },
      })
    ).body;
    await sign(alone, dealA);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });

  async function cohortPage(): Promise<Page> {
    const { page } = await newPage(browser);
    await page.addInitScript((k) => localStorage.setItem("summitry.facilitatorKey", k), key);
    await page.goto(`${server.url}/facilitator/cohort/great-rebalancing`);
    await expect.poll(() => page.getByTestId("cohort-issues").count(), { timeout: 20_000 }).toBe(1);
    return page;
  }

  /** The cohort's figures of one game, by the code the page runs. */
  async function figures(gameId: string) {
    const doc = (await http(server.url, "GET", `/api/games/${gameId}/export?format=json`, { token: key })).body;
    const read = parseRecord(doc);
    if (!read.ok) throw new Error(read.problem.message);
    return cohortFigures(read.record);
  }

  it("labels each table's mark, compares the terms issue by issue and the scores role by role", async () => {
    const page = await cohortPage();
    // Each table's label on its own mark (an SVG text beside it), the lone game by its title.
    await expect
      .poll(() => page.locator('[data-testid="cohort-chart"] svg text.chart-tag').allTextContents(), {
        timeout: 20_000,
      })
      .toEqual(expect.arrayContaining(["North", "East", "South", "A game alone"]));
    const table = await page.getByTestId("cohort-table").innerText();
    expect(table).toMatch(/North · /);

    const issues = page.getByTestId("cohort-issues");
    const head = await issues.locator("thead").innerText();
    for (const name of ["North", "East", "South", "A game alone"]) expect(head).toContain(name);
    const option = (issueId: string, optionId: string) =>
      defaultScenario.issues.find((i) => i.id === issueId)!.options.find((o) => o.id === optionId)!.label;
    const tariffs = await page.getByTestId("cohort-issue-tariffs").innerText();
    expect(tariffs).toContain(option("tariffs", "cutFentanylTariff"));
    expect(tariffs).toContain(option("tariffs", "broadRollback"));
    // South ended with no deal: its column holds the no-deal option.
    const noDeal = defaultScenario.issues.find((i) => i.id === "tariffs")!.noDeal;
    expect(tariffs).toContain(option("tariffs", noDeal));

    // Role by role: every role's score in every table, as the debrief's figures give it.
    const games = [...tables, alone];
    const figs = await Promise.all(games.map((g) => figures(g.gameId)));
    const order = await issues.locator("thead th").allInnerTexts();
    for (const role of defaultScenario.roles) {
      const cells = await page.getByTestId(`cohort-role-${role.id}`).locator("td").allInnerTexts();
      const expected = order.slice(1).map((name) => {
        const k = games.findIndex((g) => ("label" in g ? g.label : "A game alone") === name);
        return String(figs[k]!.roles[role.id]);
      });
      expect(cells, role.id).toEqual(expected);
    }
    await expectAccessible(page, "cohort-teaching");
    await shot(page, "cohort-teaching");
    await page.close();
  });

  it("filters by class, and projects the class results", async () => {
    const page = await cohortPage();
    const filter = page.getByTestId("cohort-class-filter");
    expect(await filter.locator("option").allInnerTexts()).toEqual(
      expect.arrayContaining(["Every game", "Period 3", "Games outside a class"]),
    );
    await filter.selectOption(classId);
    await expect.poll(() => page.getByTestId("cohort-table").innerText()).not.toContain("A game alone");
    const table = await page.getByTestId("cohort-table").innerText();
    for (const name of ["North", "East", "South"]) expect(table).toContain(name);
    expect(await page.getByTestId(`cohort-row-${alone.gameId}`).count()).toBe(0);
    await expect
      .poll(() => page.locator('[data-testid="cohort-chart"] svg text.chart-tag').allTextContents())
      .not.toContain("A game alone");

    await page.setViewportSize({ width: 1366, height: 768 });
    await page.getByTestId("cohort-results-toggle").click();
    const results = page.getByTestId("cohort-results");
    await expect.poll(() => results.count()).toBe(1);
    const text = await results.innerText();
    expect(text).toMatch(/3 tables finished, 2 with an agreement/);
    expect(text).not.toContain("A game alone");
    for (const t of tables) {
      const f = await figures(t.gameId);
      const card = await page.getByTestId(`cohort-result-${t.gameId}`).innerText();
      expect(card).toContain(t.label);
      expect(card).toContain(`${f.pointsLeftOnTable} point`);
    }
    expect(await page.getByTestId(`cohort-result-${tables[2]!.gameId}`).innerText()).toContain("No agreement");
    // One screen: the results fit a 1366×768 projector without scrolling, in large type.
    const fit = await page.evaluate(() => {
      const box = document.querySelector('[data-testid="cohort-results"]')!.getBoundingClientRect();
      const size = parseFloat(getComputedStyle(document.querySelector(".cohort-results-name")!).fontSize);
      return { bottom: box.bottom + window.scrollY, size };
    });
    expect(fit.bottom).toBeLessThanOrEqual(768);
    expect(fit.size).toBeGreaterThanOrEqual(28);
    // The projected view shows no role's objectives nor any role score.
    expect(await page.getByTestId("cohort-roles").count()).toBe(0);
    await expectAccessible(page, "cohort-results");
    await shot(page, "cohort-results");
    // A class's own link opens straight on its projected results.
    await page.goto(`${server.url}/facilitator/cohort/great-rebalancing?class=${classId}&view=results`);
    await expect.poll(() => results.innerText(), { timeout: 20_000 }).toMatch(/3 tables finished/);
    expect(await results.innerText()).not.toContain("A game alone");
    await page.close();
  });
});
