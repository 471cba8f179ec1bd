import { config } from "zod/v4";

/**
 * zod compiles object parsers with `new Function` when the page allows it, and probes that with a
 * `Function("")` call as it builds its first object schema. The server's Content Security Policy
 * has no 'unsafe-eval', so the probe would be refused and reported as a violation on every page;
 * jitless mode skips both (the parsers are the same, only not compiled).
 *
 * This module stands in for "zod" in the web client's build (client/vite.config.ts aliases the
 * bare specifier here): every module that builds a schema, the shared contract's included,
 * imports zod through it, so the switch is set before any schema exists, whichever chunk the
 * bundler puts them in. An import at the top of main.tsx was not enough: the shared contract's
 * chunk is evaluated before main's own body runs.
 */
config({ jitless: true });

export * from "zod/v4";
export { default } from "zod/v4";
