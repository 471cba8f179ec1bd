import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../server/db/connect";
import { connect, http, TEST_OPERATOR_KEY } from "../support/server";

// `npm start`'s process, stopped with SIGTERM in the middle of a burst of moves: it stops
// accepting, stores the moves in flight, closes the sockets and the database, and exits 0.
// Every acknowledged move is in the database afterwards.

function start(dataDir: string): Promise<{ child: ChildProcess; url: string; output: string[] }> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      PORT: "0",
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: "",
      LOG_LEVEL: "info",
      OPERATOR_KEY: TEST_OPERATOR_KEY,
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

describe("graceful shutdown on SIGTERM", () => {
  let dataDir = "";
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it("stores the moves in flight, then exits cleanly", async () => {
    dataDir = await mkdtemp(join(tmpdir(), "summitry-shutdown-"));
    const { child, url, output } = await start(dataDir);
    const game = (
      await http(url, "POST", "/api/games", { token: TEST_OPERATOR_KEY, body: { scenarioId: "great-rebalancing" } })
    ).body;
    const fac = await connect(url, game.facilitatorToken);
    await fac.move({ type: "resume" });

    const sent = Array.from({ length: 15 }, (_, i) =>
      fac.move({ type: "note", text: `note ${i}` }).then(
        (ack) => ack,
        () => null,
      ),
    );
    await new Promise((r) => setTimeout(r, 15));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const acks = await Promise.all(sent);
    expect(await exited).toBe(0);
    expect(output.join("")).toContain("shutting down");
    fac.close();

    const acked = acks.filter((a) => a?.ok).map((a) => a.seq as number);
    expect(acked.length).toBeGreaterThan(0);
    const db = await openDatabase({ dataDir });
    const stored = await db.query<{ seq: number }>("SELECT seq FROM events WHERE game_id = $1 ORDER BY seq", [
      game.gameId,
    ]);
    await db.close();
    const storedSeqs = stored.rows.map((r) => r.seq);
    for (const seq of acked) expect(storedSeqs).toContain(seq);
    console.log(`shutdown: ${acked.length} of 15 moves acknowledged before the stop, all stored`);
  });
});
