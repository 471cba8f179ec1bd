import { writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { embeddedTemplate } from "../server/db/connect";

/**
 * Once per test run: a migrated embedded database, dumped to a file. A new PGlite database takes
 * seconds to initialise; loading this template takes a fraction of that.
 */
export default async function setup(project: TestProject) {
  const path = join(tmpdir(), `summitry-pglite-template-${process.pid}.tar`);
  const blob = await embeddedTemplate();
  await writeFile(path, Buffer.from(await blob.arrayBuffer()));
  project.provide("pgliteTemplate", path);
}

declare module "vitest" {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
