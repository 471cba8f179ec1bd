import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repo, tscProbe } from "./support/tscProbe";

// The layers (ARCHITECTURE.md) are enforced twice, and each rule is probed here both ways: the
// mistake fails, and its twin without the mistake passes, so a probe that cannot compile at all
// never passes for a refused import.
//  - each layer's compiler settings: shared/ knows neither the DOM nor Node (shared/tsconfig.json);
//  - `npm run typecheck` (tsc -b): each layer is a composite project reference that sees its own
//    files and its references only, so an import across the layers is TS6307;
//  - `npm run lint`: Biome's noRestrictedImports per folder (biome.json) says which rule it broke.

const run = promisify(execFile);
const bin = (name: string) => join(process.cwd(), "node_modules", ".bin", name);
const LAYERS = ["shared", "server", "client"] as const;
type Layer = (typeof LAYERS)[number];

/** Where a probe sits, as if it were a file of that layer ("client/src/…" for the client). */
const HOME: Record<Layer, string> = { shared: "shared", server: "server", client: "client/src" };

describe("the layers' compiler settings", () => {
  const probe = tscProbe("shared/tsconfig.json", "summitry-layers-");
  afterAll(() => probe.cleanup());

  it("refuses the DOM and Node in shared/, and accepts plain TypeScript", async () => {
    expect(await probe.compile("export const ok = [1, 2, 3].map((x) => x * 2);\n")).toBe("");
    for (const name of ["window", "document", "process", "Buffer"]) {
      expect(await probe.compile(`export const bad = typeof ${name} === "undefined" ? 0 : ${name};\n`)).toMatch(
        new RegExp(`Cannot find name '${name}'`),
      );
    }
  });
});

describe("imports across the layers", () => {
  // Probes live under node_modules/.cache (inside the project, so `zod` and @types/node resolve;
  // ignored by git, Biome and vitest), never in the layers' own folders, which other runs read.
  let dir = "";
  beforeAll(async () => {
    await mkdir(repo("node_modules/.cache"), { recursive: true });
    dir = await mkdtemp(repo("node_modules/.cache/summitry-layer-probes-"));
    // The references' declarations, which a layer's program reads (what `tsc -b` writes first);
    // its exit code is another matter (another file of shared/ may be mid-edit).
    await run(bin("tsc"), ["-b", repo("shared/tsconfig.build.json")]).catch(() => {});
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** The layer's own build config, resolved by tsc: its `include` and `references`. */
  const buildConfig = async (layer: Layer) => {
    const config = repo(`${layer}/tsconfig.build.json`);
    const { stdout } = await run(bin("tsc"), ["-p", config, "--showConfig"]);
    const shown = JSON.parse(stdout) as { include: string[]; references?: { path: string }[] };
    const at = (p: string) => resolve(repo(layer), p);
    return { config, include: shown.include.map(at), references: (shown.references ?? []).map((r) => at(r.path)) };
  };

  /**
   * Compiles `sources` as if each were one more file of `layer`, all in one program (a layer's
   * program takes seconds): the layer's own build config, its include plus the probes, its
   * references. Returns what tsc says of each probe ("" when nothing), so another file of the
   * layer mid-edit elsewhere in the tree does not make a probe fail.
   */
  const typecheck = async (layer: Layer, sources: string[]): Promise<string[]> => {
    const { config, include, references } = await buildConfig(layer);
    const name = `probe-${Math.random().toString(36).slice(2)}`;
    const files = sources.map((_, i) => join(dir, `${name}-${i}.ts`));
    const probeConfig = join(dir, `${name}.tsconfig.json`);
    await Promise.all(sources.map((source, i) => writeFile(files[i]!, source)));
    await writeFile(
      probeConfig,
      JSON.stringify({
        extends: config,
        compilerOptions: { rootDir: repo("."), outDir: join(dir, `${name}.out`) },
        include: [...include, ...files],
        references: references.map((path) => ({ path })),
      }),
    );
    let output = "";
    try {
      await run(bin("tsc"), ["-p", probeConfig, "--noEmit"]);
    } catch (err) {
      const { stdout, stderr } = err as { stdout?: string; stderr?: string };
      output = `${stdout ?? ""}${stderr ?? ""}`;
      // A failure with no output at all: tsc did not run, and no probe may pass.
      if (!output) output = `error TS0: ${String(err)}`;
    }
    const lines = output.split("\n");
    const global = lines.filter((l) => /^error TS/.test(l));
    return sources.map((_, i) => [...global, ...lines.filter((l) => l.includes(`${name}-${i}.ts`))].join("\n"));
  };

  // Biome's overrides match a file's path within the project, so the probe goes into a copy of
  // biome.json's folder layout: the real configuration (git ignored, as it is outside a clone).
  const lint = async (layer: Layer, source: string) => {
    // Under os.tmpdir(), not node_modules/.cache: Biome never lints a path under node_modules.
    const root = await mkdtemp(join(tmpdir(), "summitry-lint-probe-"));
    const config = JSON.parse(await readFile(repo("biome.json"), "utf8"));
    await mkdir(join(root, HOME[layer]), { recursive: true });
    await writeFile(join(root, "biome.json"), JSON.stringify({ ...config, vcs: { enabled: false } }));
    await writeFile(join(root, HOME[layer], "probe.ts"), source);
    try {
      await run(bin("biome"), ["lint", "--only=style/noRestrictedImports", join(HOME[layer], "probe.ts")], {
        cwd: root,
      });
      return "";
    } catch (err) {
      const { stdout, stderr } = err as { stdout?: string; stderr?: string };
      return `${stdout ?? ""}${stderr ?? ""}` || String(err);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  };

  /**
   * A probe importing a file of the project: by absolute path for tsc (the probe is not in the
   * tree), by the relative path a file of `from` would write for Biome (which reads the text).
   * `import * as` needs no particular export, so a renamed function never breaks a probe.
   */
  const importing = (from: Layer, path: string, as: "absolute" | "relative") => {
    const rel = relative(repo(HOME[from]), repo(path));
    const spec = as === "absolute" ? repo(path) : rel.startsWith(".") ? rel : `./${rel}`;
    return `import * as other from "${spec}";\nexport const probe = other;\n`;
  };

  const cases: { layer: Layer; allowed: string; forbidden: string[] }[] = [
    { layer: "shared", allowed: "shared/score", forbidden: ["server/config", "client/src/core/storage"] },
    { layer: "server", allowed: "shared/score", forbidden: ["client/src/core/storage"] },
    { layer: "client", allowed: "shared/score", forbidden: ["server/config"] },
  ];

  for (const { layer, allowed, forbidden } of cases) {
    it(`${layer}/: the typecheck refuses an import of ${forbidden.join(" or ")}, and accepts ${allowed}`, async () => {
      const [ok, ...refused] = await typecheck(
        layer,
        [allowed, ...forbidden].map((path) => importing(layer, path, "absolute")),
      );
      expect(ok).toBe("");
      for (const said of refused) expect(said).toMatch(/TS6307.*is not listed within the file list/);
    });

    it(`${layer}/: the lint refuses an import of ${forbidden.join(" or ")}, and accepts ${allowed}`, async () => {
      expect(await lint(layer, importing(layer, allowed, "relative"))).toBe("");
      for (const path of forbidden) {
        expect(await lint(layer, importing(layer, path, "relative"))).toMatch(/noRestrictedImports[\s\S]*never/);
      }
    });
  }

  it("shared/: the lint allows zod alone among packages, and no Node module", async () => {
    expect(await lint("shared", 'import { z } from "zod";\nexport const probe = z;\n')).toBe("");
    for (const name of ["node:fs", "fs", "react", "socket.io"]) {
      expect(await lint("shared", `import * as m from "${name}";\nexport const probe = m;\n`)).toMatch(
        /noRestrictedImports/,
      );
    }
  });

  it("biome.json has a layer rule for every folder depth the layers have", async () => {
    // A way out of a folder is spelled with one "../" per depth, so biome.json has an override per
    // depth; a new, deeper folder needs its own, or its files would be unchecked.
    const config = JSON.parse(await readFile(repo("biome.json"), "utf8")) as { overrides: { includes: string[] }[] };
    const covered = new Set(config.overrides.flatMap((o) => o.includes));
    const walk = async (folder: string): Promise<string[]> => {
      const entries = await readdir(repo(folder), { withFileTypes: true });
      const nested = await Promise.all(
        entries.map((e) => (e.isDirectory() ? walk(`${folder}/${e.name}`) : [`${folder}/${e.name}`])),
      );
      return nested.flat();
    };
    for (const layer of LAYERS) {
      for (const file of await walk(HOME[layer])) {
        if (!/\.(ts|tsx|mts|mjs|js)$/.test(file)) continue;
        const depth = relative(repo(HOME[layer]), repo(file)).split("/").length - 1;
        expect(covered, file).toContain(`${HOME[layer]}/${"*/".repeat(depth)}*`);
      }
    }
  });
});
