import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

/**
 * Compiles a probe file with one layer's tsconfig, outside the sources, and returns tsc's complaints
 * ("" when it compiles). For tests that a mistake is a *compile* error: the probe shows the
 * mistake, its twin without it shows that the probe compiles at all, so the test fails both ways.
 *
 * A probe imports the project by absolute path: `import { fold } from "${repo("shared/apply")}"`.
 */

const run = promisify(execFile);
const TSC = join(process.cwd(), "node_modules", ".bin", "tsc");

/** The absolute path of a file of the project, for a probe's imports. */
export const repo = (path: string) => join(process.cwd(), path);
const PROBES = repo("node_modules/.cache/summitry-probes");

export type TscProbe = {
  /** Compiles `source` on its own; resolves to tsc's output, "" when there is no error. */
  compile(source: string): Promise<string>;
  /** Removes the probes' folder (call it in `afterAll`). */
  cleanup(): Promise<void>;
};

/** A probe compiler for one layer, `tsconfig` relative to the project ("shared/tsconfig.json"). */
export function tscProbe(tsconfig = "shared/tsconfig.json", prefix = "summitry-probe-"): TscProbe {
  let dir = "";
  return {
    async compile(source) {
      // Inside the project (git ignored), so that type packages (`vite/client`) resolve from node_modules.
      if (!dir) {
        await mkdir(PROBES, { recursive: true });
        dir = await mkdtemp(join(PROBES, prefix));
      }
      const name = `probe-${Math.random().toString(36).slice(2)}`;
      const file = join(dir, `${name}.ts`);
      const config = join(dir, `${name}.tsconfig.json`);
      await writeFile(file, source);
      // The project holds both the probe and what it imports (an outDir in the base config sets a narrower rootDir).
      const compilerOptions = { rootDir: repo("."), noEmit: true };
      await writeFile(config, JSON.stringify({ extends: repo(tsconfig), compilerOptions, include: [], files: [file] }));
      try {
        await run(TSC, ["--noEmit", "-p", config]);
        return "";
      } catch (err) {
        const { stdout, stderr } = err as { stdout?: string; stderr?: string };
        // No output at all means tsc did not run (not found, killed): never a silent "it compiled".
        return stdout || stderr || String(err);
      }
    },
    async cleanup() {
      if (dir) await rm(dir, { recursive: true, force: true });
      dir = "";
    },
  };
}
