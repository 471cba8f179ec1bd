import { execFile, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresBackend } from "./support/backends";
import { connect, http, type SeatClient } from "./support/server";

// The production path, for real (Docker does not run on these machines; this is what its image
// does, step by step): `npm run build`, `npm pack`, the tarball unpacked into an empty folder
// with the project's lockfile beside it, `npm ci --omit=dev`, then `npm start` there, which runs
// node on the compiled server with dependencies only. A game is created with the operator's
// key, a seat joins and moves, and a record goes through the record worker, all on that server.

const run = promisify(execFile);
const OPERATOR_KEY = "production-operator-key-0123456789";
const DEV_TOOLS = ["tsx", "vite", "esbuild", "typescript", "vitest", "@biomejs/biome"];

/** The environment of a child npm: ours, without vitest's and npm's own settings for this run. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|VITEST|NODE_OPTIONS$|NODE_ENV$|TEST_)/i.test(k)) continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

/** `npm start` in the installed folder, in a process group of its own (npm and its node), stopped as one. */
async function startInstalled(app: string, env: Record<string, string>) {
  const child = spawn("npm", ["start"], {
    cwd: app,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: cleanEnv({ NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", OPERATOR_KEY, LOG_LEVEL: "warn", ...env }),
  });
  let output = "";
  child.stdout!.on("data", (d) => {
    output += d;
  });
  child.stderr!.on("data", (d) => {
    output += d;
  });
  const stop = async () => {
    if (!child.pid || child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid, "SIGTERM");
    await exited;
  };
  const started = Date.now();
  for (;;) {
    const at = /Summitry is running at (http:\/\/[^\s]+)/.exec(output);
    if (at) return { base: at[1]!, stop };
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    if (Date.now() - started > 60_000) {
      await stop();
      throw new Error(`the server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("the production build, packed, installed without dev dependencies and started", () => {
  let work = "";
  let app = "";
  let packed: string[] = [];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "summitry-production-"));
    app = join(work, "app");
    await mkdir(app);
    const npm = (args: string[], cwd: string) =>
      run("npm", args, { cwd, env: cleanEnv({}), maxBuffer: 64 * 1024 * 1024 });

    await npm(["run", "build"], process.cwd());
    const pack = await npm(["pack", "--json", "--pack-destination", work], process.cwd());
    const [info] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    packed = info!.files.map((f) => f.path);
    await run("tar", ["-xzf", join(work, info!.filename), "-C", app, "--strip-components=1"]);
    // npm never packs package-lock.json; beside the package, it pins what `npm ci` installs.
    await copyFile("package-lock.json", join(app, "package-lock.json"));
    await npm(["ci", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"], app);
  }, 600_000);

  afterAll(async () => {
    if (work) await rm(work, { recursive: true, force: true });
  });

  it("packs the build, the migrations and the start script, and none of the sources", () => {
    for (const file of [
      "package.json",
      "scripts/start.mjs",
      "dist/server/main.js",
      "dist/server/recordWorker.js",
      "dist/server/keys.js",
      "dist/client/index.html",
      "migrations/0000_init.sql",
      "migrations/meta/_journal.json",
    ]) {
      expect(packed).toContain(file);
    }
    expect(packed.filter((f) => /^(server|shared|client\/src|tests|bench)\//.test(f) || f.endsWith(".ts"))).toEqual([]);
  });

  it("installs the dependencies only: no dev tool is there to be run", () => {
    expect(existsSync(join(app, "node_modules", "fastify"))).toBe(true);
    for (const tool of DEV_TOOLS) expect(existsSync(join(app, "node_modules", tool)), tool).toBe(false);
  });

  // The embedded database always; PostgreSQL too when TEST_DATABASE_URL is set (CI sets it):
  // its driver and the Socket.IO adapter are CommonJS packages, imported by plain node's ESM here.
  const databases = [
    { name: "embedded" as const, backend: null },
    ...(postgresBackend ? [{ name: "postgres" as const, backend: postgresBackend }] : []),
  ];
  describe.each(databases)("on the $name database", ({ name, backend }) => {
    let base = "";
    let stop = async () => {};
    let drop = async () => {};
    const sockets: SeatClient[] = [];

    beforeAll(async () => {
      let env: Record<string, string> = { DATA_DIR: join(work, `data-${name}`) };
      if (backend) {
        const fresh = await backend.fresh();
        await fresh.db.close();
        drop = fresh.drop;
        env = { DATABASE_URL: fresh.url! };
      }
      ({ base, stop } = await startInstalled(app, env));
    }, 120_000);

    afterAll(async () => {
      for (const s of sockets) s.close();
      await stop();
      await drop();
    });

    it("answers /health, and serves the web client at /", async () => {
      const health = await http(base, "GET", "/health");
      expect(health.status).toBe(200);
      expect(health.body).toMatchObject({ status: "ok", database: name, databaseUp: true });
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<title>Summitry<\/title>/);
      // A client path gets the page too; an unknown API path its typed 404.
      expect((await fetch(`${base}/console/g_nothing`)).status).toBe(200);
      expect((await http(base, "GET", "/api/nothing")).status).toBe(404);
    });

    it("creates a game with the operator's key; a seat joins and its move is acknowledged", async () => {
      const created = await http(base, "POST", "/api/games", {
        token: OPERATOR_KEY,
        body: { scenarioId: "great-rebalancing", title: "Production", seed: "prod" },
      });
      expect(created.status).toBe(201);
      const { gameId, facilitatorToken, joinCodes } = created.body;
      const joined = await http(base, "POST", `/api/games/${gameId}/join`, {
        body: { code: joinCodes["us-treasury"], name: "Student" },
      });
      expect(joined.status).toBe(200);

      const facilitator = await connect(base, facilitatorToken);
      const student = await connect(base, joined.body.token);
      sockets.push(facilitator, student);
      expect(await facilitator.move({ type: "resume" })).toMatchObject({ ok: true });
      const ack = await student.move({ type: "chat", channel: "team:washington", text: "hold on chips" });
      expect(ack).toMatchObject({ ok: true });
      await facilitator.until(ack.seq);
      expect(facilitator.events().at(-1)).toMatchObject({ seq: ack.seq, event: { type: "chat" } });

      // The record worker, compiled (recordWorker.js, no tsx): the export imported again.
      const exported = await http(base, "GET", `/api/games/${gameId}/export`, { token: facilitatorToken });
      expect(exported.status).toBe(200);
      const imported = await http(base, "POST", "/api/games/import", { token: OPERATOR_KEY, body: exported.body });
      expect(imported.status, JSON.stringify(imported.body)).toBe(201);
    });
  });
});
