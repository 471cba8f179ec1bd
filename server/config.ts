import { z } from "zod";
import { MAX_BATCH } from "./db/batchAppend";
import { botConfig } from "./games/botConfig";
import { timeoutConfig } from "./http/timeouts";
import { limitsConfig } from "./limits/config";
import { fromRoot } from "./paths";

/**
 * The server's configuration, from the environment, parsed by zod: a bad value stops the start
 * with a message that names it. docker-compose.yml is kept in step with these names by a test.
 */

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

export const configSchema = z.object({
  PORT: int(3000, 0, 65535),
  HOST: z.string().min(1).default("0.0.0.0"),
  /** A PostgreSQL server (postgres://…). Without it, the embedded database in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
    .optional(),
  DATA_DIR: z.string().min(1).default("./data"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  PG_POOL_SIZE: int(10, 1, 200),
  /** HTTP bodies; an import may be larger. */
  BODY_LIMIT_BYTES: int(256 * 1024, 1024, 64 * 1024 * 1024),
  IMPORT_LIMIT_BYTES: int(20 * 1024 * 1024, 1024, 512 * 1024 * 1024),
  /** Events in one imported record (413 beyond): each is verified, stored and folded. */
  IMPORT_MAX_EVENTS: int(1_000_000, 1, 1_000_000),
  /** A socket whose unsent output passes this many bytes (a client that stopped reading) is dropped. */
  SOCKET_SEND_BUFFER_BYTES: int(8 * 1024 * 1024, 64 * 1024, 512 * 1024 * 1024),
  SOCKET_MAX_MESSAGE_BYTES: int(64 * 1024, 1024, 16 * 1024 * 1024),
  MOVES_PER_SECOND: int(10, 1, 10_000),
  MOVE_BURST: int(20, 1, 100_000),
  /** A snapshot of a game's state every N events, so loading a long game reads few events. */
  SNAPSHOT_EVERY: int(200, 10, 100_000),
  /** Moves of different games stored by one statement at most (group commit; 1: each alone). */
  APPEND_BATCH_MAX: int(MAX_BATCH, 1, MAX_BATCH),
  /** How far the JS heap may grow past what is live before a full collection (server/heapGrowth.ts; 0: V8's own). */
  HEAP_GROWING_PERCENT: int(100, 0, 1000),
  /** A game with no connected socket and no move for this long leaves memory. */
  IDLE_EVICT_SECONDS: int(900, 1, 86_400),
  /**
   * The operator's key (any string of 24 or more characters). Without it, the first start creates
   * one and prints its sign-in link once; `npm run keys -- operator` makes a new one.
   */
  OPERATOR_KEY: z.string().min(24, "must be at least 24 characters").max(200).optional(),
  /** A bearer that reads /metrics besides the operator's key (a scraper's). */
  METRICS_TOKEN: z.string().min(24, "must be at least 24 characters").max(200).optional(),
  /**
   * Behind a reverse proxy: whom to believe about a client's address (X-Forwarded-For), so that
   * per-address limits count students, not the proxy. "false" (default), "true" (any), a number
   * of hops, or a comma-separated list of addresses and CIDR ranges.
   */
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|\d{1,2}|[0-9a-fA-F.:/]+(,[0-9a-fA-F.:/]+)*)$/,
      'must be "true", "false", a hop count, or addresses',
    )
    .default("false")
    .transform((v): boolean | number | string[] =>
      v === "true" ? true : v === "false" ? false : /^\d+$/.test(v) ? Number(v) : v.split(","),
    ),
  /** The address students reach this server at (http://10.0.0.5:3000), for printed links. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Serve the built web client from this folder when it exists (by default the build's, whatever the working folder). */
  CLIENT_DIR: z.string().min(1).default(fromRoot("dist", "client")),
  ...timeoutConfig,
  ...limitsConfig,
  ...botConfig,
});

export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable (FOO=) means "not set", as in most shells' and compose files' habits.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export class ConfigError extends Error {}
