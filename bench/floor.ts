import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { build } from "esbuild";
import { io, type Socket } from "socket.io-client";
import { freePort } from "./freePort";
import { cpuSeconds, rssMb } from "./serverEnv";

/**
 * The machine's floor for the issue #13 workload (`npm run bench:floor`): the same 110 tables × 10
 * sockets and the same open-loop schedule as bench/workload.ts, against bench/floorServer.ts, a
 * Socket.IO server that only acknowledges each move and sends its table an event of a compact
 * view's size (no rules, no database, one packet encoded per move). Whatever rate this misses at
 * p99 ≤ 100 ms, the game server on the same machine, clients and Socket.IO cannot reach: it is
 * the cost of the writes (eleven a move) and of the clients receiving them, on shared cores.
 *
 * Knobs: BENCH_TABLES (110), BENCH_RATES, BENCH_STEP_SECONDS (15), FLOOR_EVENT_BYTES (1700).
 */

const TABLES = Number(process.env.BENCH_TABLES ?? 110);
const RATES = (process.env.BENCH_RATES ?? "500,700,900,1100,1300,1500,1700,2000,2400,2800").split(",").map(Number);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 15);
const KEEPS_UP = 0.97;

const pct = (xs: number[], p: number) => {
  const s = Float64Array.from(xs).sort();
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : Number.NaN;
};
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));

async function startFloorServer() {
  const outfile = "dist/bench/floorServer.mjs";
  await build({
    entryPoints: ["bench/floorServer.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    outfile,
    target: "node20",
    logLevel: "warning",
    // As scripts/build.mjs builds the server: the packages stay imports from node_modules.
    packages: "external",
  });
  const port = await freePort();
  const child = spawn(process.execPath, [outfile], {
    env: { ...process.env, PORT: String(port) },
    stdio: "inherit",
  });
  process.once("exit", () => child.kill("SIGKILL"));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {}
    if (i > 300) throw new Error("the floor server did not start");
    await sleep(100);
  }
  return { url, pid: child.pid!, stop: () => child.kill("SIGTERM") };
}

type Table = { sockets: Socket[]; receipts: Map<number, number> };

async function connectTables(url: string): Promise<Table[]> {
  const tables: Table[] = [];
  for (let t = 0; t < TABLES; t++) {
    const table: Table = { sockets: [], receipts: new Map() };
    table.sockets = await Promise.all(
      Array.from(
        { length: 10 },
        () =>
          new Promise<Socket>((resolve, reject) => {
            const s = io(url, {
              query: { table: String(t) },
              transports: ["websocket"],
              reconnection: false,
              forceNew: true,
            });
            s.once("connect", () => resolve(s));
            s.once("connect_error", reject);
            // As the workload's bots do: every socket reads every event's seq.
            s.on("event", (m: { seq: number }) => table.receipts.set(m.seq, (table.receipts.get(m.seq) ?? 0) + 1));
          }),
      ),
    );
    tables.push(table);
  }
  return tables;
}

async function step(server: { pid: number }, tables: Table[], rate: number, seconds: number) {
  for (const t of tables) t.receipts.clear();
  const total = Math.round(rate * seconds);
  const acks: number[] = [];
  let outstanding = 0;
  let lastAck = 0;
  const cpu0 = cpuSeconds(server.pid);
  const bots0 = process.cpuUsage();
  const start = performance.now();
  for (let n = 0; n < total; ) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    for (; n < due; n++) {
      const table = tables[Math.floor(Math.random() * tables.length)]!;
      const socket = table.sockets[Math.floor(Math.random() * 10)]!;
      const t0 = performance.now();
      outstanding++;
      // A move of a chat's size: the bytes in matter little beside the ten events out.
      socket.emit("move", { type: "chat", channel: "table", text: `message ${n} of the floor bench` }, () => {
        lastAck = performance.now();
        acks.push(lastAck - t0);
        outstanding--;
      });
    }
    await sleep(1);
  }
  const sentAll = performance.now();
  while (outstanding > 0 && performance.now() - sentAll < 30_000) await sleep(5);
  const wall = (lastAck - start) / 1000;
  const cpu = cpuSeconds(server.pid) - cpu0;
  const bots = process.cpuUsage(bots0);
  const done = acks.length / wall;
  const p99 = pct(acks, 99);
  console.log(
    `  ${rate}/s offered: done ${done.toFixed(0)}/s (${((done / rate) * 100).toFixed(1)}%), ack p50 ${pct(acks, 50).toFixed(1)} ms, p99 ${p99.toFixed(1)} ms; server ${((cpu / wall) * 100).toFixed(0)}% of a core, ${((cpu / acks.length) * 1000).toFixed(2)} ms a move, ${rssMb(server.pid).toFixed(0)} MB RSS; clients ${(((bots.user + bots.system) / 1e6 / wall) * 100).toFixed(0)}% of a core`,
  );
  return { rate, done, p99 };
}

async function main() {
  console.log(
    `floor bench: ${TABLES} tables × 10 sockets, an ack and ten events a move, no rules and no database; node ${process.version}, ${new Date().toISOString()}, load average ${loadavg()[0]!.toFixed(2)}`,
  );
  const server = await startFloorServer();
  const tables = await connectTables(server.url);
  console.log("warm-up (not counted):");
  await step(server, tables, RATES[0]!, 5);
  console.log("steps:");
  const steps: { rate: number; done: number; p99: number }[] = [];
  for (const rate of RATES) {
    const s = await step(server, tables, rate, STEP_SECONDS);
    steps.push(s);
    if (s.done < KEEPS_UP * rate || s.p99 > 100) break;
  }
  const within = (limit: number) =>
    steps.filter((s) => s.done >= KEEPS_UP * s.rate && s.p99 <= limit).reduce((a, s) => Math.max(a, s.rate), 0);
  console.log(
    `floor: highest rate done at ≥ ${KEEPS_UP * 100}% of offered with ack p99 ≤ 100 ms: ${within(100) || "none"} moves/s; with p99 ≤ 20 ms: ${within(20) || "none"} moves/s`,
  );
  for (const t of tables) for (const s of t.sockets) s.close();
  server.stop();
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
