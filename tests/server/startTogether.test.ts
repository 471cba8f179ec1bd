import { type ChildProcess, spawn } from "node:child_process";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { http, TEST_OPERATOR_KEY } from "../support/server";

// Several `npm start` processes on one PostgreSQL database that nobody has migrated yet: they
// take turns at the migrations (an advisory lock) and each comes up serving. Without the lock,
// about half the trials lost a process to `duplicate key … pg_type_typname_nsp_index`.
// PostgreSQL only: the embedded database's folder belongs to one process at a time.

const TRIALS = 10;
const PROCESSES = 3;
const adminUrl = process.env.TEST_DATABASE_URL;

type Started = { child: ChildProcess; url: string | null; code: number | null; output: string };

/** One server process; resolves when it serves, or when it exits first (url null). */
function start(databaseUrl: string): Promise<Started> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: "info",
      OPERATOR_KEY: TEST_OPERATOR_KEY,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  return new Promise((resolve) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      output.push(chunk.toString());
      const m = /"port":(\d+),"msg":"Summitry is serving"/.exec(output.join(""));
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}`, code: null, output: "" });
    });
    child.stderr!.on("data", (c: Buffer) => output.push(c.toString()));
    child.once("exit", (code) => resolve({ child, url: null, code, output: output.join("") }));
  });
}

function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe.skipIf(!adminUrl)("processes starting together on an empty PostgreSQL database", () => {
  it(
    `${PROCESSES} processes at once, ${TRIALS} times: all come up and serve`,
    async () => {
      let up = 0;
      const failures: string[] = [];
      for (let trial = 0; trial < TRIALS; trial++) {
        // An empty database, not the migrated one the backends hand out: the migrations race here.
        const name = `summitry_t_${process.pid}_start_${trial}_${Math.random().toString(36).slice(2, 8)}`;
        await admin((c) => c.query(`CREATE DATABASE ${name}`));
        const url = new URL(adminUrl!);
        url.pathname = `/${name}`;
        try {
          const started = await Promise.all(Array.from({ length: PROCESSES }, () => start(url.toString())));
          for (const s of started) {
            if (!s.url) {
              failures.push(`trial ${trial}: exited ${s.code}: ${s.output.slice(-600)}`);
              continue;
            }
            // Serving means answering, on a database every migration reached.
            const health = await http(s.url, "GET", "/health");
            const games = await http(s.url, "GET", "/api/scenarios");
            if (health.status === 200 && games.status === 200) up++;
            else failures.push(`trial ${trial}: /health ${health.status}, /api/scenarios ${games.status}`);
          }
          await Promise.all(started.map((s) => stop(s.child)));
        } finally {
          await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
        }
      }
      expect(failures).toEqual([]);
      expect(up).toBe(TRIALS * PROCESSES);
      console.log(`start together: ${up} of ${TRIALS * PROCESSES} processes came up in ${TRIALS} trials`);
    },
    TRIALS * 30_000,
  );
});
