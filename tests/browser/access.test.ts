import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { facilitatorKey, http, TEST_OPERATOR_KEY } from "../support/server";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// Signing in without a key made on the spot: the operator's printed link, an invite used once, a
// key revoked from the operator's panel, a facilitator token reset, and "Forget this device".

describe.skipIf(!hasChromium)("sign-in, invites and keys in the browser", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  const contexts: BrowserContext[] = [];
  let operator: Page;
  let teacher: Page;
  let inviteLink = "";

  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.drop();
  });

  const open = async () => {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    return page;
  };
  const summitryKeys = (page: Page) =>
    page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("summitry.")));
  const storedKey = (page: Page) => page.evaluate(() => localStorage.getItem("summitry.facilitatorKey"));
  const confirm = async (page: Page) => {
    await page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
  };
  /** The operator panel's row of a facilitator, found by name. */
  const rowOf = (page: Page, name: string) =>
    page.locator('[data-testid^="facilitator-row-"]').filter({ hasText: name });

  it("without a key, the dashboard says to ask the operator and creates nothing", async () => {
    const page = await open();
    await page.goto(`${server.url}/facilitator`);
    await expect.poll(() => page.getByTestId("signin-screen").count()).toBe(1);
    expect(await page.getByTestId("signin-screen").innerText()).toContain(
      "Ask the operator of this server for a sign-in or invite link",
    );
    expect(await storedKey(page)).toBeNull();
    // The operator sees one facilitator: itself (the visit made no key).
    const list = await http(server.url, "GET", "/api/facilitators", { token: TEST_OPERATOR_KEY });
    expect(list.body).toHaveLength(1);
    await expectAccessible(page, "sign-in screen");
    await shot(page, "signin-screen");
  });

  it("the operator's sign-in link signs in, and the key leaves the address", async () => {
    operator = await open();
    await operator.goto(`${server.url}/facilitator#key=${TEST_OPERATOR_KEY}`);
    await expect.poll(() => operator.getByTestId("signed-in-as").innerText()).toMatch(/Signed in as/);
    expect(new URL(operator.url()).hash).toBe("");
    expect(operator.url()).not.toContain(TEST_OPERATOR_KEY);
    expect(await storedKey(operator)).toBe(TEST_OPERATOR_KEY);
    await expect.poll(() => operator.getByTestId("operator-panel").count()).toBe(1);
    // A reload keeps the sign-in (the key is stored, not read from the address).
    await operator.reload();
    await expect.poll(() => operator.getByTestId("operator-panel").count()).toBe(1);
    await expectAccessible(operator, "dashboard with the operator panel");
    await shot(operator, "operator-panel");
  });

  it("an invite made in the panel signs a teacher in once, and only once", async () => {
    await operator.getByTestId("invite-name").fill("Ms Lee");
    await operator.getByTestId("create-invite").click();
    inviteLink = await operator.getByTestId("invite-link").inputValue();
    expect(inviteLink).toContain(`${server.url}/facilitator/invite#`);
    await expect.poll(() => operator.locator('[data-testid^="invite-row-"]').count()).toBe(1);

    teacher = await open();
    await teacher.goto(inviteLink);
    await expectAccessible(teacher, "invite page");
    await teacher.getByTestId("invite-name-input").fill("Ms Lee");
    await teacher.getByTestId("invite-accept").click();
    const shown = await teacher.getByTestId("invite-key").inputValue();
    expect(shown.length).toBeGreaterThan(20);
    expect(await storedKey(teacher)).toBe(shown);
    expect(new URL(teacher.url()).hash).toBe("");
    await shot(teacher, "invite-key-shown-once");
    await teacher.getByTestId("invite-to-dashboard").click();
    await teacher.waitForURL("**/facilitator");
    await expect.poll(() => teacher.getByTestId("signed-in-as").innerText()).toMatch(/Signed in as Ms Lee/);
    expect(await teacher.getByTestId("operator-panel").count()).toBe(0);

    // The same link in another browser is refused.
    const late = await open();
    await late.goto(inviteLink);
    await late.getByTestId("invite-name-input").fill("Someone else");
    await late.getByTestId("invite-accept").click();
    await expect.poll(() => late.getByRole("alert").innerText()).toMatch(/used already|expired/);
    expect(await storedKey(late)).toBeNull();

    // The operator's lists show the new facilitator and the invite as used.
    await operator.reload();
    await expect.poll(() => rowOf(operator, "Ms Lee").count()).toBe(1);
    const invites = await operator.getByTestId("invite-table").innerText();
    expect(invites).not.toMatch(/not yet/);
  });

  it("a key made in the panel is shown once and works; a new key stops the old one", async () => {
    await operator.getByTestId("new-key-name").fill("Mr Park");
    await operator.getByTestId("create-key").click();
    const made = await operator.getByTestId("new-key").inputValue();
    expect((await http(server.url, "GET", "/api/me", { token: made })).body.name).toBe("Mr Park");
    await expect.poll(() => rowOf(operator, "Mr Park").count()).toBe(1);
    await rowOf(operator, "Mr Park")
      .getByRole("button", { name: /new key/i })
      .click();
    await confirm(operator);
    const rotated = await operator.getByTestId("rotated-key").inputValue();
    expect(rotated).not.toBe(made);
    expect((await http(server.url, "GET", "/api/me", { token: made })).status).toBe(401);
    expect((await http(server.url, "GET", "/api/me", { token: rotated })).status).toBe(200);
  });

  it("a key revoked in the panel stops: that browser's dashboard says so and can forget it", async () => {
    await rowOf(operator, "Ms Lee")
      .getByRole("button", { name: /revoke/i })
      .click();
    await expectAccessible(operator, "revoke confirmation");
    await confirm(operator);
    await expect.poll(() => rowOf(operator, "Ms Lee").innerText()).toMatch(/Revoked/);

    await teacher.reload();
    await expect.poll(() => teacher.getByTestId("key-refused").count()).toBe(1);
    expect(await teacher.getByTestId("key-refused").innerText()).toMatch(/no longer works/);
    await expectAccessible(teacher, "refused key");
    await shot(teacher, "key-refused");
    await teacher.getByTestId("forget-key").click();
    await expect.poll(() => teacher.getByTestId("signin-screen").count()).toBe(1);
    expect(await storedKey(teacher)).toBeNull();
  });

  it("a facilitator token reset on the set-up page stops the old token; this browser's console follows", async () => {
    const key = await facilitatorKey(server.url, "Reset teacher");
    const g = (await http(server.url, "POST", "/api/games", { token: key, body: { scenarioId: "great-rebalancing" } }))
      .body;
    const page = await open();
    await page.context().addInitScript(
      ([k, id, token]) => {
        if (localStorage.getItem("summitry.facilitatorKey") === null) {
          localStorage.setItem("summitry.facilitatorKey", k!);
          localStorage.setItem(`summitry.seat.${id}.facilitator`, JSON.stringify({ token, seat: "facilitator" }));
        }
      },
      [key, g.gameId, g.facilitatorToken],
    );
    const consoleTab = await page.context().newPage();
    await consoleTab.goto(`${server.url}/console/${g.gameId}`);
    await expect.poll(() => consoleTab.getByTestId("console").count(), { timeout: 20_000 }).toBe(1);

    await page.goto(`${server.url}/facilitator/games/${g.gameId}`);
    await page.getByTestId("reset-facilitator-token").click();
    await confirm(page);
    await expect
      .poll(() => page.getByTestId("facilitator-token-reset-done").innerText())
      .toMatch(/New facilitator token/);
    const now = await page.evaluate(
      (id) => JSON.parse(localStorage.getItem(`summitry.seat.${id}.facilitator`)!).token as string,
      g.gameId,
    );
    expect(now).not.toBe(g.facilitatorToken);
    expect((await http(server.url, "GET", `/api/games/${g.gameId}`, { token: g.facilitatorToken })).status).toBe(401);
    expect((await http(server.url, "GET", `/api/games/${g.gameId}`, { token: now })).status).toBe(200);
    // The console tab of this browser picked up the new token and is live again.
    await expect.poll(() => consoleTab.getByTestId("connection").innerText(), { timeout: 20_000 }).toMatch(/Connected/);
    expect(await consoleTab.getByTestId("live-seat").getAttribute("data-seat")).toBe("facilitator");
  });

  it("“Forget this device” removes every key and token, and the console no longer opens", async () => {
    const key = await facilitatorKey(server.url, "Borrowed laptop");
    const g = (await http(server.url, "POST", "/api/games", { token: key, body: { scenarioId: "great-rebalancing" } }))
      .body;
    const page = await open();
    await page.goto(`${server.url}/facilitator#key=${key}`);
    await expect.poll(() => page.getByTestId("signed-in-as").count()).toBe(1);
    expect(await page.getByTestId("forget-device-button").count()).toBe(1);
    await page.goto(`${server.url}/console/${g.gameId}`);
    await expect.poll(() => page.getByTestId("console").count(), { timeout: 20_000 }).toBe(1);
    await page.goto(`${server.url}/join/${g.gameId}#${encodeURIComponent(g.joinCodes["us-president"])}`);
    await page.getByLabel("Your name").fill("Tester");
    await page.getByRole("button", { name: "Join" }).click();
    await page.waitForURL(`**/play/${g.gameId}/us-president`);
    expect((await summitryKeys(page)).length).toBeGreaterThanOrEqual(3);

    await page.goto(server.url);
    await page.getByTestId("forget-device-button").click();
    await expectAccessible(page, "forget this device");
    await shot(page, "forget-device-confirm");
    await confirm(page);
    await expect.poll(() => page.getByTestId("forget-device-done").innerText()).toMatch(/holds nothing/);
    expect(await summitryKeys(page)).toEqual([]);

    await page.goto(`${server.url}/console/${g.gameId}`);
    await expect.poll(() => page.getByTestId("no-seat").count()).toBe(1);
    expect(await page.getByTestId("console").count()).toBe(0);
    await page.goto(`${server.url}/play/${g.gameId}/us-president`);
    await expect.poll(() => page.getByTestId("no-seat").count()).toBe(1);
    await page.goto(`${server.url}/facilitator`);
    await expect.poll(() => page.getByTestId("signin-screen").count()).toBe(1);
  });
});
