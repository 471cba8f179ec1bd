import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backends } from "../support/backends";
import { facilitatorKey, type Running, startServer } from "../support/server";
import { hasChromium, launch, newPage } from "./support";

// Swagger UI at /docs, in Chromium, can send a bearer token: its Authorize dialog offers the
// bearer scheme, and "Try it out" on a secured operation then answers as that key, not 401.
// Swagger UI is served by the server itself, so this needs no client build.

describe.skipIf(!hasChromium)("Swagger UI with a bearer token", () => {
  let browser: Browser;
  let server: Running;
  let key = "";

  beforeAll(async () => {
    server = await startServer((await backends[0]!.fresh()).db, { LOG_LEVEL: "warn" });
    browser = await launch();
    key = await facilitatorKey(server.url, "Docs reader");
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await server?.ctx.db.close();
  });

  it("authorizes with a facilitator key, sends it on a secured call, and keeps it across a reload", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${server.url}/docs`);
    const me = page.locator("#operations-facilitators-getMe");

    // Without a token the secured call is refused: the UI really sends what it is given.
    await me.locator(".opblock-summary").click();
    await me.locator(".try-out__btn").click();
    await me.locator("button.execute").click();
    await expect
      .poll(() => me.locator(".live-responses-table tbody .response-col_status").first().innerText())
      .toBe("401");

    await page.locator(".auth-wrapper button.authorize").click();
    const dialog = page.locator(".modal-ux");
    await expect.poll(async () => (await dialog.innerText()).replace(/\s+/g, " ")).toContain("bearer (http, Bearer)");
    await dialog.locator("input").first().fill(key);
    await dialog.locator("button.modal-btn.auth.authorize").click();
    await dialog.locator("button.btn-done").click();

    await me.locator("button.execute").click();
    await expect
      .poll(() => me.locator(".live-responses-table tbody .response-col_status").first().innerText())
      .toBe("200");
    expect(await me.locator(".live-responses-table tbody .response-col_description").first().innerText()).toContain(
      "Docs reader",
    );

    // persistAuthorization: a reload keeps the key, so the next call is authorized without asking again.
    await page.reload();
    expect(await page.evaluate(() => localStorage.getItem("authorized"))).toContain("bearer");
    const again = page.locator("#operations-facilitators-getMe");
    await expect.poll(() => again.count()).toBe(1);
    // Swagger UI may reopen the operation as it was; open it only if it is closed.
    if ((await again.locator(".try-out__btn").count()) === 0) await again.locator(".opblock-summary").click();
    await again.locator(".try-out__btn").click();
    await again.locator("button.execute").click();
    await expect
      .poll(() => again.locator(".live-responses-table tbody .response-col_status").first().innerText())
      .toBe("200");
    await context.close();
  });
});
