import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

// Each layer has its own tsconfig (ARCHITECTURE.md): shared/ compiles with neither the DOM nor
// Node, so a rule that reached for `window`, `process` or `Buffer` fails `npm run typecheck`.
// Compiled here with shared/tsconfig.json's own options, on a probe file outside the tree.

const run = promisify(execFile);
const TSC = join(process.cwd(), "node_modules", ".bin", "tsc");

describe("the layers' compiler settings", () => {
  let dir = "";
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const compile = async (source: string) => {
    dir ||= await mkdtemp(join(tmpdir(), "summitry-layers-"));
    const file = join(dir, `probe-${Math.random().toString(36).slice(2)}.ts`);
    await writeFile(file, source);
    await writeFile(
      join(dir, "tsconfig.json"),
      JSON.stringify({ extends: join(process.cwd(), "shared", "tsconfig.json"), include: [], files: [file] }),
    );
    try {
      await run(TSC, ["--noEmit", "-p", join(dir, "tsconfig.json")]);
      return "";
    } catch (err) {
      return (err as { stdout: string }).stdout;
    }
  };

  it("refuses the DOM and Node in shared/, and accepts plain TypeScript", async () => {
    expect(await compile("export const ok = [1, 2, 3].map((x) => x * 2);\n")).toBe("");
    for (const name of ["window", "document", "process", "Buffer"]) {
      expect(await compile(`export const bad = typeof ${name} === "undefined" ? 0 : ${name};\n`)).toMatch(
        new RegExp(`Cannot find name '${name}'`),
      );
    }
  });
});
