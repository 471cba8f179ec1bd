import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyScenario } from "../../shared/scenarios/index";
import { facilitatorKey, http } from "../support/server";
import { expectAccessible, hasChromium, launch, newPage, shot, webServer } from "./support";

// The upload form tells errors (the file is refused) from warnings (it plays, perhaps not as meant):
// a warning comes back beside a successful check, an error refuses the file with both lists shown.

describe.skipIf(!hasChromium)("scenario problems in the upload form", () => {
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

  const upload = async (page: Page, doc: unknown) =>
    page.getByTestId("scenario-upload").setInputFiles({
      name: "lab.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(doc)),
    });
  const items = (page: Page, testId: string) => page.getByTestId(testId).locator("li").allInnerTexts();

  it("lists warnings beside a passed check, and errors apart from warnings on a refusal", async () => {
    const key = await facilitatorKey(server.url, "Designer");
    const { context, page } = await newPage(browser);
    contexts.push(context);
    await page.goto(`${server.url}/facilitator#key=${encodeURIComponent(key)}`);
    await expect.poll(() => page.getByTestId("signed-in-as").count()).toBe(1);
    await page.goto(`${server.url}/facilitator/new`);
    await page.getByText("Upload your own scenario").click();
    await page.getByTestId("scenario-check-only").check();

    // An aide named as acting in round 1, with nothing of its own there: a warning only.
    const idle = structuredClone(tinyScenario);
    idle.id = "lab-idle";
    (idle.phases[1]!.acting as string[]).push("n-aide");
    await upload(page, idle);
    await expect
      .poll(() => page.getByRole("status").allInnerTexts())
      .toContainEqual(expect.stringMatching(/No errors/));
    await expect
      .poll(() => items(page, "upload-warnings"))
      .toEqual([expect.stringMatching(/\$\.phases\[1\]\.acting\[2\]\s+role "n-aide" acts in phase "round1"/)]);
    expect(await page.getByTestId("upload-problems").count()).toBe(0);

    // No phase opens signing as well: refused, the error listed apart from the warning.
    const unsignable = structuredClone(idle);
    unsignable.phases[2]!.moves = unsignable.phases[2]!.moves.filter((m) => m !== "sign");
    await upload(page, unsignable);
    await expect
      .poll(() => items(page, "upload-problems"))
      .toContainEqual(expect.stringMatching(/\$\.phases\s+no phase opens signing/));
    expect(await items(page, "upload-warnings")).toEqual([expect.stringMatching(/role "n-aide"/)]);
    expect(await page.getByTestId("upload-problems").locator("li[data-severity=warning]").count()).toBe(0);
    await expectAccessible(page, "the upload form's errors and warnings");
    await shot(page, "upload-errors-and-warnings");

    // Published with its warning: the list comes back with the upload.
    await page.getByTestId("scenario-check-only").uncheck();
    await upload(page, idle);
    await expect
      .poll(async () =>
        (await http(server.url, "GET", "/api/scenarios", { token: key })).body.map((s: { id: string }) => s.id),
      )
      .toContain("lab-idle");
    await expect.poll(() => items(page, "upload-warnings")).toEqual([expect.stringMatching(/role "n-aide"/)]);
  });
});
