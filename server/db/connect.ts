import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { type Logger, pino } from "pino";
import { fromRoot } from "../paths";
import * as schema from "./schema";

/**
 * One database handle over either engine. drizzle serves the ordinary queries; `query` runs raw
 * parameterised SQL for the move path, where one statement must do the work of several.
 */
export type Database = {
  kind: "embedded" | "postgres";
  orm: PgDatabase<PgQueryResultHKT, typeof schema>;
  /** `name`: a statement the server prepares once per connection (the move path's append). */
  query<T = Record<string, unknown>>(text: string, params?: unknown[], name?: string): Promise<{ rows: T[] }>;
  /** The pg pool (PostgreSQL only): Socket.IO's adapter listens through it. */
  pool: pg.Pool | null;
  /** The PostgreSQL URL (null for the embedded database): event notices listen on their own connection. */
  url: string | null;
  /** Connections lost so far, for /health (PGlite has none to lose). */
  health: DatabaseHealth;
  close(): Promise<void>;
};

/** What /health reports besides its own check: how often the connections were lost. */
export type DatabaseHealth = {
  /** Connections of the pool lost so far (the adapter's LISTEN among them). */
  lost: number;
  /** When the last was lost (epoch ms), null if none was. */
  lastLostAt: number | null;
};

// From the project's root, not this file: bundled, this module runs from dist/server/ (paths.ts).
export const MIGRATIONS_DIR = fromRoot("migrations");

// bigint columns hold epoch milliseconds, well inside a double's exact range.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type OpenOptions =
  | { url: string; poolSize?: number; log?: Logger }
  | { dataDir: string; loadDataDir?: Blob }
  | { memory: true; loadDataDir?: Blob | File };

/**
 * Bounds on every PostgreSQL connection, so that while the database is away a move is refused
 * (`unavailable`) within seconds instead of hanging: connecting gives up after 5 s, and a query
 * whose answer never comes (a server gone without closing the socket) after 30 s; keepalive
 * notices a dead peer that never closes.
 */
export const PG_LIMITS = { connectionTimeoutMillis: 5_000, query_timeout: 30_000, keepAlive: true } as const;

// Any key: it only has to be the same for every Summitry process migrating one database.
const MIGRATION_LOCK = 7_406_311_926;

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if ("url" in options) {
    const log = options.log ?? pino({ level: process.env.LOG_LEVEL ?? "info" });
    const health: DatabaseHealth = { lost: 0, lastLostAt: null };
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, ...PG_LIMITS });
    const counted = new WeakSet<object>();
    const lost = (err: unknown, where: string, client?: object) => {
      // pg may report one lost connection twice (the server's FATAL, then the socket's end).
      if (client && counted.has(client)) return;
      if (client) counted.add(client);
      health.lost++;
      health.lastLostAt = Date.now();
      log.warn({ err, where }, "database connection lost; the pool opens a new one on demand");
    };
    // An idle client's error (a server restart) must not crash the process; the pool replaces it.
    pool.on("error", (err, client) => lost(err, "idle", client));
    // A checked-out client has no listener of the pool's: one that loses its connection between two
    // statements (a transaction, the adapter's LISTEN) would otherwise throw and end the process.
    pool.on("connect", (client) => client.on("error", (err) => lost(err, "in use", client)));
    const orm = drizzlePg(pool, { schema });
    await migrateLocked(options.url);
    return {
      kind: "postgres",
      orm: orm as unknown as Database["orm"],
      query: (text, params, name) =>
        (name
          ? pool.query({ name, text, values: params as unknown[] })
          : pool.query(text, params as unknown[])) as never,
      pool,
      url: options.url,
      health,
      close: () => pool.end(),
    };
  }
  let client: PGlite;
  if ("dataDir" in options) {
    mkdirSync(options.dataDir, { recursive: true });
    client = await PGlite.create({
      dataDir: options.dataDir,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } else {
    client = await PGlite.create(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {});
  }
  const orm = drizzlePglite(client, { schema });
  await migratePglite(orm, { migrationsFolder: MIGRATIONS_DIR });
  return {
    kind: "embedded",
    orm: orm as unknown as Database["orm"],
    query: (text, params) => client.query(text, params) as never,
    pool: null,
    url: null,
    health: { lost: 0, lastLostAt: null },
    close: () => client.close(),
  };
}

/** A migrated, empty embedded database as a blob: tests load it instead of initialising anew. */
export async function embeddedTemplate(): Promise<Blob> {
  const client = await PGlite.create();
  await migratePglite(drizzlePglite(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
  const blob = await client.dumpDataDir("none");
  await client.close();
  return blob;
}

/**
 * Runs the migrations holding a session-level advisory lock on one dedicated connection: processes
 * starting together on an empty database take turns (two at once collide creating the same types),
 * and each after the first finds nothing left to do.
 */
async function migrateLocked(url: string): Promise<void> {
  // Not from the pool: a migration (or the wait for another process's) may outlast query_timeout.
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: PG_LIMITS.connectionTimeoutMillis });
  // An error while idle between statements rejects the statement in progress; no crash meanwhile.
  client.on("error", () => {});
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
    await migratePg(drizzlePg(client, { schema }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    // Ending the session releases the lock too, should the unlock itself fail.
    await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
    await client.end().catch(() => {});
  }
}

// Connection-level failures: SQLSTATE class 08 (connection exception), 57P01-57P03 (the server
// shut down or is starting), 53300 (too many connections); Node's socket errors; pg's own.
const UNAVAILABLE_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "53300",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
const UNAVAILABLE_MESSAGES = [
  "Connection terminated",
  "timeout exceeded when trying to connect",
  "Query read timeout",
  "not queryable",
  "Client was closed",
  // datallowconn off (a database being restored or moved): 55000, too general a code to list.
  "is not currently accepting connections",
];

/** Whether an error means the database is out of reach (refuse as `unavailable`), not a bad query. */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (typeof e !== "object") return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (UNAVAILABLE_CODES.has(code) || code.startsWith("08"))) return true;
    const message = (e as { message?: unknown }).message;
    if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((m) => message.includes(m))) return true;
  }
  return false;
}

/**
 * The pool as Socket.IO's PostgreSQL adapter should see it. The adapter keeps one client checked
 * out for its LISTEN and, when that connection drops, only notices the `end` (it reconnects then)
 * and never releases it: here the client is handed back with its error, so the pool drops it
 * instead of counting a dead connection against its size on every outage.
 */
export function adapterPool(pool: pg.Pool, onLost: (err: Error) => void): pg.Pool {
  return new Proxy(pool, {
    get(target, prop, receiver) {
      if (prop !== "connect") {
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      }
      return async () => {
        const client = await target.connect();
        const release = client.release;
        let released = false;
        // Handed back once, whoever is first (this listener, or the adapter closing); once back in
        // the pool the client is another borrower's, so the listener goes with the release.
        const handBack = (err?: Error | boolean) => {
          if (released) return;
          released = true;
          client.removeListener("error", onError);
          release(err);
        };
        const onError = (err: Error) => {
          onLost(err);
          handBack(err);
        };
        client.on("error", onError);
        client.release = handBack;
        return client;
      };
    },
  });
}
