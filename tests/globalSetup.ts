import { rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import type { TestProject } from "vitest/node";
import { embeddedTemplate } from "../server/db/connect";

/**
 * Once per test run: a migrated embedded database, dumped to a file (a new PGlite database takes
 * seconds to initialise; loading this template takes a fraction of that), and the built client.
 */
export default async function setup(project: TestProject) {
  const path = join(tmpdir(), `summitry-pglite-template-${process.pid}.tar`);
  const blob = await embeddedTemplate();
  await writeFile(path, Buffer.from(await blob.arrayBuffer()));
  project.provide("pgliteTemplate", path);

  // The web client, built once, as `npm start` builds it: the bundle and browser tests use it.
  // SKIP_CLIENT_BUILD=1 leaves it out (never in CI): server tests alone, or browser tests on the
  // last `npm run build:client` (dist/client), so a rerun does not rebuild what has not changed.
  const clientDir = join(tmpdir(), `summitry-client-${process.pid}`);
  if (process.env.SKIP_CLIENT_BUILD === "1" && process.env.CI !== "true") {
    project.provide("clientDir", fileURLToPath(new URL("../dist/client", import.meta.url)));
    return async () => {
      await rm(path, { force: true });
    };
  }
  // vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  await build({
    mode: "production",
    configFile: fileURLToPath(new URL("../client/vite.config.ts", import.meta.url)),
    build: { outDir: clientDir, emptyOutDir: true },
    logLevel: "warn",
  });
  process.env.NODE_ENV = nodeEnv;
  project.provide("clientDir", clientDir);
  return async () => {
    await rm(path, { force: true });
    await rm(clientDir, { recursive: true, force: true });
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
    clientDir: string;
  }
}
