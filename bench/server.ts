import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { io, type Socket } from "socket.io-client";
import { freePort } from "./freePort";
import { cpuSeconds, rssMb, serverEnv, UNLIMITED } from "./serverEnv";

/**
 * The server under load (`npm run bench`). Starts the server as its own process (on DATABASE_URL
 * if set, else the embedded database in a temporary folder); bots on Socket.IO clients in this
 * process play legal moves of the default scenario. Prints figures; asserts nothing.
 *
 *  1. steady: 110 games, every seat connected (~1,100 sockets), 200 moves a second in all.
 *  2. saturation: the same games, every game's bots moving as fast as acknowledgements allow.
 *  3. a long log: one game's log grows to 10,000 events; latency per thousand.
 *  4. flood: on a second server with the shipped limits, a quiet game's acknowledgement latency
 *     alone, then while another game floods it (bench/flood.ts: many sockets on one token, resume
 *     floods, join floods, creation floods), side by side.
 */

const GAMES = Number(process.env.BENCH_GAMES ?? 110);
const STEADY_RATE = Number(process.env.BENCH_RATE ?? 200);
const PHASE_SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const LONG_LOG = Number(process.env.BENCH_LONG_LOG ?? 10_000);
const FLOOD_SECONDS = Number(process.env.BENCH_FLOOD_SECONDS ?? 20);
const QUIET_RATE = Number(process.env.BENCH_QUIET_RATE ?? 20);
const LOUD_LOG = Number(process.env.BENCH_LOUD_LOG ?? 1000);
/** Games are created with the operator's key, set here for the server the bench starts. */
const OPERATOR_KEY = `bench-operator-${crypto.randomUUID()}`;
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

async function startServer(
  limits: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), "summitry-bench-"));
  const port = await freePort();
  const profile = process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  if (process.env.BENCH_TRACE_GC) profile.push("--trace-gc");
  const child = spawn(process.execPath, [...profile, "--import", "tsx", "server/main.ts"], {
    env: serverEnv({ port, dataDir, operatorKey: OPERATOR_KEY, limits }),
    stdio: ["ignore", "inherit", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  // Never leave a server behind, however the bench ends (a closed pipe, Ctrl-C, an error).
  const kill = () => child.kill("SIGKILL");
  process.once("exit", kill);
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
      process.off("exit", kill);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port that is free now: bound by the OS, then released for the server to take. */

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
  /** What the game's creator was told, and each bot's token. */
  created: { joinCodes: Record<string, string>; observerCode: string };
  tokens: Record<string, string>;
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
  const g = await http(url, "POST", "/api/games", { scenarioId: "great-rebalancing" }, OPERATOR_KEY);
  const seats: Seat[] = [];
  const tokens: Record<string, string> = {};
  for (const id of [...WASHINGTON, ...BEIJING]) {
    const j = await http(url, "POST", `/api/games/${g.gameId}/join`, { code: g.joinCodes[id], name: `bot ${id}` });
    tokens[id] = j.token;
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
  const game: Game = {
    id: g.gameId,
    seats,
    facilitator,
    proposals: 0,
    busy: false,
    waiting: new Map(),
    created: { joinCodes: g.joinCodes, observerCode: g.observerCode },
    tokens,
  };
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
  await fetch(`${url}/metrics/reset`, { method: "POST", headers: { authorization: `Bearer ${OPERATOR_KEY}` } });
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
  const inside = await http(url, "GET", "/metrics", undefined, OPERATOR_KEY);
  console.log(
    `  inside the server (message to acknowledgement): p50 ${ms(inside.moveMs.p50)}, p95 ${ms(inside.moveMs.p95)}, p99 ${ms(inside.moveMs.p99)}; event-loop delay p99 ${ms(inside.eventLoopDelayMs.p99)}, max ${ms(inside.eventLoopDelayMs.max)}`,
  );
  console.log(
    `  server: ${(serverCpu * 100).toFixed(0)}% of a core, ${rssMb(pid).toFixed(0)} MB resident; bots: ${(botCpu * 100).toFixed(0)}% of a core`,
  );
}

async function main() {
  // BENCH_ONLY=flood runs the last phase alone.
  if (process.env.BENCH_ONLY === "flood") return floodPhase();
  const server = await startServer(UNLIMITED);
  const pid = server.child.pid!;
  const database = (await http(server.url, "GET", "/health")).database;
  console.log(`server bench: database ${database}, ${GAMES} games, node ${process.version}`);
  if (database === "embedded") {
    // What "durable" means here: PGlite writes through to the OS but never calls fsync.
    console.log(
      "  (embedded database: an acknowledged move survives a crash of the server process, not a power cut or an OS crash; PostgreSQL makes it survive those)",
    );
  }
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

  await floodPhase();
}

/** A game's moves at a fixed rate, one in flight at a time, for `seconds`: their samples. */
async function paced(game: Game, rate: number, seconds: number): Promise<Sample[]> {
  const samples: Sample[] = [];
  const start = performance.now();
  for (let i = 0; i < rate * seconds; i++) {
    const wait = start + (i * 1000) / rate - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    samples.push(await oneMove(game));
  }
  return samples;
}

/** Grows a game's log to about `n` events, each seat and the facilitator within their budget (9 a second). */
async function grow(game: Game, n: number): Promise<void> {
  const senders = [
    ...game.seats.map((s) => ({
      socket: s.socket,
      move: { type: "chat", channel: `team:${s.side}`, text: "history" },
    })),
    { socket: game.facilitator, move: { type: "note", text: "history" } },
  ];
  let sent = 0;
  await Promise.all(
    senders.map(async ({ socket, move }) => {
      while (sent < n) {
        sent++;
        const t = performance.now();
        const ack = await socket.emitWithAck("move", move);
        if (!ack.ok) throw new Error(`growing the log: ${ack.error.code}`);
        const wait = 111 - (performance.now() - t);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    }),
  );
  for (const s of game.seats) s.received.clear();
}

/**
 * 4. One abusive game must not move another's latency: a server with the limits it ships with,
 * a quiet game's moves alone, then the same while bench/flood.ts floods another game.
 */
async function floodPhase(): Promise<void> {
  const server = await startServer({});
  const pid = server.child.pid!;
  const quiet = await setUpGame(server.url);
  const loud = await setUpGame(server.url);
  console.log(
    `\nflood: a server with its shipped limits; a quiet game at ${QUIET_RATE} moves/s for ${FLOOD_SECONDS} s, alone, then beside a flooding game`,
  );
  await grow(loud, LOUD_LOG);
  const observer = await http(server.url, "POST", `/api/games/${loud.id}/join`, {
    code: loud.created.observerCode,
    name: "projector",
  });

  const report = (label: string, r: { samples: Sample[]; cpu: number; loop: { p99: number; max: number } }) => {
    const acks = r.samples.map((x) => x.ack);
    console.log(
      `  ${label}: ${r.samples.length} moves, ack p50 ${ms(pct(acks, 50))}, p99 ${ms(pct(acks, 99))}, max ${ms(Math.max(...acks))}; server ${(r.cpu * 100).toFixed(0)}% of a core, event-loop delay p99 ${ms(r.loop.p99)}, max ${ms(r.loop.max)}`,
    );
    return pct(acks, 99);
  };
  const timed = async (run: () => Promise<Sample[]>) => {
    await fetch(`${server.url}/metrics/reset`, {
      method: "POST",
      headers: { authorization: `Bearer ${OPERATOR_KEY}` },
    });
    const cpu0 = cpuSeconds(pid);
    const t0 = performance.now();
    const samples = await run();
    const cpu = (cpuSeconds(pid) - cpu0) / ((performance.now() - t0) / 1000);
    const inside = await http(server.url, "GET", "/metrics", undefined, OPERATOR_KEY);
    return { samples, cpu, loop: inside.eventLoopDelayMs as { p99: number; max: number } };
  };

  const alone = await timed(() => paced(quiet, QUIET_RATE, FLOOD_SECONDS));
  const p99Alone = report("quiet game alone          ", alone);

  // The flood runs in its own process, so that its client-side work does not slow these bots.
  const RAMP = 3;
  const flood = spawn(process.execPath, ["--import", "tsx", "bench/flood.ts"], {
    env: {
      ...process.env,
      FLOOD_SECONDS: String(FLOOD_SECONDS + RAMP),
      FLOOD_ARGS: JSON.stringify({
        url: server.url,
        gameId: loud.id,
        seatToken: loud.tokens["us-treasury"],
        observerToken: observer.token,
        observerCode: loud.created.observerCode,
        key: OPERATOR_KEY,
      }),
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  flood.stdout!.on("data", (d) => {
    out += d;
  });
  let floodCpu = 0;
  const floodEnded = new Promise((r) => flood.once("exit", r));
  const watchCpu = setInterval(() => {
    try {
      floodCpu = cpuSeconds(flood.pid!);
    } catch {}
  }, 500);
  process.once("exit", () => flood.kill("SIGKILL"));
  await new Promise((r) => setTimeout(r, RAMP * 1000));
  const beside = await timed(() => paced(quiet, QUIET_RATE, FLOOD_SECONDS));
  await floodEnded;
  clearInterval(watchCpu);
  const p99Beside = report("quiet game beside a flood", beside);
  console.log(`  the flood's own process: ${((floodCpu / (FLOOD_SECONDS + RAMP)) * 100).toFixed(0)}% of a core`);
  console.log(`  quiet game's ack p99: ${ms(p99Alone)} alone, ${ms(p99Beside)} beside the flood`);
  try {
    const got = JSON.parse(out.trim().split("\n").at(-1) ?? "{}") as Record<string, Record<string, number>>;
    for (const [what, outcomes] of Object.entries(got)) {
      const parts = Object.entries(outcomes).map(([k, v]) => `${k} ${v}`);
      console.log(`  the flood's ${what}: ${parts.join(", ")}`);
    }
  } catch {
    console.log("  the flood printed no counts");
  }
  for (const g of [quiet, loud]) {
    for (const s of g.seats) s.socket.close();
    g.facilitator.close();
  }
  await server.stop();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
