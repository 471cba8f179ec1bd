import helmet from "@fastify/helmet";
import type { FastifyInstance } from "fastify";

/**
 * Browser-facing headers (helmet). Every response gets a strict Content Security Policy; Swagger
 * UI's own routes (`/docs…`) get the one exception it needs.
 */

type Directives = Record<string, string[]>;

/**
 * The web client's policy. The built client (Vite) is one external module script, external
 * stylesheets and chunks, all from this origin, and talks to this origin only (HTTP and the
 * Socket.IO websocket), so everything is 'self' except:
 * - `img-src data:`: the QR codes on the set-up screen are `data:` PNGs (qrcode's toDataURL) and
 *   index.html's empty favicon is `data:,`; an image cannot run script.
 * - no `'unsafe-inline'` for styles: React and recharts set styles through the CSSOM
 *   (`element.style.x = …`), which CSP does not govern; no code of the bundle writes a `style`
 *   attribute as markup or a `<style>` element (the browser test of every screen, charts
 *   included, asserts no violation).
 * - no `'unsafe-eval'`: the client runs zod jitless (client/src/core/zodJitless.ts), so nothing
 *   in it calls `new Function`.
 * - `connect-src 'self'`: in CSP Level 3 'self' also matches ws:/wss: on the same host and port,
 *   which is where the Socket.IO websocket goes (Chromium, Firefox and Safari 15.4+).
 * - no `upgrade-insecure-requests` (helmet's default): a classroom server is plain http on a LAN
 *   address, and the browser would send its own asset requests to https, which it does not serve.
 */
export const APP_DIRECTIVES: Directives = {
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

/**
 * Swagger UI (`/docs`) loads only its own scripts from this origin, but writes `<style>` elements
 * at run time (refused under `style-src 'self'`: the browser test saw it), so here alone styles
 * may be inline. Scripts stay 'self': nothing inline, no eval. Only its routes get this policy.
 */
export const DOCS_DIRECTIVES: Directives = {
  ...APP_DIRECTIVES,
  "style-src": ["'self'", "'unsafe-inline'"],
};

export function cspHeader(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, values]) => `${name} ${values.join(" ")}`)
    .join(";");
}

/** Registers the headers on every response; call it after Swagger UI's registration. */
export async function registerSecurity(app: FastifyInstance): Promise<void> {
  const appCsp = cspHeader(APP_DIRECTIVES);
  const docsCsp = cspHeader(DOCS_DIRECTIVES);
  await app.register(helmet, {
    global: true,
    // Written out by hand (above) rather than helmet's defaults, which add upgrade-insecure-requests.
    contentSecurityPolicy: false,
    frameguard: { action: "deny" }, // X-Frame-Options for browsers without frame-ancestors
    referrerPolicy: { policy: "no-referrer" }, // page addresses name games: no other site learns them
    // Over plain http (a LAN classroom) browsers ignore it; behind https it keeps them there. The
    // operator's other subdomains are not ours to pin.
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: false },
  });
  // After helmet's own onRequest hooks (it sets no CSP here). The policy goes by the matched
  // route's pattern, so only Swagger UI's own routes get its exception, not a client path such as
  // /docs-x, nor a 404.
  app.addHook("onRequest", async (request, reply) => {
    const route = request.routeOptions.url ?? "";
    const docs = route === "/docs" || route.startsWith("/docs/");
    reply.header("content-security-policy", docs ? docsCsp : appCsp);
  });
}
