import { z } from "zod";

/** `/health` and `/metrics`: for load balancers, scrapers and benchmarks. */

export const health = z.object({
  status: z.enum(["ok", "unavailable"]),
  database: z.enum(["embedded", "postgres"]),
  /** Whether the database answered this check (within HEALTH_TIMEOUT_MS). */
  databaseUp: z.boolean(),
  /**
   * What an acknowledged move survives: "process-crash" on the embedded database (PGlite never
   * calls fsync), "power-loss" on PostgreSQL with fsync and synchronous_commit on (its defaults).
   */
  durability: z.enum(["process-crash", "power-loss"]),
  /** Database connections lost since the process started (the pool's and the adapter's). */
  connectionsLost: z.int(),
  /** When the last was lost (ISO 8601), null if none was. */
  lastConnectionLostAt: z.iso.datetime().nullable(),
  /** On a 503: the one error shape every 4xx and 5xx has, beside the fields above. */
  error: z.object({ code: z.literal("unavailable"), message: z.string() }).optional(),
});
export type Health = z.infer<typeof health>;

/** The server's figures (server/metrics): their names are the server's, read by people and dashboards. */
export const metrics = z.record(z.string(), z.unknown());
