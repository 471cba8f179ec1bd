import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openDatabase } from "../../server/db/connect";

/**
 * The databases the database tests run on: always the embedded one (PGlite, from the run's
 * template); PostgreSQL too when TEST_DATABASE_URL is set (CI sets it). Each call opens a fresh,
 * empty, migrated database, so test files never see each other's games.
 */
export type Backend = {
  name: "embedded" | "postgres";
  /** A fresh database; for PostgreSQL, `url` lets a second process open the same one. */
  fresh(): Promise<{
    db: Database;
    url: string | null;
    /** The embedded database's folder (null for PostgreSQL): a second process may open it once this one closes. */
    dataDir: string | null;
    reopen(): Promise<Database>;
    drop(): Promise<void>;
  }>;
};

const embedded: Backend = {
  name: "embedded",
  async fresh() {
    const bytes = await readFile(inject("pgliteTemplate"));
    // A data folder, so the database outlives its handle: a restart test closes and reopens it.
    const dataDir = await mkdtemp(join(tmpdir(), "summitry-test-"));
    const db = await openDatabase({ dataDir, loadDataDir: new Blob([bytes]) });
    return {
      db,
      url: null,
      dataDir,
      reopen: () => openDatabase({ dataDir }),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  },
};

function postgres(url: string): Backend {
  return {
    name: "postgres",
    async fresh() {
      const name = `summitry_t_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      const dbUrl = new URL(url);
      dbUrl.pathname = `/${name}`;
      const db = await openDatabase({ url: dbUrl.toString(), poolSize: 10 });
      return {
        db,
        url: dbUrl.toString(),
        dataDir: null,
        reopen: () => openDatabase({ url: dbUrl.toString(), poolSize: 10 }),
        drop: async () => {
          const a = new pg.Client({ connectionString: url });
          await a.connect();
          await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await a.end();
        },
      };
    },
  };
}

export const backends: Backend[] = [
  embedded,
  ...(process.env.TEST_DATABASE_URL ? [postgres(process.env.TEST_DATABASE_URL)] : []),
];

export const postgresBackend: Backend | null = process.env.TEST_DATABASE_URL
  ? postgres(process.env.TEST_DATABASE_URL)
  : null;
