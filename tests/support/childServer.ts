import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Database, openDatabase } from "../../server/db/connect";
import { postgresBackend } from "./backends";
import { TEST_OPERATOR_KEY } from "./server";

/**
 * `npm start`'s process, as its own child, for the tests that stop it from outside (SIGTERM,
 * kill -9) and look at what the database holds afterwards.
 */

export type Store = { env: Record<string, string>; open(): Promise<Database>; drop(): Promise<void> };

export function startChild(
  store: Store,
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; url: string; output: string[] }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATABASE_URL: "",
      LOG_LEVEL: "info",
      OPERATOR_KEY: TEST_OPERATOR_KEY,
      ...env,
      ...store.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const onLine = (chunk: Buffer) => {
      output.push(chunk.toString());
      const m = /"port":(\d+),"msg":"Summitry is serving"/.exec(chunk.toString());
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}`, output });
    };
    child.stdout!.on("data", onLine);
    child.stderr!.on("data", (c: Buffer) => output.push(c.toString()));
    child.once("exit", (code) => reject(new Error(`server exited early (${code}): ${output.join("")}`)));
  });
}

/** The databases `npm start` may run on: the embedded one in a folder, and PostgreSQL when the tests have one. */
export async function childStores(prefix: string): Promise<{ name: string; make(): Promise<Store> }[]> {
  const embedded = {
    name: "embedded",
    async make(): Promise<Store> {
      const dataDir = await mkdtemp(join(tmpdir(), prefix));
      return {
        env: { DATA_DIR: dataDir },
        open: () => openDatabase({ dataDir }),
        drop: () => rm(dataDir, { recursive: true, force: true }),
      };
    },
  };
  if (!postgresBackend) return [embedded];
  const postgres = {
    name: "postgres",
    async make(): Promise<Store> {
      const fresh = await postgresBackend!.fresh();
      await fresh.db.close();
      return {
        env: { DATABASE_URL: fresh.url! },
        open: () => openDatabase({ url: fresh.url!, poolSize: 2 }),
        drop: fresh.drop,
      };
    },
  };
  return [embedded, postgres];
}
