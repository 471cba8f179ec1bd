import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyScenario } from "../../shared/scenarios/index";
import { facilitatorKey, http } from "../support/server";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// The scenario lab (issue #12): a designer edits a scenario's JSON and sees its problems (with
// their paths and the ids they name) and a valid one's preview as they type, computed in the
// lab's worker under the page's CSP; the draft is kept on the server for the key alone; the
// server validates and publishes.

describe.skipIf(!hasChromium)("the scenario lab", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  const contexts: BrowserContext[] = [];
  const violations: string[] = [];

  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.drop();
  });

  // A bound for what the worker, the server and the chart take on a loaded machine, not a timing.
  const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 30_000 });
  /** The lab, signed in with a key, every CSP violation and page error kept. */
  const lab = async (key: string): Promise<Page> => {
    const { context, page } = await newPage(browser, 1400, 1000);
    contexts.push(context);
    page.on("console", (m) => {
      if (/Content Security Policy|CSP/i.test(m.text())) violations.push(m.text());
    });
    page.on("pageerror", (e) => violations.push(`page error: ${e.message}`));
    await page.goto(`${server.url}/facilitator#key=${encodeURIComponent(key)}`);
    await poll(() => page.getByTestId("signed-in-as").count()).toBe(1);
    await page.getByTestId("lab-link").click();
    await poll(() => page.getByTestId("lab-text").count()).toBe(1);
    return page;
  };
  const problems = (page: Page) => page.getByTestId("lab-problems").getByTestId("lab-problem").allInnerTexts();
  const type = async (page: Page, doc: unknown) =>
    page.getByTestId("lab-text").fill(typeof doc === "string" ? doc : JSON.stringify(doc, null, 2));

  it("starts from a copy of the default scenario and previews it", async () => {
    const key = await facilitatorKey(server.url, "Designer");
    const page = await lab(key);
    await poll(async () => (await page.getByTestId("lab-text").inputValue()).length).toBeGreaterThan(10_000);
    expect(await page.getByTestId("lab-text").inputValue()).toContain('"id": "great-rebalancing"');
    // The default is a built-in: publishing it as it is would be refused, and nothing is saved until an edit.
    await poll(() => page.getByTestId("lab-zone").count()).toBe(1);
    expect(await page.getByTestId("lab-draft").getAttribute("data-state")).toBe("unsaved");
    expect(await page.getByTestId("lab-inject").count()).toBeGreaterThan(0);
    await shot(page, "lab-default");
  });

  it("lists a broken scenario's problems with their paths and ids, and jumps to the line", async () => {
    const key = await facilitatorKey(server.url, "Breaker");
    const page = await lab(key);

    // Not JSON at all: one problem, saying where the parser stopped.
    await type(page, '{ "id": "half-written", ');
    await poll(() => problems(page)).toEqual([
      expect.stringMatching(/^error\s+\$ line 1 not valid JSON: .*position 24/i),
    ]);

    // One missing field: one message naming the role, not seven.
    const missing = structuredClone(tinyScenario) as Record<string, any>;
    missing.id = "lab-broken";
    delete missing.roles[3].optional;
    await type(page, missing);
    await poll(() => problems(page)).toEqual([expect.stringMatching(/\$\.roles\[3\]\.optional.*"s-lead"/)]);
    expect(await page.getByTestId("lab-preview").innerText()).toMatch(/appears once the scenario's structure is sound/);

    // Sound in structure, unplayable: no signing phase, a 0.5-minute phase, a backchannel of one side.
    const unplayable = structuredClone(tinyScenario) as Record<string, any>;
    unplayable.id = "lab-unplayable";
    unplayable.phases[2].moves = unplayable.phases[2].moves.filter((m: string) => m !== "sign");
    unplayable.phases[0].minutes = 0.5;
    unplayable.backchannels[1].members = ["n-aide", "n-lead"];
    await type(page, unplayable);
    await poll(async () => (await problems(page)).join("\n")).toMatch(/no phase opens signing/);
    const listed = (await problems(page)).join("\n");
    expect(listed).toMatch(/error\s+\$\.phases\b/i);
    expect(listed).toMatch(/\$\.phases\[0\]\.minutes.*"prep" runs 0\.5 minutes/);
    expect(listed).toMatch(/\$\.backchannels\[1\]\.members.*"bc-aide" joins "n-aide" and "n-lead"/);
    expect(await page.getByTestId("lab-problems-summary").innerText()).toMatch(/\d+ errors? \(publishing refused\)/);

    // A click on a problem puts the cursor on its path's line in the editor.
    const text = await page.getByTestId("lab-text").inputValue();
    const at = text.indexOf('"minutes": 0.5');
    expect(at).toBeGreaterThan(0);
    await page.getByRole("button", { name: /^\$\.phases\[0\]\.minutes line \d+$/ }).click();
    expect(await page.getByTestId("lab-text").evaluate((el: HTMLTextAreaElement) => el.selectionStart)).toBe(at);
    await expectAccessible(page, "scenario lab with problems");
    await shot(page, "lab-problems");

    // The server agrees, and says it is not publishable.
    await page.getByTestId("lab-validate").click();
    await poll(() => page.getByTestId("lab-server-said").innerText()).toMatch(/The server refuses it/);
    expect(await page.getByTestId("lab-server-problems").innerText()).toMatch(/no phase opens signing/);
  });

  it("previews a valid scenario: zone of agreement, walk-aways, Nash, forecast and each inject's effect", async () => {
    const key = await facilitatorKey(server.url, "Previewer");
    const page = await lab(key);
    const valid = { ...structuredClone(tinyScenario), id: "lab-valid" };
    await type(page, valid);
    await poll(() => page.getByTestId("lab-problems-summary").innerText()).toMatch(/No problems/);
    await poll(() => page.getByTestId("lab-zone").count()).toBe(1);
    expect(await page.getByTestId("lab-zone").innerText()).toMatch(
      /^[\d,]+ packages? \(\d+%\) beat both walk-aways · [\d,]+ packages in all$/,
    );
    expect(await page.getByTestId("lab-walkaways").innerText()).toBe(
      tinyScenario.sides.map((s) => `${s.name} ${s.reservation}`).join(", "),
    );
    expect(await page.getByTestId("lab-nash").innerText()).toMatch(
      new RegExp(`^${tinyScenario.sides[0]!.name} \\d+, ${tinyScenario.sides[1]!.name} \\d+$`),
    );
    expect(await page.getByTestId("lab-forecast").count()).toBe(1);
    const rows = await page
      .getByTestId("lab-inject")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-inject")));
    expect(rows).toEqual(tinyScenario.injects.map((i) => i.id));
    // Each inject's effect on Nash and the forecast: the storm moves points; a card that moves none leaves both.
    const nashOf = (id: string) => page.locator(`[data-inject="${id}"] [data-testid="lab-inject-nash"]`).innerText();
    expect(await nashOf("inj-storm")).toMatch(/^\d+\/\d+ → \d+\/\d+$/);
    const still = tinyScenario.injects.find((i) =>
      i.effects.every((e) => !("shiftPoints" in e || "shiftReservation" in e)),
    );
    if (still) expect(await nashOf(still.id)).toMatch(/^\d+\/\d+ \(unchanged\)$/);
    // The chart draws (recharts, loaded on demand).
    await poll(() => page.locator(".lab-preview svg.recharts-surface").count()).toBeGreaterThan(0);

    // A walk-away raised past every package empties the zone, and says so as you type.
    const closed = structuredClone(valid);
    closed.sides[0]!.reservation = 1000;
    await type(page, closed);
    await poll(async () => (await problems(page)).join("\n")).toMatch(/zone of agreement is empty/);
    expect(await page.getByTestId("lab-zone").innerText()).toMatch(/^0 packages \(0%\)/);
    await expectAccessible(page, "scenario lab preview");
  });

  it("keeps the draft across reloads for its key, and shows it to no other key", async () => {
    const key = await facilitatorKey(server.url, "Drafter");
    const page = await lab(key);
    const mine = { ...structuredClone(tinyScenario), id: "drafter-secret", title: "Drafter's secret summit" };
    await type(page, mine);
    await poll(() => page.getByTestId("lab-draft").getAttribute("data-state")).toBe("saved");
    await page.reload();
    await poll(() => page.getByTestId("lab-text").count()).toBe(1);
    await poll(() => page.getByTestId("lab-text").inputValue()).toContain("Drafter's secret summit");
    expect(await page.getByTestId("lab-draft").getAttribute("data-state")).toBe("saved");

    // Edits in quick succession, saves overlapping: the last one is what is kept.
    for (let i = 1; i <= 8; i++) {
      await type(page, { ...mine, title: `Take ${i}` });
      await page.waitForTimeout(150 * (i % 3) + 300);
    }
    await poll(() => page.getByTestId("lab-draft").getAttribute("data-state")).toBe("saved");
    await page.reload();
    await poll(() => page.getByTestId("lab-text").inputValue()).toContain('"title": "Take 8"');
    expect((await http(server.url, "GET", "/api/scenario-draft", { token: key })).body.text).toContain("Take 8");

    const other = await lab(await facilitatorKey(server.url, "Neighbour"));
    await poll(async () => (await other.getByTestId("lab-text").inputValue()).length).toBeGreaterThan(10_000);
    expect(await other.getByTestId("lab-text").inputValue()).not.toContain("drafter-secret");
    expect(await other.content()).not.toContain("Drafter's secret summit");
  }, 180_000);

  it("publishes a valid draft: it is the key's scenario, and a second publish asks for a new version", async () => {
    const key = await facilitatorKey(server.url, "Publisher");
    const page = await lab(key);
    await type(page, { ...structuredClone(tinyScenario), id: "lab-published", title: "Published from the lab" });
    await poll(() => page.getByTestId("lab-problems-summary").innerText()).toMatch(/No problems/);
    await page.getByTestId("lab-validate").click();
    await poll(() => page.getByTestId("lab-server-said").innerText()).toMatch(/The server finds no/);
    await page.getByTestId("lab-publish").click();
    await expect
      .poll(() => page.getByTestId("lab-server-said").innerText())
      .toMatch(/Published “lab-published” version 1/);
    const listed = (await http(server.url, "GET", "/api/scenarios", { token: key })).body as {
      id: string;
      mine: boolean;
    }[];
    expect(listed.find((s) => s.id === "lab-published")?.mine).toBe(true);
    await page.getByTestId("lab-publish").click();
    await poll(() => page.getByTestId("lab-server-said").innerText()).toMatch(/raise the version/);

    // Its own upload is now one to start from.
    await expect
      .poll(() => page.getByTestId("lab-start").locator("option").allInnerTexts())
      .toContainEqual(expect.stringContaining("lab-published"));
  });

  it("runs a playtest of 200 bot games in a worker and shows its distribution", async () => {
    const key = await facilitatorKey(server.url, "Playtester");
    const page = await lab(key);
    await type(page, { ...structuredClone(tinyScenario), id: "lab-playtest" });
    await poll(() => page.getByTestId("lab-problems-summary").innerText()).toMatch(/No problems/);
    expect(await page.getByTestId("lab-games").inputValue()).toBe("500");
    await page.getByTestId("lab-games").fill("200");
    await page.getByTestId("lab-seed").fill("browser-test");
    await page.getByTestId("lab-strategy-north").selectOption("boulware");
    await page.getByTestId("lab-strategy-south").selectOption("conceder");
    await page.getByTestId("lab-run").click();
    // Progress shows while the bots play (the page stays live: the draft is still checked as typed).
    await poll(() => page.getByTestId("lab-progress").count()).toBe(1);
    await expect.poll(() => page.getByTestId("lab-results").count(), { timeout: 300_000, interval: 500 }).toBe(1);

    const rate = await page.getByTestId("lab-agreement-rate").innerText();
    const [, agreed, of] = /^\d+% \(([\d,]+) of ([\d,]+)\)$/.exec(rate) ?? [];
    expect(of).toBe("200");
    const endings = await page.getByTestId("lab-endings").innerText();
    // The endings add up to the 200 games.
    const counted = [...endings.matchAll(/: (\d+)/g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(counted).toBe(200);
    expect(endings).toContain(`signed: ${agreed}`);
    // Both sides' quartiles, and a histogram per side whose bars hold the 200 games.
    for (const side of ["north", "south"]) {
      const cells = await page.locator(`[data-testid="lab-quartiles"] tr[data-side="${side}"] td`).allInnerTexts();
      expect(cells).toHaveLength(6);
      const [min, q1, median, q3, max] = cells.map(Number) as number[];
      expect(min! <= q1! && q1! <= median! && median! <= q3! && q3! <= max!).toBe(true);
    }
    const histograms = page.getByTestId("lab-histogram");
    expect(await histograms.count()).toBe(2);
    for (const h of await histograms.all()) {
      const bars = await h.locator("rect title").allTextContents();
      expect(bars.reduce((n, b) => n + Number(b.split(": ")[1]), 0)).toBe(200);
    }
    expect(await page.getByTestId("lab-nash-distance").innerText()).toMatch(/^\d+\.\d \(\d+\.\d–\d+\.\d\)$|^no deal$/);
    expect(await page.getByTestId("lab-frontier-distance").innerText()).toMatch(/^\d+\.\d \(|^no deal$/);
    const issues = await page
      .locator('[data-testid="lab-issues"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-issue")));
    expect(issues).toEqual(tinyScenario.issues.map((i) => i.id));
    const injects = await page
      .locator('[data-testid="lab-inject-effects"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-inject")));
    expect(injects).toEqual(tinyScenario.injects.map((i) => i.id));
    await poll(() => page.locator(".lab-results .recharts-wrapper").count()).toBe(1);
    await expectAccessible(page, "scenario lab playtest");
    await shot(page, "lab-playtest");
  });

  it("puts a bot baseline beside a class's tables on the cohort chart", async () => {
    const key = await facilitatorKey(server.url, "Teacher");
    const doc = { ...structuredClone(tinyScenario), id: "lab-cohort" };
    expect((await http(server.url, "POST", "/api/scenarios", { token: key, body: doc })).status).toBe(201);
    expect(
      (await http(server.url, "POST", "/api/games", { token: key, body: { scenarioId: "lab-cohort" } })).status,
    ).toBe(201);
    const page = await lab(key);
    await page.goto(`${server.url}/facilitator/cohort/lab-cohort`);
    await poll(() => page.getByTestId("cohort-baseline-toggle").count()).toBe(1);
    const legend = () => page.getByTestId("cohort-chart").locator(".recharts-legend-item-text").allInnerTexts();
    expect(await legend()).not.toContain("Bot deal");
    await page.getByTestId("cohort-baseline-toggle").check();
    await expect
      .poll(() => page.getByTestId("cohort-baseline-summary").count(), { timeout: 300_000, interval: 500 })
      .toBe(1);
    expect(await page.getByTestId("cohort-baseline-summary").innerText()).toMatch(
      /^Bots: \d+% of games end in a deal; median score North \d+(\.\d+)?, South \d+(\.\d+)?\.$/,
    );
    await poll(() => legend()).toEqual(expect.arrayContaining(["Bot deal"]));
    await page.getByTestId("cohort-baseline-toggle").uncheck();
    await poll(() => legend()).not.toContain("Bot deal");
  });

  it("reported no CSP violation and no page error (the worker loads under script-src 'self')", () => {
    expect(violations).toEqual([]);
  });
});
