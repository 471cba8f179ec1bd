import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";

/**
 * The server under load (`npm run bench`). Starts the server as its own process (on DATABASE_URL
 * if set, else the embedded database in a temporary folder); bots on Socket.IO clients in this
 * process play legal moves of the default scenario. Prints figures; asserts nothing.
 *
 *  1. steady: 110 games, every seat connected (~1,100 sockets), 200 moves a second in all.
 *  2. saturation: the same games, every game's bots moving as fast as acknowledgements allow.
 *  3. a long log: one game's log grows to 10,000 events; latency per thousand.
 */

const GAMES = Number(process.env.BENCH_GAMES ?? 110);
const STEADY_RATE = Number(process.env.BENCH_RATE ?? 200);
const PHASE_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const LONG_LOG = Number(process.env.BENCH_LONG_LOG ?? 10_000);

// biome-ignore lint/suspicious/noExplicitAny: the bench reads the server's JSON loosely
type Json = any;

async function http(base: string, method: string, path: string, body?: unknown, token?: string): Promise<Json> {
  const res = await fetch(base + path, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return res.json();
}

// ---- the server process and its CPU and memory, read from /proc

async function startServer(): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), "summitry-bench-"));
  const port = await freePort();
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  if (process.env.BENCH_TRACE_GC) profile.push("--trace-gc");
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "server/main.ts"], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      LOG_LEVEL: "warn",
      // The bots of one connection may move faster than a person would; the limit is not under test.
      MOVES_PER_SECOND: "10000",
      MOVE_BURST: "10000",
      PG_POOL_SIZE: "20",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  // Never leave a server behind, however the bench ends (a closed pipe, Ctrl-C, an error).
  process.once("exit", () => child.kill("SIGKILL"));
  for (const signal of ["SIGINT", "SIGTERM", "SIGPIPE"] as const) process.once(signal, () => process.exit(1));
  child.once("exit", (code) => {
    if (code !== 0 && code !== null) console.error(`server exited (${code})`);
  });
  // The first start of an embedded database takes a few seconds.
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    async stop() {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port that is free now: bound by the OS, then released for the server to take. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

const TICK = 100; // clock ticks a second on Linux
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / TICK;
}
function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : 0;
}

// ---- the bots

type Seat = { id: string; side: string; socket: Socket; received: Map<number, number>; game?: Game };
type Game = {
  id: string;
  seats: Seat[];
  facilitator: Socket;
  proposals: number;
  busy: boolean;
  /** seq → a waiter told when the last of the seats it waits for has the event */
  waiting: Map<number, { pending: Set<Seat>; done: (t: number) => void }>;
};

const WASHINGTON = ["us-president", "us-treasury", "us-commerce", "us-nsa"];
const BEIJING = ["cn-president", "cn-vice-premier", "cn-commerce", "cn-foreign", "cn-security"];

function connectSocket(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
    s.once("state", () => resolve(s));
    s.once("connect_error", reject);
  });
}

async function setUpGame(url: string): Promise<Game> {
  const g = await http(url, "POST", "/api/games", { scenarioId: "great-rebalancing" });
  const seats: Seat[] = [];
  for (const id of [...WASHINGTON, ...BEIJING]) {
    const j = await http(url, "POST", `/api/games/${g.gameId}/join`, { code: g.joinCodes[id], name: `bot ${id}` });
    const socket = await connectSocket(url, j.token);
    const seat: Seat = { id, side: WASHINGTON.includes(id) ? "washington" : "beijing", socket, received: new Map() };
    // Event-driven, not polled: the bots' own timers must not distort what they measure.
    socket.on("event", (m: { seq: number }) => {
      const t = performance.now();
      const w = seat.game?.waiting.get(m.seq);
      if (w?.pending.delete(seat) && w.pending.size === 0) w.done(t);
      else if (!w) seat.received.set(m.seq, t);
    });
    seats.push(seat);
  }
  const facilitator = await connectSocket(url, g.facilitatorToken);
  const game: Game = { id: g.gameId, seats, facilitator, proposals: 0, busy: false, waiting: new Map() };
  for (const s of seats) s.game = game;
  await facilitator.emitWithAck("move", { type: "resume" });
  await facilitator.emitWithAck("move", { type: "extend", minutes: 15 });
  await facilitator.emitWithAck("move", { type: "advancePhase" });
  await facilitator.emitWithAck("move", { type: "advancePhase" }); // the summit: every role acts
  await facilitator.emitWithAck("move", { type: "extend", minutes: 15 });
  return game;
}

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)]!;
const OPTIONS: Record<string, string[]> = {
  tariffs: ["extendTruce", "cutFentanylTariff", "broadRollback"],
  chips: ["statusQuo", "licenseDowngraded"],
  framing: ["stabilise", "constructive", "partnership"],
};

type Sample = { ack: number; fanout: number | null };

/** One legal move by a random seat: team or table chat, a proposal, or an answer to one. */
async function oneMove(game: Game): Promise<Sample> {
  const r = Math.random();
  const leaderW = game.seats[0]!;
  const leaderB = game.seats[4]!;
  let seat: Seat;
  let move: Json;
  let audience: Seat[];
  if (r < 0.5) {
    seat = pick(game.seats);
    move = { type: "chat", channel: `team:${seat.side}`, text: `thinking out loud ${Math.random()}` };
    audience = game.seats.filter((s) => s.side === seat.side);
  } else if (r < 0.75) {
    seat = pick(game.seats);
    move = { type: "chat", channel: "table", text: "a word across the table" };
    audience = game.seats;
  } else {
    // Proposals alternate with their rejection, so no side ever holds more than one open.
    seat = game.proposals % 2 === 0 ? leaderW : leaderB;
    move =
      game.proposals % 2 === 0
        ? { type: "propose", terms: { tariffs: pick(OPTIONS.tariffs!), framing: pick(OPTIONS.framing!) } }
        : { type: "reject", proposalId: `p${(game.proposals + 1) / 2}` };
    game.proposals++;
    audience = game.seats;
  }
  const t0 = performance.now();
  const ack = await seat.socket.emitWithAck("move", move);
  const tAck = performance.now();
  if (!ack.ok) throw new Error(`refused ${JSON.stringify(move)}: ${ack.error.code}`);
  // The event may reach some seats before the acknowledgement reaches the mover.
  const others = audience.filter((s) => s !== seat);
  let last = Math.max(0, ...others.map((s) => s.received.get(ack.seq) ?? 0));
  const pending = new Set(others.filter((s) => !s.received.has(ack.seq)));
  for (const s of game.seats) s.received.delete(ack.seq);
  if (pending.size > 0) {
    const arrived = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), 5000);
      game.waiting.set(ack.seq, {
        pending,
        done: (t) => {
          clearTimeout(timer);
          resolve(t);
        },
      });
    });
    game.waiting.delete(ack.seq);
    if (arrived === null) return { ack: tAck - t0, fanout: null };
    last = Math.max(last, arrived);
  }
  return { ack: tAck - t0, fanout: last - t0 };
}

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function measure(label: string, pid: number, url: string, run: () => Promise<Sample[]>) {
  await http(url, "GET", "/metrics?reset=true");
  const cpu0 = cpuSeconds(pid);
  const bots0 = process.cpuUsage();
  const t0 = performance.now();
  const samples = await run();
  const wall = (performance.now() - t0) / 1000;
  const serverCpu = (cpuSeconds(pid) - cpu0) / wall;
  const b = process.cpuUsage(bots0);
  const botCpu = (b.user + b.system) / 1e6 / wall;
  const acks = samples.map((s) => s.ack);
  const fan = samples.map((s) => s.fanout).filter((x): x is number => x !== null);
  console.log(`\n${label}`);
  console.log(
    `  moves: ${samples.length} in ${wall.toFixed(1)} s = ${(samples.length / wall).toFixed(0)} durable moves/s`,
  );
  console.log(`  acknowledgement: p50 ${ms(pct(acks, 50))}, p95 ${ms(pct(acks, 95))}, p99 ${ms(pct(acks, 99))}`);
  console.log(`  until every other seat has it: p50 ${ms(pct(fan, 50))}, p99 ${ms(pct(fan, 99))}`);
  const inside = await http(url, "GET", "/metrics?reset=true");
  console.log(
    `  inside the server (message to acknowledgement): p50 ${ms(inside.moveMs.p50)}, p95 ${ms(inside.moveMs.p95)}, p99 ${ms(inside.moveMs.p99)}; event-loop delay p99 ${ms(inside.eventLoopDelayMs.p99)}, max ${ms(inside.eventLoopDelayMs.max)}`,
  );
  console.log(
    `  server: ${(serverCpu * 100).toFixed(0)}% of a core, ${rssMb(pid).toFixed(0)} MB resident; bots: ${(botCpu * 100).toFixed(0)}% of a core`,
  );
}

async function main() {
  const server = await startServer();
  const pid = server.child.pid!;
  const database = (await http(server.url, "GET", "/health")).database;
  console.log(`server bench: database ${database}, ${GAMES} games, node ${process.version}`);
  const games: Game[] = [];
  for (let i = 0; i < GAMES; i += 10) {
    games.push(...(await Promise.all(Array.from({ length: Math.min(10, GAMES - i) }, () => setUpGame(server.url)))));
  }
  const sockets = games.reduce((n, g) => n + g.seats.length + 1, 0);
  console.log(`connected: ${sockets} sockets (${games.length * 9} seats and ${games.length} facilitators)`);

  // 1. steady: moves started on a fixed schedule, spread over the games.
  await measure(`steady: ${STEADY_RATE} moves/s offered for ${PHASE_SECONDS} s`, pid, server.url, async () => {
    const samples: Sample[] = [];
    const pending: Promise<void>[] = [];
    const total = STEADY_RATE * PHASE_SECONDS;
    const start = performance.now();
    for (let i = 0; i < total; i++) {
      const due = start + (i * 1000) / STEADY_RATE;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      const game = games[i % games.length]!;
      // One move in flight per game keeps each game's proposals alternating correctly.
      if (game.busy) continue;
      game.busy = true;
      pending.push(
        oneMove(game).then((s) => {
          samples.push(s);
          game.busy = false;
        }),
      );
    }
    await Promise.all(pending);
    return samples;
  });

  // 2. saturation: every game moves back to back (closed loop), all at once.
  await measure(
    `saturation: every game moving as fast as acknowledgements allow, ${PHASE_SECONDS} s`,
    pid,
    server.url,
    async () => {
      const samples: Sample[] = [];
      const until = performance.now() + PHASE_SECONDS * 1000;
      await Promise.all(
        games.map(async (game) => {
          while (performance.now() < until) samples.push(await oneMove(game));
        }),
      );
      return samples;
    },
  );

  for (const g of games) {
    for (const s of g.seats) s.socket.close();
    g.facilitator.close();
  }

  // 3. one game's log grows to LONG_LOG events: is the thousandth as quick as the first?
  const long = await setUpGame(server.url);
  console.log(`\nlong log: one game grows to ${LONG_LOG} events (team chat, one at a time)`);
  const blocks: number[][] = [];
  const cpu0 = cpuSeconds(pid);
  const t0 = performance.now();
  for (let i = 0; i < LONG_LOG; i++) {
    const seat = long.seats[i % long.seats.length]!;
    const t = performance.now();
    const ack = await seat.socket.emitWithAck("move", {
      type: "chat",
      channel: `team:${seat.side}`,
      text: `line ${i}`,
    });
    if (!ack.ok) throw new Error(ack.error.code);
    const block = Math.floor(i / 1000);
    if (!blocks[block]) blocks[block] = [];
    blocks[block].push(performance.now() - t);
    for (const s of long.seats) s.received.delete(ack.seq);
  }
  const wall = (performance.now() - t0) / 1000;
  blocks.forEach((b, k) => {
    console.log(`  events ${k * 1000 + 1}–${(k + 1) * 1000}: ack p50 ${ms(pct(b, 50))}, p99 ${ms(pct(b, 99))}`);
  });
  console.log(
    `  server: ${(((cpuSeconds(pid) - cpu0) / wall) * 100).toFixed(0)}% of a core, ${rssMb(pid).toFixed(0)} MB resident`,
  );
  for (const s of long.seats) s.socket.close();
  long.facilitator.close();
  await server.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
