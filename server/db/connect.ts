import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
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
  close(): Promise<void>;
};

export const MIGRATIONS_DIR = fileURLToPath(new URL("../../migrations", import.meta.url));

// bigint columns hold epoch milliseconds, well inside a double's exact range.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type OpenOptions =
  | { url: string; poolSize?: number }
  | { dataDir: string; loadDataDir?: Blob }
  | { memory: true; loadDataDir?: Blob | File };

export async function openDatabase(options: OpenOptions): Promise<Database> {
  if ("url" in options) {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // An idle client's error (a server restart) must not crash the process; the pool replaces it.
    pool.on("error", () => {});
    const orm = drizzlePg(pool, { schema });
    await migratePg(orm, { migrationsFolder: MIGRATIONS_DIR });
    return {
      kind: "postgres",
      orm: orm as unknown as Database["orm"],
      query: (text, params, name) =>
        (name
          ? pool.query({ name, text, values: params as unknown[] })
          : pool.query(text, params as unknown[])) as never,
      pool,
      url: options.url,
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
