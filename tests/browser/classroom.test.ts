import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { planMinutes } from "../../shared/index";
import { defaultScenario } from "../../shared/scenarios/index";
import { privateTextsOf } from "../support/secrets";
import { facilitatorKey, http } from "../support/server";
import { pointsShown } from "./noPoints";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// The teacher's class-period helpers in a real browser: the facilitator guide (the docs/ file
// itself), the printable pre-reading handout, and the New-game form's timing plans.

describe.skipIf(!hasChromium)("the facilitator guide, the handout and the timing plans", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  let key = "";
  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
    key = await facilitatorKey(server.url, "Guide teacher");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.drop();
  });

  /** What the pages' Content Security Policy refused (the raw-imported guide must need no eval). */
  const refused: string[] = [];
  afterEach(() => {
    expect(refused).toEqual([]);
  });

  /** A page whose browser holds the facilitator key, as after signing in. */
  async function signedIn(): Promise<Page> {
    const { page, context } = await newPage(browser);
    await context.addInitScript((k) => localStorage.setItem("summitry.facilitatorKey", k), key);
    page.on("console", (msg) => {
      if (/Content Security Policy/i.test(msg.text())) refused.push(msg.text());
    });
    return page;
  }

  it("opens the guide from the dashboard's link: docs/facilitator-guide.md, headings and figures included", async () => {
    const page = await signedIn();
    await page.goto(`${server.url}/facilitator`);
    await page.getByTestId("guide-link").click();
    await page.waitForURL("**/guide");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).innerText()).toBe("Facilitator guide");
    await expect(page.getByRole("heading", { name: "Best in points versus wise policy" }).count()).resolves.toBe(1);
    const text = await page.getByTestId("guide").innerText();
    // One text: every heading of the file is on the page.
    const file = readFileSync("docs/facilitator-guide.md", "utf8");
    for (const [, heading] of file.matchAll(/^#+\s+(.*)$/gm)) expect(text).toContain(heading!);
    expect(text).toContain("27 × 31 = 837");
    await expectAccessible(page, "guide");
    await shot(page, "facilitator-guide");
    // The home page links to it too.
    await page.goto(server.url);
    await page.getByTestId("home-guide-link").click();
    await page.waitForURL("**/guide");
    await page.context().close();
  });

  it("prints a handout from the set-up screen with the public text and no side's brief, objective or points", async () => {
    const game = (
      await http(server.url, "POST", "/api/games", {
        token: key,
        body: { scenarioId: "great-rebalancing", title: "Handout table" },
      })
    ).body;
    const page = await signedIn();
    await page.goto(`${server.url}/facilitator/games/${game.gameId}`);
    await page.getByTestId("handout-link").click();
    await page.waitForURL(`**/handout/great-rebalancing?version=${defaultScenario.version}`);
    const handout = page.getByTestId("handout");
    await expect.poll(() => handout.count()).toBe(1);
    const text = await handout.innerText();
    const html = await page.content();
    expect(text).toContain(defaultScenario.summary);
    expect(text).toContain("February 2025");
    for (const side of defaultScenario.sides) expect(text).toContain(side.name);
    for (const role of defaultScenario.roles) expect(text).toContain(role.title);
    for (const issue of defaultScenario.issues) {
      expect(text).toContain(issue.title);
      for (const option of issue.options) expect(text).toContain(option.label);
    }
    for (const side of defaultScenario.sides) {
      // Paragraph by paragraph: a brief shares no sentence with the handout.
      for (const secret of privateTextsOf(defaultScenario, side.id)) {
        for (const para of secret.split(/\n+/).filter((p) => p.length > 40)) {
          expect(html.includes(para), `${side.id}: ${para.slice(0, 60)}`).toBe(false);
        }
      }
    }
    // The public background's one "point" is a verb ("Sceptics point to…"), not a score.
    expect(defaultScenario.background).toContain("Sceptics point to");
    expect(pointsShown(text.replaceAll("Sceptics point to", "Sceptics name"))).toEqual([]);
    await expectAccessible(page, "handout");
    await page.emulateMedia({ media: "print" });
    await shot(page, "handout-print");
    // Without a plan the page cannot know the game's lengths, so it gives none; with one, the plan's.
    expect(text).not.toMatch(/\d+ min\b/);
    await page.goto(`${server.url}/handout/great-rebalancing?plan=class-50`);
    await expect.poll(() => page.getByTestId("handout").innerText()).toContain("Leaders' summit: 15 min");
    await page.context().close();
  });

  it("applies a timing plan on the New-game form: the phases' minutes, the period's total, and the game made", async () => {
    const fifty = planMinutes(defaultScenario, "class-50")!;
    const page = await signedIn();
    await page.goto(`${server.url}/facilitator/new`);
    await page.getByTestId("timing-plan").selectOption({ label: "50-minute class" });
    for (const [phase, minutes] of Object.entries(fifty.phases)) {
      await expect.poll(() => page.getByTestId(`phase-minutes-${phase}`).inputValue()).toBe(String(minutes));
    }
    await expect
      .poll(() => page.getByTestId("period-total").innerText())
      .toBe(`Period: 50 minutes (${fifty.joining} joining + ${fifty.play} play + ${fifty.debrief} debrief)`);
    await expect
      .poll(() => page.getByTestId("plan-reading").getByRole("link").getAttribute("href"))
      .toBe(`/handout/great-rebalancing?version=${defaultScenario.version}&plan=class-50`);
    // An edit after the plan counts in the period's total.
    await page.getByTestId("phase-minutes-summit").fill(String(fifty.phases.summit! + 2));
    await expect.poll(() => page.getByTestId("period-total").innerText()).toMatch(/^Period: 52 minutes/);
    await page.getByTestId("phase-minutes-summit").fill(String(fifty.phases.summit));
    await page.getByTestId("game-title").fill("Period 3");
    await page.getByTestId("create-game").click();
    await page.waitForURL("**/facilitator/games/*");
    const gameId = page.url().split("/").at(-1)!;
    const record = await http(server.url, "GET", `/api/games/${gameId}/export`, { token: key });
    expect(record.status).toBe(200);
    const phases = record.body.scenario.phases as { id: string; minutes: number }[];
    expect(Object.fromEntries(phases.map((p) => [p.id, p.minutes]))).toEqual(fifty.phases);
    // Back to the scenario's own lengths.
    await page.goto(`${server.url}/facilitator/new`);
    await page.getByTestId("timing-plan").selectOption({ label: "75-minute class" });
    await page.getByTestId("timing-plan").selectOption({ label: "The scenario's own lengths" });
    await expect.poll(() => page.getByTestId("phase-minutes-summit").inputValue()).toBe("20");
    await expect.poll(() => page.getByTestId("period-total").count()).toBe(0);
    await page.context().close();
  });
});
