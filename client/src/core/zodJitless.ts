import { z } from "zod";

/**
 * zod compiles object parsers with `new Function` when the page allows it, and probes that with a
 * `Function("")` call the first time it builds an object schema. The server's Content Security
 * Policy has no 'unsafe-eval', so the probe would be refused and reported as a violation on every
 * page; jitless mode skips both (the parsers are the same, only not compiled). Imported first in
 * main.tsx, before any module builds a schema.
 */
z.config({ jitless: true });
