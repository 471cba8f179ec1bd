import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding package.json: where migrations/ and dist/client/ are found at run time.
 * This module runs from server/ under tsx and vitest, and bundled into dist/server/*.js by the
 * build (scripts/build.mjs), at another depth; walking up from wherever it is finds the same
 * root in both, and in an installed package (node_modules/summitry/) or the Docker image.
 */
function projectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const PROJECT_ROOT = projectRoot(dirname(fileURLToPath(import.meta.url)));

/** A path under the project's root. */
export const fromRoot = (...parts: string[]) => join(PROJECT_ROOT, ...parts);
