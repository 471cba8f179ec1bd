import { printSummary, summarise } from "./cpuProfile";
import { cpuSeconds, rssMb } from "./serverEnv";
import { postgresCpuSeconds, type ServerProcess, scratchDatabase, startServer } from "./workloadServer";
import { closeTable, type Kind, received, type Sent, send, setUpTable, type Table } from "./workloadTables";

/**
 * The issue #13 workload (`npm run bench:workload`, and the end of `npm run bench`): 110 tables of
 * the default scenario with 10 sockets each (the nine roles and the facilitator), at the summit,
 * on real PostgreSQL, the server in its own process. Prints figures; asserts nothing.
 *
 *  1. open loop at a rate R: moves are sent on an even schedule at R a second in all, whatever the
 *     acks do, in the mix of bench/workloadTables.ts (60% chat, 30% proposals, 10% accepts, every
 *     one legal); R steps up until a step misses R (done < 97% of offered) or its ack p99 passes
 *     100 ms; the highest R within each limit (p99 ≤ 100 ms, p99 ≤ 20 ms) is the figure.
 *  2. a long game: one table driven closed loop (each move sent when the last is acknowledged) to
 *     BENCH_LONG_MOVES moves, moves/s and the server's RSS for every 10,000.
 *  3. with BENCH_PROFILE=1, a second server under `node --cpu-prof` at the highest rate within
 *     100 ms (or BENCH_PROFILE_RATE), and the profile of that step summarised.
 *
 * Knobs: DATABASE_URL (the cluster; a scratch database summitry_bench_<pid> is made and dropped),
 * BENCH_TABLES (110), BENCH_WARM_UP_SECONDS (5), BENCH_RATES ("300,500,…"), BENCH_STEP_SECONDS (20), BENCH_LONG_MOVES
 * (100000; 0 skips), BENCH_PROFILE, BENCH_PROFILE_RATE, BENCH_ALL_RATES (1: no step ends the search).
 */

const CLUSTER = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const TABLES = Number(process.env.BENCH_TABLES ?? 110);
const RATES = (process.env.BENCH_RATES ?? "300,500,700,900,1100,1300,1500,1700,2000,2400").split(",").map(Number);
const STEP_SECONDS = Number(process.env.BENCH_STEP_SECONDS ?? 20);
const LONG_MOVES = Number(process.env.BENCH_LONG_MOVES ?? 100_000);
const WARM_UP_SECONDS = Number(process.env.BENCH_WARM_UP_SECONDS ?? 5);
const PROFILE = process.env.BENCH_PROFILE === "1";
/** Every step of BENCH_RATES, past one that misses: figures at fixed rates, to set two servers side by side. */
const ALL_RATES = process.env.BENCH_ALL_RATES === "1";
const OPERATOR_KEY = `bench-operator-${crypto.randomUUID()}`;
/** A step keeps up when it does this share of what it was offered. */
const KEEPS_UP = 0.97;

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = Float64Array.from(xs).sort();
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n);

type Step = { rate: number; done: number; p99: number };

/** The JS heap's share of the RSS, as /metrics tells it (an older server tells less). */
const heapOf = (m: { heapUsed?: number; heapTotal?: number; external?: number } | undefined) =>
  m?.heapTotal === undefined || m.external === undefined
    ? `JS heap ${m?.heapUsed?.toFixed(0) ?? "?"} MB in use`
    : `JS heap ${m.heapUsed?.toFixed(0)} MB in use of ${m.heapTotal.toFixed(0)}, ${m.external.toFixed(0)} MB outside it`;

async function serverMetrics(url: string) {
  const res = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
  return (await res.json()) as {
    moveMs: { p99: number };
    eventLoopDelayMs: { p99: number; max: number };
    memoryMb?: { rss: number; heapUsed?: number; heapTotal?: number; external?: number };
  };
}

/** One open-loop step at `rate` moves/s for STEP_SECONDS; prints its figures. */
async function openLoop(server: ServerProcess, tables: Table[], rate: number, seconds = STEP_SECONDS): Promise<Step> {
  for (const t of tables) t.receipts.clear();
  await fetch(`${server.url}/metrics/reset`, { method: "POST", headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
  const total = Math.round(rate * seconds);
  const results: Sent[] = [];
  const lags: number[] = [];
  const sent: { table: Table; s: Sent }[] = [];
  let outstanding = 0;
  const bytes0 = received.bytes;
  const cpu0 = cpuSeconds(server.pid);
  const pg0 = postgresCpuSeconds();
  const bots0 = process.cpuUsage();
  const start = performance.now();
  let n = 0;
  while (n < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000) + 1);
    for (; n < due; n++) {
      const table = tables[Math.floor(Math.random() * tables.length)]!;
      lags.push(performance.now() - (start + (n * 1000) / rate));
      outstanding++;
      send(table, (s) => {
        outstanding--;
        results.push(s);
        if (s.code === null) sent.push({ table, s });
      });
    }
    await sleep(1);
  }
  // The last acks, then the last events to reach every seat.
  const sentAll = performance.now();
  while (outstanding > 0 && performance.now() - sentAll < 60_000) await sleep(5);
  const lastAck = results.reduce((a, s) => Math.max(a, s.tAck), start);
  const wall = (lastAck - start) / 1000;
  const cpu = cpuSeconds(server.pid) - cpu0;
  const pgCpu = postgresCpuSeconds() - pg0;
  const bots = process.cpuUsage(bots0);
  const complete = () => sent.every(({ table, s }) => (table.receipts.get(s.seq)?.n ?? 0) >= s.audience);
  const settle = performance.now();
  while (!complete() && performance.now() - settle < 5000) await sleep(20);
  const bytes = received.bytes - bytes0;

  const ok = results.filter((s) => s.code === null);
  const acks = ok.map((s) => s.tAck - s.t0);
  const fanout: number[] = [];
  const toLast: number[] = [];
  let missing = 0;
  for (const { table, s } of sent) {
    const r = table.receipts.get(s.seq);
    if (!r || r.n < s.audience) {
      missing++;
      continue;
    }
    fanout.push(Math.max(0, r.last - s.tAck));
    toLast.push(r.last - s.t0);
  }
  const refusals = new Map<string, number>();
  for (const s of results) if (s.code !== null) refusals.set(s.code, (refusals.get(s.code) ?? 0) + 1);
  const kinds = new Map<Kind, number>();
  for (const s of results) kinds.set(s.kind, (kinds.get(s.kind) ?? 0) + 1);
  const inside = await serverMetrics(server.url);
  const done = ok.length / wall;
  const p99 = pct(acks, 99);
  const share = (k: Kind) => `${k} ${(((kinds.get(k) ?? 0) / results.length) * 100).toFixed(1)}%`;

  console.log(`\nopen loop: ${rate} moves/s offered for ${seconds} s (${total} moves)`);
  console.log(
    `  done: ${ok.length} in ${wall.toFixed(1)} s = ${done.toFixed(0)} moves/s (${((done / rate) * 100).toFixed(1)}% of offered)`,
  );
  console.log(
    `  refused: ${results.length - ok.length}${refusals.size ? ` (${[...refusals].map(([c, k]) => `${c} ${k}`).join(", ")})` : ""}; sent: ${(["chat-team", "chat-table", "propose", "accept", "reject", "fallback-chat"] as Kind[]).map(share).join(", ")}`,
  );
  console.log(`  ack (send → ack, at the client): p50 ${ms(pct(acks, 50))}, p95 ${ms(pct(acks, 95))}, p99 ${ms(p99)}`);
  console.log(
    `  fan-out (ack → last seat of the table has the event): p50 ${ms(pct(fanout, 50))}, p99 ${ms(pct(fanout, 99))}; send → last seat p99 ${ms(pct(toLast, 99))}; ${missing} events not seen by their whole audience`,
  );
  console.log(
    `  server: ${cpu.toFixed(1)} CPU s (${((cpu / wall) * 100).toFixed(0)}% of a core, ${((cpu / ok.length) * 1000).toFixed(2)} ms a move), ${rssMb(server.pid).toFixed(0)} MB RSS (${heapOf(inside.memoryMb)}); inside: move p99 ${ms(inside.moveMs.p99)}, event-loop delay p99 ${ms(inside.eventLoopDelayMs.p99)}`,
  );
  console.log(
    `  PostgreSQL: ${pgCpu.toFixed(1)} CPU s (${((pgCpu / wall) * 100).toFixed(0)}% of a core; every postgres process on the machine, other databases' backends too)`,
  );
  console.log(
    `  bytes per move per seat: ${(bytes / ok.length / 10).toFixed(0)} (${(bytes / 2 ** 20).toFixed(1)} MB to ${tables.length * 10} sockets); bots: ${(((bots.user + bots.system) / 1e6 / wall) * 100).toFixed(0)}% of a core, schedule lag p99 ${ms(pct(lags, 99))}`,
  );
  return { rate, done, p99 };
}

/** One table driven closed loop to LONG_MOVES moves: moves/s and RSS per 10,000. */
async function longGame(server: ServerProcess): Promise<void> {
  const table = await setUpTable(server.url, OPERATOR_KEY);
  table.recording = false;
  console.log(
    `\nlong game: one table, closed loop (each move sent when the last is acknowledged), ${LONG_MOVES} moves`,
  );
  const block = 10_000;
  let refused = 0;
  let acks: number[] = [];
  let t = performance.now();
  let cpu = cpuSeconds(server.pid);
  for (let i = 1; i <= LONG_MOVES; i++) {
    const s = await new Promise<Sent>((resolve) => send(table, resolve));
    if (s.code !== null) refused++;
    acks.push(s.tAck - s.t0);
    if (i % block === 0 || i === LONG_MOVES) {
      const now = performance.now();
      const c = cpuSeconds(server.pid);
      console.log(
        `  moves ${i - acks.length + 1}–${i}: ${((acks.length / (now - t)) * 1000).toFixed(0)} moves/s, ack p50 ${ms(pct(acks, 50))}, p99 ${ms(pct(acks, 99))}, server ${(((c - cpu) / (now - t)) * 1e5).toFixed(0)}% of a core, ${rssMb(server.pid).toFixed(0)} MB RSS`,
      );
      acks = [];
      t = now;
      cpu = c;
    }
  }
  console.log(`  refused: ${refused}`);
  closeTable(table);
}

async function withServer<T>(profiled: boolean, run: (server: ServerProcess) => Promise<T>) {
  const db = await scratchDatabase(CLUSTER);
  const server = await startServer({ databaseUrl: db.url, operatorKey: OPERATOR_KEY, profile: profiled });
  let value: T;
  let profile: string | null = null;
  try {
    value = await run(server);
  } finally {
    // The presence notices of the sockets just closed go out before the server stops (else the
    // adapter logs a publish on a closed pool).
    await sleep(1000);
    profile = await server.stop();
    await db.drop();
  }
  return { value, profile };
}

async function setUpTables(server: ServerProcess): Promise<Table[]> {
  const tables: Table[] = [];
  for (let i = 0; i < TABLES; i += 10) {
    const batch = Math.min(10, TABLES - i);
    tables.push(...(await Promise.all(Array.from({ length: batch }, () => setUpTable(server.url, OPERATOR_KEY)))));
  }
  return tables;
}

async function main() {
  const [load] = (await import("node:os")).loadavg();
  console.log(
    `workload bench (issue #13): ${TABLES} tables × 10 sockets (9 roles + the facilitator), PostgreSQL via a scratch database on ${new URL(CLUSTER).host}, node ${process.version}, ${new Date().toISOString()}, load average ${load!.toFixed(2)}`,
  );
  const { value: steps } = await withServer(false, async (server) => {
    const tables = await setUpTables(server);
    // The server's code is cold at first (JIT): a short step at the lowest rate, not counted.
    console.log("\nwarm-up (not counted):");
    await openLoop(server, tables, RATES[0]!, WARM_UP_SECONDS);
    const steps: Step[] = [];
    for (const rate of RATES) {
      const step = await openLoop(server, tables, rate);
      steps.push(step);
      if (!ALL_RATES && (step.done < KEEPS_UP * rate || step.p99 > 100)) break;
    }
    for (const t of tables) closeTable(t);
    if (LONG_MOVES > 0) await longGame(server);
    return steps;
  });
  const within = (limit: number) =>
    steps.filter((s) => s.done >= KEEPS_UP * s.rate && s.p99 <= limit).reduce((a, s) => Math.max(a, s.rate), 0);
  const at100 = within(100);
  console.log(
    `\nsaturation: highest rate done at ≥ ${KEEPS_UP * 100}% of offered with ack p99 ≤ 100 ms: ${at100 || "none"} moves/s; with p99 ≤ 20 ms: ${within(20) || "none"} moves/s`,
  );

  if (PROFILE) {
    const rate = Number(process.env.BENCH_PROFILE_RATE ?? (at100 || RATES[0]));
    let window = { from: 0, to: 0 };
    const { profile } = await withServer(true, async (server) => {
      const tables = await setUpTables(server);
      console.log(`\nprofiled (node --cpu-prof on the server), the step's samples only:`);
      window.from = monotonicUs();
      await openLoop(server, tables, rate);
      window.to = monotonicUs();
      for (const t of tables) closeTable(t);
    });
    if (!profile) console.log("  the server wrote no profile");
    else {
      console.log(`  ${profile}`);
      let summary = summarise(profile, { window });
      // Should the clocks not agree, the whole profile rather than nothing.
      if (summary.busySeconds === 0) {
        console.log("  (no samples in the step's window: the whole profile, set-up included)");
        window = { from: -Infinity, to: Infinity };
        summary = summarise(profile);
      }
      printSummary(summary);
    }
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
