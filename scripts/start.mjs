// `npm start`: node on the compiled server, dist/server/main.js.
//
// On a clone with the dev tools installed (`npm install && npm start`), it first builds what is
// missing or older than its sources (scripts/build.mjs: esbuild for the server, Vite for the
// client), so the first start, and a start after a `git pull`, stay one command. In production
// (`npm ci --omit=dev`: the Docker image, an installed package) there are neither sources nor dev
// tools: it runs the build it was shipped with, and never tsx or vite.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const at = (...parts) => join(root, ...parts);

/** The newest modification time under these paths (0 when none exists). */
function newest(paths) {
  let latest = 0;
  const visit = (path) => {
    if (!existsSync(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path)) if (name !== "node_modules") visit(join(path, name));
    } else latest = Math.max(latest, stat.mtimeMs);
  };
  for (const path of paths) visit(path);
  return latest;
}

const builtAt = (file) => (existsSync(file) ? statSync(file).mtimeMs : 0);

/** What each half of the build reads, and the file it writes last. */
const parts = {
  server: { sources: ["shared", "server", "scripts/build.mjs"], output: at("dist", "server", "main.js") },
  client: {
    sources: ["shared", "client", "scripts/build.mjs"],
    output: at("dist", "client", "index.html"),
  },
};

const require = createRequire(import.meta.url);
const resolvable = (name) => {
  try {
    require.resolve(`${name}/package.json`);
    return true;
  } catch {
    return false;
  }
};
const devTools = resolvable("esbuild") && resolvable("vite");
const hasSources = existsSync(at("server", "main.ts"));

if (devTools && hasSources) {
  const stale = Object.entries(parts)
    .filter(([, p]) => builtAt(p.output) < newest(p.sources.map((s) => at(s))))
    .map(([name]) => name);
  if (stale.length > 0) {
    const what = stale.length === 2 ? [] : stale;
    console.log(`  Building ${stale.join(" and ")} (dist/ is missing or older than its sources)…`);
    // In a process of its own: Vite and esbuild never stay loaded in the server's.
    const built = spawnSync(process.execPath, [at("scripts", "build.mjs"), ...what], { stdio: "inherit" });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
}

const main = at("dist", "server", "main.js");
if (!existsSync(main)) {
  console.error(
    devTools
      ? "dist/server/main.js is missing: `npm run build` builds it."
      : "dist/server/main.js is missing, and the build needs the dev dependencies: `npm install && npm run build`.",
  );
  process.exit(1);
}
await import(pathToFileURL(main).href);
