// `npm run build`: the production build, into dist/. Plain JavaScript, so that it runs on node
// alone (scripts/start.mjs calls it on a fresh clone before the first start).
//
//   node scripts/build.mjs           the server and the client
//   node scripts/build.mjs server    dist/server/: the server, its record worker and its CLIs,
//                                    bundled by esbuild (our code; the packages stay imports,
//                                    resolved from node_modules at run time: dependencies only)
//   node scripts/build.mjs client    dist/client/: the web client, built by Vite
//
// Type-checking is `npm run typecheck`'s (esbuild and Vite only strip the types).
import { rm } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

/** What `npm start` and the Docker image run, and what the server starts as threads. */
export const SERVER_ENTRIES = {
  main: "server/main.ts",
  // offThread.ts starts it as ./recordWorker.js beside the bundle it is part of.
  recordWorker: "server/games/recordWorker.ts",
  keys: "server/cli/keys.ts",
  replay: "server/cli/replay.ts",
};

/** `outdir`: another folder for a copy of the build (the workload bench runs one of its own). */
export async function buildServer(outdir = "dist/server") {
  const { build } = await import("esbuild");
  await rm(`${root}${outdir}`, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: SERVER_ENTRIES,
    outdir,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Every package stays an import: node_modules is installed with `npm ci --omit=dev`, so a
    // dev dependency reached at run time fails at the start, not silently bundled.
    packages: "external",
    sourcemap: true,
    // No shared chunks: each entry is one file, so a module's import.meta.url is its entry's,
    // in dist/server/, where offThread.ts finds recordWorker.js beside it.
    logLevel: "warning",
  });
}

export async function buildClient() {
  const { build } = await import("vite");
  // Vite bundles React's development build unless NODE_ENV says production.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ mode: "production", configFile: `${root}client/vite.config.ts`, logLevel: "warn" });
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const what = process.argv[2] ?? "all";
  if (!["all", "server", "client"].includes(what)) {
    console.error("usage: node scripts/build.mjs [server|client]");
    process.exit(2);
  }
  if (what !== "client") await buildServer();
  if (what !== "server") await buildClient();
}
