import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyScenario } from "../../shared/scenarios/index";
import { facilitatorKey, http, TEST_OPERATOR_KEY } from "../support/server";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// Uploads belong to their uploader: a teacher checks a file without publishing it, publishes it,
// sees it among her own and deletes one no game uses; another teacher never sees it until the
// operator makes it public from the dashboard.

describe.skipIf(!hasChromium)("uploaded scenarios in the browser", () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof webServer>>;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    server = await webServer();
    browser = await launch();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await server?.drop();
  });

  const signedIn = async (key: string): Promise<Page> => {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    await page.goto(`${server.url}/facilitator#key=${encodeURIComponent(key)}`);
    await expect.poll(() => page.getByTestId("signed-in-as").count()).toBe(1);
    return page;
  };
  const listed = async (key: string) =>
    (await http(server.url, "GET", "/api/scenarios", { token: key })).body.map((s: { id: string }) => s.id);
  const upload = async (page: Page, doc: unknown) =>
    page.getByTestId("scenario-upload").setInputFiles({
      name: "lab.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(doc)),
    });

  it("checks without publishing, publishes, shares through the operator, and deletes", async () => {
    const aliceKey = await facilitatorKey(server.url, "Alice");
    const bobKey = await facilitatorKey(server.url, "Bob");
    const alice = await signedIn(aliceKey);
    await alice.goto(`${server.url}/facilitator/new`);
    const lab = { ...structuredClone(tinyScenario), id: "alice-lab", title: "Alice's lab" };

    await alice.getByText("Upload your own scenario").click();
    await alice.getByTestId("scenario-check-only").check();
    await upload(alice, lab);
    await expect
      .poll(() => alice.getByRole("status").allInnerTexts())
      .toContainEqual(expect.stringMatching(/No problems/));
    expect(await listed(aliceKey)).not.toContain("alice-lab");

    await alice.getByTestId("scenario-check-only").uncheck();
    await upload(alice, lab);
    await expect.poll(async () => listed(aliceKey)).toContain("alice-lab");
    await upload(alice, { ...lab, id: "alice-draft", title: "Alice's draft" });
    await expect.poll(async () => listed(aliceKey)).toContain("alice-draft");
    expect(await listed(bobKey)).not.toContain("alice-lab");

    // Her dashboard lists her own uploads; the draft no game uses can go.
    await alice.goto(`${server.url}/facilitator`);
    await expect.poll(() => alice.getByTestId("scenario-row-alice-draft").count()).toBe(1);
    await alice.getByTestId("scenario-row-alice-draft").getByRole("button", { name: "Delete" }).click();
    await alice.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
    await expect.poll(() => alice.getByTestId("scenario-row-alice-draft").count()).toBe(0);
    expect(await listed(aliceKey)).not.toContain("alice-draft");
    await expectAccessible(alice, "your uploaded scenarios");
    await shot(alice, "my-scenarios");

    // The operator makes the lab public; now Bob may create games from it.
    const operator = await signedIn(TEST_OPERATOR_KEY);
    await expect.poll(() => operator.getByTestId("scenario-row-alice-lab").count()).toBe(1);
    await operator.getByTestId("scenario-row-alice-lab").getByRole("button", { name: "Make public" }).click();
    await expect.poll(async () => listed(bobKey)).toContain("alice-lab");
    const game = await http(server.url, "POST", "/api/games", { token: bobKey, body: { scenarioId: "alice-lab" } });
    expect(game.status).toBe(201);
  });
});
