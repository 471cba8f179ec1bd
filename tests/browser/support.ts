import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { expect, inject } from "vitest";
import { backends } from "../support/backends";
import { type Running, startServer } from "../support/server";

/**
 * Browser tests run in Debian's Chromium (never a downloaded browser). Where it is missing they
 * are skipped with a message, except under CI=true, where a missing Chromium is a failure.
 */
export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) {
  const message = `browser tests need ${CHROMIUM} (apt-get install -y chromium)`;
  if (process.env.CI === "true") throw new Error(`${message}: missing under CI`);
  console.warn(`skipping browser tests: ${message}`);
}

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

/** A server with the built client, on a fresh embedded database; `env` adds to its configuration. */
export async function webServer(env: Record<string, string> = {}): Promise<Running & { drop(): Promise<void> }> {
  const fresh = await backends[0]!.fresh();
  const server = await startServer(fresh.db, { CLIENT_DIR: inject("clientDir"), LOG_LEVEL: "warn", ...env });
  return {
    ...server,
    drop: async () => {
      await server.stop();
      await fresh.db.close();
      await fresh.drop();
    },
  };
}

export async function newPage(
  browser: Browser,
  width = 1280,
  height = 900,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  return { context, page };
}

const SHOTS = join(process.cwd(), "test-results", "screenshots");

/** A screenshot kept as a test artifact. */
export async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** An axe-core scan of the page as it stands: no serious or critical violation. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  // Evaluated through the DevTools protocol, not as an inline <script>: the server's CSP
  // (script-src 'self') rightly refuses inline scripts, and the test must not weaken it.
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(): Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run();
    return result.violations;
  })) as { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  const bad = violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} at ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
  expect(bad, `accessibility of ${screen}`).toEqual([]);
}
