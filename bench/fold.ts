import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import { stopRecordWorker, verifyOffThread } from "../server/games/offThread";
import { verifyRecord } from "../server/games/record";
import { createGame, folder } from "../shared/index";
import { defaultScenario } from "../shared/scenarios/index";
import { freePort } from "./freePort";
import { foldByApply, longEvents, longRecord } from "./longGame";

/**
 * Long records (issue 9, "Folding costs the same at event 100,000 as at event 1"):
 * 1. The fold's speed at its start and at its end: 100,000 events folded, events per second over
 *    the first and the last 10,000 (and the old copy-per-event `apply` over the same first ones).
 * 2. A 40,000-event record verified, on this thread and on the worker thread; then imported into
 *    a server process, with the slowest /health answer while it imports.
 * 3. The server's resident memory after 60 resumes from seq 0 of a 5,000-event game.
 * No pass or fail: figures to read (the targets: the two fold rates within 20% of each other and
 * over 100,000 events/s).
 */

const OPERATOR_KEY = "bench-operator-key-0123456789abcdef";
const WINDOW = 10_000;

function foldRates(): void {
  const events = longEvents(defaultScenario, "bench", 100_000);
  // Folded twice, the figures from the second: the first pays for the JIT and for collecting the
  // garbage of generating the events.
  let rates: number[] = [];
  let f = folder(createGame(defaultScenario, { seed: "bench" }));
  for (let round = 0; round < 2; round++) {
    rates = [];
    f = folder(createGame(defaultScenario, { seed: "bench" }));
    for (let i = 0; i < events.length; i += WINDOW) {
      const t = performance.now();
      for (let j = i; j < i + WINDOW && j < events.length; j++) f.apply(events[j]!);
      rates.push(WINDOW / ((performance.now() - t) / 1000));
    }
  }
  const first = rates[0]!;
  const last = rates.at(-1)!;
  const t = performance.now();
  foldByApply(createGame(defaultScenario, { seed: "bench" }), events.slice(0, WINDOW));
  const old = WINDOW / ((performance.now() - t) / 1000);
  const s = f.state;
  console.info(
    `fold of ${events.length} events (${s.messages.length} messages, ${s.proposals.length} proposals, ${s.feed.length} feed items):`,
  );
  console.info(`  events 1-10k:   ${Math.round(first).toLocaleString("en")} events/s`);
  console.info(
    `  events 90-100k: ${Math.round(last).toLocaleString("en")} events/s (${pct(last, first)} of the first)`,
  );
  console.info(
    `  (one apply per event, copying the histories, over events 1-10k: ${Math.round(old).toLocaleString("en")} events/s)`,
  );
}

const pct = (a: number, b: number) => `${Math.round((a / b) * 100)}%`;

async function verifyTimes(): Promise<void> {
  const record = longRecord(defaultScenario, "bench", 40_000);
  let t = performance.now();
  const here = verifyRecord(record);
  const mainMs = performance.now() - t;
  t = performance.now();
  const there = await verifyOffThread(record);
  const workerMs = performance.now() - t;
  console.info(`verify a ${record.events.length}-event record (hashes, every event re-decided, the fold):`);
  console.info(`  on this thread: ${Math.round(mainMs)} ms (${here.ok ? "verified" : "refused"})`);
  console.info(
    `  on the worker thread, with the copy there and back: ${Math.round(workerMs)} ms (${there.ok ? "verified" : "refused"})`,
  );
  await stopRecordWorker();
}

// ---- a server process, as bench/server.ts starts one

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;

async function post(url: string, path: string, body: unknown, token: string) {
  const res = await fetch(url + path, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, string> };
}

function resumeOnce(url: string, token: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket: Socket = io(url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
    let events = 0;
    let asked = false;
    socket.on("connect_error", reject);
    socket.on("event", () => events++);
    socket.on("state", () => {
      if (!asked) {
        asked = true;
        socket.emit("resume", { fromSeq: 0 });
        return;
      }
      socket.close();
      resolve(events);
    });
  });
}

async function serverFigures(): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), "summitry-bench-fold-"));
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      OPERATOR_KEY,
      IMPORT_LIMIT_BYTES: String(64 * 1024 * 1024),
      RESUMES_PER_MINUTE: "100000",
      RESUME_BURST: "1000",
      SOCKETS_PER_TOKEN: "100",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
  const url = `http://127.0.0.1:${port}`;
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (i > 300) throw new Error("the server did not start");
      await new Promise((r) => setTimeout(r, 100));
    }

    // The import, with /health asked every 20 ms meanwhile.
    const record = longRecord(defaultScenario, "bench", 40_000);
    let importing = true;
    let slowest = 0;
    const probe = (async () => {
      while (importing) {
        const t = performance.now();
        await fetch(`${url}/health`);
        slowest = Math.max(slowest, performance.now() - t);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    let t = performance.now();
    const imported = await post(url, "/api/games/import", record, OPERATOR_KEY);
    const importMs = performance.now() - t;
    importing = false;
    await probe;
    console.info(
      `import of ${record.events.length} events into a server (embedded database): ${imported.status} in ${Math.round(importMs)} ms; slowest /health meanwhile ${Math.round(slowest)} ms`,
    );

    // 60 resumes from seq 0 of a 5,000-event game.
    const small = await post(url, "/api/games/import", longRecord(defaultScenario, "bench5k", 5_000), OPERATOR_KEY);
    if (small.status !== 201) throw new Error(`import failed: ${JSON.stringify(small.body)}`);
    const before = rssMb(child.pid!);
    t = performance.now();
    let sent = 0;
    for (let round = 0; round < 6; round++) {
      const counts = await Promise.all(Array.from({ length: 10 }, () => resumeOnce(url, small.body.facilitatorToken!)));
      sent += counts.reduce((a, b) => a + b, 0);
    }
    console.info(
      `60 resumes from seq 0 of a 5,000-event game (10 at a time, ${sent} events sent in ${Math.round(performance.now() - t)} ms): server RSS ${before.toFixed(0)} MB before, ${rssMb(child.pid!).toFixed(0)} MB after`,
    );
  } finally {
    kill();
    await rm(dataDir, { recursive: true, force: true });
  }
}

foldRates();
await verifyTimes();
await serverFigures();
