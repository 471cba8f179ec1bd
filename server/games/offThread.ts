import { Worker } from "node:worker_threads";
import type { GameEvent, GameState, RecordedEvent } from "../../shared/index";
import type { Refused, Verified } from "./record";
import type { Job } from "./recordWorker";

/**
 * The main thread's side of the record worker (recordWorker.ts): one worker thread, started on
 * first use and kept while there is work (stopped after 30 s idle), runs jobs in turn. If it dies, its jobs fail with an error and the next job
 * starts a new one. The worker is unref'd, so it never keeps the process alive.
 */

type Pending = { resolve(v: unknown): void; reject(e: Error): void };
type JobBody = Job extends infer J ? (J extends Job ? Omit<J, "id"> : never) : never;

// From the sources (tsx, vitest, the benches) this module is a .ts file, and the worker a plain
// module that registers tsx, then loads recordWorker.ts (see its comment for why). Built, this
// module is part of a bundle in dist/server/, beside the worker's own bundle, recordWorker.js,
// which plain node runs (scripts/build.mjs); tsx is a dev tool, absent in production.
const WORKER_URL = import.meta.url.endsWith(".ts")
  ? new URL("./recordWorker.boot.mjs", import.meta.url)
  : new URL("./recordWorker.js", import.meta.url);

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

/** How many jobs have started and finished: a test waits on these to act mid-verification. */
export const workerStats = { started: 0, finished: 0 };

function failAll(err: Error): void {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
}

function theWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(WORKER_URL);
  w.unref();
  w.on("message", (m: { id: number; result?: unknown; error?: string }) => {
    const p = pending.get(m.id);
    if (!p) return;
    pending.delete(m.id);
    workerStats.finished++;
    if (m.error !== undefined) p.reject(new Error(`record worker: ${m.error}`));
    else p.resolve(m.result);
    if (pending.size === 0) {
      w.unref();
      idleStop(w);
    }
  });
  w.on("error", (err) => {
    if (worker === w) worker = null;
    failAll(err);
  });
  w.on("exit", (code) => {
    if (worker === w) worker = null;
    failAll(new Error(`record worker exited (${code})`));
  });
  worker = w;
  return w;
}

/** An idle worker leaves after IDLE_MS, and the heap it kept from its last record with it. */
const IDLE_MS = 30_000;
let idleTimer: NodeJS.Timeout | null = null;

function idleStop(w: Worker): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (worker === w && pending.size === 0) {
      worker = null;
      void w.terminate();
    }
  }, IDLE_MS);
  idleTimer.unref();
}

function run<T>(job: JobBody): Promise<T> {
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  const w = theWorker();
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    workerStats.started++;
    // Held while it works, so a job in flight is not lost to an exiting event loop.
    w.ref();
    w.postMessage({ ...job, id });
  });
}

/** verifyRecord (record.ts) on the worker thread; a success carries the caller's own events. */
export async function verifyOffThread(doc: unknown): Promise<Verified | Refused> {
  const result = await run<Omit<Verified, "events"> | Refused>({ kind: "verify", doc });
  if (!result.ok) return result;
  const events = (doc as { events: RecordedEvent[] }).events;
  return { ...result, events };
}

/** The state after `events` from `start`, folded on the worker thread. */
export function foldOffThread(start: GameState, events: GameEvent[]): Promise<GameState> {
  return run<GameState>({ kind: "fold", start, events });
}

/** Beyond this many events a fold goes to the worker (below it, the copy there costs more than the fold). */
export const FOLD_OFF_THREAD = 20_000;

/** Stops the worker (tests and shutdown); the next job starts another. */
export async function stopRecordWorker(): Promise<void> {
  const w = worker;
  worker = null;
  if (w) await w.terminate();
}
