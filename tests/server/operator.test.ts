import { type ChildProcess, execFile, spawn } from "node:child_process";
import { rm } from "node:fs/promises";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/connect";
import { backends, postgresBackend } from "../support/backends";
import { http, startServer } from "../support/server";

// The operator's first start prints its sign-in link once; `npm run keys` creates, lists, rotates
// and revokes keys on either database, and a revoked key stops at once on a running server.

const run = promisify(execFile);
// The environment of `npm start` on a laptop: no OPERATOR_KEY, no DATABASE_URL unless given.
const baseEnv = () => {
  const env: Record<string, string | undefined> = { ...process.env, LOG_LEVEL: "info", PORT: "0", HOST: "127.0.0.1" };
  delete env.OPERATOR_KEY;
  delete env.DATABASE_URL;
  return env;
};

function startMain(dataDir: string): Promise<{ child: ChildProcess; url: string; stdout: string[] }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: { ...baseEnv(), DATA_DIR: dataDir },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const stdout: string[] = [];
  return new Promise((resolve, reject) => {
    let url = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout.push(chunk.toString());
      const m = /"port":(\d+),"msg":"Summitry is serving"/.exec(chunk.toString());
      if (m) url = `http://127.0.0.1:${m[1]}`;
      // The banner comes right after the "serving" line.
      if (url && /Summitry is running/.test(stdout.join(""))) resolve({ child, url, stdout });
    });
    child.stderr!.on("data", (c: Buffer) => stdout.push(c.toString()));
    child.once("exit", (code) => reject(new Error(`server exited early (${code}): ${stdout.join("")}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill("SIGTERM");
  });
}

async function keys(env: Record<string, string>, ...args: string[]) {
  try {
    const r = await run(process.execPath, ["--import", "tsx", "server/cli/keys.ts", ...args], {
      env: { ...baseEnv(), ...env },
    });
    return { code: 0, out: r.stdout, err: r.stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, err: e.stderr };
  }
}

/** An empty, migrated embedded database's folder, from the run's template (a new one takes seconds). */
async function emptyDataDir(): Promise<string> {
  const fresh = await backends[0]!.fresh();
  await fresh.db.close();
  return fresh.dataDir!;
}

const keyIn = (text: string) => /(fk_[A-Za-z0-9_-]{32})/.exec(text)?.[1] ?? null;

describe("the operator", () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const d of dirs) await rm(d, { recursive: true, force: true });
  });

  it("gets a sign-in link printed once, on the first start only", async () => {
    const dataDir = await emptyDataDir();
    dirs.push(dataDir);
    const first = await startMain(dataDir);
    const printed = first.stdout.join("");
    const link = /(http:\/\/\S+\/facilitator#key=(\S+))/.exec(printed);
    expect(link, printed).not.toBeNull();
    const key = decodeURIComponent(link![2]!);
    // The key is printed on standard output, never inside a log line.
    for (const line of printed.split("\n").filter((l) => l.startsWith("{"))) expect(line).not.toContain(key);
    const me = await http(first.url, "GET", "/api/me", { token: key });
    expect(me).toMatchObject({ status: 200, body: { operator: true } });
    // The embedded database is the running server's: the command line will not write under it.
    const busy = await keys({ DATA_DIR: dataDir }, "list");
    expect(busy.code).toBe(2);
    expect(busy.err).toMatch(/server is running/);
    expect(await stop(first.child)).toBe(0);

    const second = await startMain(dataDir);
    expect(second.stdout.join("")).not.toMatch(/#key=/);
    expect((await http(second.url, "GET", "/api/me", { token: key })).status).toBe(200);
    expect(await stop(second.child)).toBe(0);

    // A lost operator key is replaced from the command line; the old one stops.
    const replaced = await keys({ DATA_DIR: dataDir }, "operator");
    expect(replaced.code, replaced.err).toBe(0);
    const newKey = keyIn(replaced.out)!;
    const third = await startMain(dataDir);
    expect((await http(third.url, "GET", "/api/me", { token: key })).status).toBe(401);
    expect((await http(third.url, "GET", "/api/me", { token: newKey })).body.operator).toBe(true);
    expect(await stop(third.child)).toBe(0);
  });

  it("creates, lists, rotates and revokes keys from the command line on the embedded database", async () => {
    const dataDir = await emptyDataDir();
    dirs.push(dataDir);
    const env = { DATA_DIR: dataDir };
    expect((await keys(env, "create")).err).toMatch(/--name is required/);
    const created = await keys(env, "create", "--name", "Ms Lee");
    expect(created.code, created.err).toBe(0);
    const key = keyIn(created.out)!;
    const id = /created (f\w+)/.exec(created.out)![1]!;
    expect((await keys(env, "list")).out).toMatch(new RegExp(`${id}\\tMs Lee\\tfacilitator`));
    expect((await keys(env, "list")).out).not.toContain(key);

    // What a server on that folder makes of some bearers (the command line runs with no server up).
    const statuses = async (...tokens: string[]) => {
      const db = await openDatabase({ dataDir });
      const server = await startServer(db);
      try {
        return await Promise.all(
          tokens.map(async (t) => (await http(server.url, "GET", "/api/me", { token: t })).status),
        );
      } finally {
        await server.stop();
        await db.close();
      }
    };
    const rotated = await keys(env, "rotate", id);
    const newKey = keyIn(rotated.out)!;
    expect(newKey).not.toBe(key);
    expect(await statuses(key, newKey)).toEqual([401, 200]);
    expect((await keys(env, "revoke", id)).code).toBe(0);
    expect(await statuses(newKey)).toEqual([401]);
    expect((await keys(env, "revoke", "f-nobody")).code).toBe(1);
    const invite = await keys(env, "invite", "--name", "Mr Chen");
    expect(invite.out).toMatch(/\/facilitator\/invite#iv_/);
    // Nine runs of the command line, each opening the embedded database (7–12 s on a loaded
    // machine): a bound for a busy CI, not a speed expectation.
  }, 240_000);

  it.runIf(postgresBackend)("creates and revokes keys on PostgreSQL, under a running server, at once", async () => {
    const fresh = await postgresBackend!.fresh();
    const server = await startServer(fresh.db);
    try {
      const env = { DATABASE_URL: fresh.url! };
      const created = await keys(env, "create", "--name", "Dr Park");
      expect(created.code, created.err).toBe(0);
      const key = keyIn(created.out)!;
      const id = /created (f\w+)/.exec(created.out)![1]!;
      expect((await http(server.url, "GET", "/api/me", { token: key })).body.name).toBe("Dr Park");
      expect(
        (await http(server.url, "POST", "/api/games", { token: key, body: { scenarioId: "great-rebalancing" } }))
          .status,
      ).toBe(201);
      expect((await keys(env, "list")).out).toContain("Dr Park");
      expect((await keys(env, "revoke", id)).code).toBe(0);
      const after = await http(server.url, "POST", "/api/games", {
        token: key,
        body: { scenarioId: "great-rebalancing" },
      });
      expect(after.status).toBe(401);
    } finally {
      await server.stop();
      await fresh.db.close();
      await fresh.drop();
    }
  });
});
