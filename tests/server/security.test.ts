import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadConfig } from "../../server/config";
import { backends } from "../support/backends";
import { type Running, startServer } from "../support/server";

// Browser-facing headers on every kind of response (the client's page and its assets, the API,
// its errors, health), a strict Content Security Policy everywhere but Swagger UI's own routes,
// and the transport timeouts the server is built with. Headers do not depend on the database,
// so this runs on the embedded one only.

const backend = backends[0]!;

/** The policy the web client runs under, written out here so that a change to it shows. */
const STRICT: Record<string, string[]> = {
  "default-src": ["'self'"],
  "base-uri": ["'self'"],
  "connect-src": ["'self'"],
  "font-src": ["'self'"],
  "form-action": ["'self'"],
  "frame-ancestors": ["'none'"],
  "img-src": ["'self'", "data:"],
  "object-src": ["'none'"],
  "script-src": ["'self'"],
  "script-src-attr": ["'none'"],
  "style-src": ["'self'"],
};

function directives(header: string | null): Record<string, string[]> {
  expect(header, "a Content-Security-Policy header").toBeTruthy();
  return Object.fromEntries(
    header!
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!, values]),
  );
}

describe("security headers and timeouts", () => {
  let server: Running;
  let drop: () => Promise<void>;
  let asset = "";
  let indexHtml = "";

  beforeAll(async () => {
    const fresh = await backend.fresh();
    drop = fresh.drop;
    server = await startServer(fresh.db, { CLIENT_DIR: inject("clientDir") });
    indexHtml = await readFile(join(inject("clientDir"), "index.html"), "utf8");
    asset = indexHtml.match(/src="(\/assets\/[^"]+\.js)"/)![1]!;
  });
  afterAll(async () => {
    await server?.stop();
    await server?.ctx.db.close();
    await drop?.();
  });

  /** A response read to its end (an unread body would hold its connection open past close). */
  async function get(path: string, init: RequestInit = {}) {
    const res = await fetch(server.url + path, { redirect: "manual", ...init });
    const body = await res.text();
    return { status: res.status, headers: res.headers, text: async () => body, json: async () => JSON.parse(body) };
  }

  it.each([
    ["the client's page", "/", 200, "text/html"],
    ["a client path (index.html)", "/console/g123", 200, "text/html"],
    ["a built asset", "", 200, "javascript"],
    ["an API read", "/api/scenarios", 200, "application/json"],
    ["health", "/health", 200, "application/json"],
    ["an unknown API path", "/api/nope", 404, "application/json"],
    ["a client path that starts like /docs", "/docs-not-swagger", 200, "text/html"],
  ])("%s: the strict policy, nosniff, no-referrer, no framing", async (_what, path, status, type) => {
    const res = await get(path || asset);
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toContain(type);
    expect(directives(res.headers.get("content-security-policy"))).toEqual(STRICT);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("sends the headers on refusals too: a 401, a 400", async () => {
    const unauthorized = await get("/api/games", { method: "POST", headers: { "content-type": "application/json" } });
    expect(unauthorized.status).toBe(401);
    const bad = await get("/api/games/x/join", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(bad.status).toBe(400);
    for (const res of [unauthorized, bad]) {
      expect(directives(res.headers.get("content-security-policy"))).toEqual(STRICT);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("the client's page needs nothing the policy refuses: no inline script or style in it", async () => {
    const html = await (await get("/")).text();
    expect(html).toBe(indexHtml);
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\bsrc="\//);
    expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    const csp = (await get("/")).headers.get("content-security-policy")!;
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|upgrade-insecure-requests|\*|https?:/);
  });

  it("Swagger UI loads under its own policy, which adds inline styles and nothing else", async () => {
    const page = await get("/docs");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain("swagger-ui-bundle.js");
    const docs = directives(page.headers.get("content-security-policy"));
    expect(docs).toEqual({ ...STRICT, "style-src": ["'self'", "'unsafe-inline'"] });
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    // Its scripts, its styles and the document it draws, each from this origin.
    for (const path of ["/docs/static/swagger-ui-bundle.js", "/docs/static/swagger-ui.css", "/docs/json"]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(directives(res.headers.get("content-security-policy"))["style-src"]).toContain("'unsafe-inline'");
    }
    expect((await (await get("/docs/json")).json()).info.title).toBe("Summitry");
  });

  it("is built with the request and connection timeouts, 300 s and 120 s unless set", async () => {
    // On the HTTP server itself, which Socket.IO shares.
    expect(server.app.server.requestTimeout).toBe(300_000);
    expect(server.app.server.timeout).toBe(120_000);
    const fresh = await backend.fresh();
    const other = await startServer(fresh.db, { REQUEST_TIMEOUT_SECONDS: "600", CONNECTION_TIMEOUT_SECONDS: "90" });
    try {
      expect(other.app.server.requestTimeout).toBe(600_000);
      expect(other.app.server.timeout).toBe(90_000);
    } finally {
      await other.stop();
      await other.ctx.db.close();
      await fresh.drop();
    }
  });

  it("refuses a connection timeout shorter than Socket.IO's long-poll, and a request timeout of 0", () => {
    expect(() => loadConfig({ CONNECTION_TIMEOUT_SECONDS: "20" })).toThrow(/CONNECTION_TIMEOUT_SECONDS:/);
    expect(() => loadConfig({ REQUEST_TIMEOUT_SECONDS: "0" })).toThrow(/REQUEST_TIMEOUT_SECONDS:/);
  });
});
