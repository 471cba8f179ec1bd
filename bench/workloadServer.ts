import { type ChildProcess, spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, rename, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { freePort } from "./freePort";
import { serverEnv, statCpuSeconds, UNLIMITED } from "./serverEnv";

/**
 * The server process of the issue #13 workload (bench/workload.ts) and what it costs, read from
 * /proc: its CPU and RSS, and PostgreSQL's CPU. The server runs on a scratch database of its own,
 * created on DATABASE_URL's cluster and dropped at the end, so no other database is touched.
 */

export type ScratchDatabase = { url: string; name: string; drop(): Promise<void> };

/** A fresh database `summitry_bench_<pid>` beside the one in `clusterUrl`. */
export async function scratchDatabase(clusterUrl: string): Promise<ScratchDatabase> {
  const name = `summitry_bench_${process.pid}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: clusterUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  // The name is ours (a pid), so a leftover of an earlier run with the same pid is ours too.
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(clusterUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

export type ServerProcess = {
  child: ChildProcess;
  pid: number;
  url: string;
  /** Stops it gracefully (SIGTERM); with a profile, the path of the .cpuprofile it wrote. */
  stop(): Promise<string | null>;
};

/** The production build of the server, made once per bench run in a folder of its own. */
let bundle: Promise<string> | null = null;
function serverBundle(): Promise<string> {
  bundle ??= (async () => {
    const outdir = "dist/bench/server";
    // @ts-expect-error scripts/build.mjs is plain JavaScript, without declarations.
    const { buildServer } = await import("../scripts/build.mjs");
    await buildServer(outdir);
    return join(outdir, "main.js");
  })();
  return bundle;
}

export async function startServer(options: {
  databaseUrl: string;
  operatorKey: string;
  profile: boolean;
}): Promise<ServerProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), "summitry-workload-"));
  const profileDir = join(dataDir, "profile");
  const port = await freePort();
  // BENCH_SERVER_FLAGS: node flags for the server (--trace-gc, a heap limit), to try one out.
  const extra = (process.env.BENCH_SERVER_FLAGS ?? "").split(" ").filter(Boolean);
  const flags = [...extra, ...(options.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])];
  // What `npm start` runs: the esbuild bundle (scripts/build.mjs), not tsx, whose kept function
  // names and source transforms cost a server a share of its CPU that production never pays.
  const child = spawn(process.execPath, [...flags, await serverBundle()], {
    env: {
      ...serverEnv({ port, dataDir, operatorKey: options.operatorKey, limits: UNLIMITED }),
      DATABASE_URL: options.databaseUrl,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  // Never leave a server behind, however the bench ends.
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  let exited = false;
  child.once("exit", (code) => {
    exited = true;
    if (code !== 0 && code !== null) console.error(`server exited (${code})`);
  });
  for (let i = 0; ; i++) {
    if (exited) throw new Error("the server exited before it answered /health");
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {}
    if (i > 600) throw new Error("the server did not answer /health within a minute");
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    pid: child.pid!,
    url,
    async stop() {
      if (!exited) {
        const gone = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await gone;
      }
      process.off("exit", kill);
      let profile: string | null = null;
      if (options.profile) {
        const file = readdirSync(profileDir).find((f) => f.endsWith(".cpuprofile"));
        // Kept outside the data folder, which is removed.
        if (file) {
          profile = join(tmpdir(), `summitry-workload-${process.pid}-${Date.now()}.cpuprofile`);
          await rename(join(profileDir, file), profile);
        }
      }
      await rm(dataDir, { recursive: true, force: true });
      return profile;
    },
  };
}

/**
 * utime + stime of every process named `postgres` on this machine, in seconds: the cluster's
 * backends of every database (not only ours), its WAL writer, checkpointer and the rest. A backend
 * that exits between two readings takes its time with it, so a delta can undercount.
 */
export function postgresCpuSeconds(): number {
  let sum = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      if (comm !== "postgres") continue;
      sum += statCpuSeconds(stat);
    } catch {
      // The process ended while we read.
    }
  }
  return sum;
}
