import { z } from "zod";

/**
 * How much one seat, token, code, key or address may ask of the server. To merge into
 * server/config.ts's configSchema. The defaults are a classroom's: a teacher creating a few tables
 * in a minute, thirty students joining from one school's address in a few seconds, a team sharing
 * a role, all pass; a script that floods is refused with 429 (HTTP) or `rate_limited` (socket).
 * Limits are kept in each server process's memory: several processes each keep their own, and a
 * restart starts them afresh.
 */

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

export const limitsConfig = {
  /** Sockets one token may hold open at once (each tab of a browser is one); the next is refused. */
  SOCKETS_PER_TOKEN: int(8, 1, 10_000),
  /**
   * `resume`s per token (all its sockets together): bursts of RESUME_BURST, refilled at this rate.
   * The web client resumes after a drop, a phase change, an inject and a stale move.
   */
  RESUMES_PER_MINUTE: int(30, 1, 1_000_000),
  RESUME_BURST: int(10, 1, 1_000_000),
  /** A resume reads the log this many events at a time, so other games' moves pass between pages. */
  RESUME_PAGE_EVENTS: int(500, 10, 100_000),
  /** Resume pages read from the database at once in this process (the rest wait their turn). */
  RESUME_READS_AT_ONCE: int(2, 1, 1000),
  /** Joins with one code (a seat's or the observers'), and from one address, per minute. */
  JOINS_PER_MINUTE_PER_CODE: int(30, 1, 1_000_000),
  JOINS_PER_MINUTE_PER_ADDRESS: int(120, 1, 1_000_000),
  /**
   * Joins with a code that opens no seat (guesses, and students' typos), per address and from
   * every address together, per minute. The second bounds how fast the whole internet can guess:
   * docs/join-codes.md works out the years it would take.
   */
  JOIN_FAILURES_PER_MINUTE_PER_ADDRESS: int(60, 1, 1_000_000),
  JOIN_FAILURES_PER_MINUTE: int(1000, 1, 100_000_000),
  /** Different names recorded on one seat; a new name past this is refused with 409 `seat_full`. */
  NAMES_PER_SEAT: int(12, 1, 10_000),
  /** Games created or forked per key (or token), per minute and per day. */
  GAMES_PER_MINUTE_PER_KEY: int(30, 1, 1_000_000),
  GAMES_PER_DAY_PER_KEY: int(500, 1, 10_000_000),
  /** Scenario uploads (dry runs and the lab's checks included) per key, per minute and per day. */
  UPLOADS_PER_MINUTE_PER_KEY: int(30, 1, 1_000_000),
  UPLOADS_PER_DAY_PER_KEY: int(500, 1, 10_000_000),
  /** Imports of a record (up to IMPORT_LIMIT_BYTES each, every event re-judged) per key. */
  IMPORTS_PER_MINUTE_PER_KEY: int(10, 1, 1_000_000),
  IMPORTS_PER_DAY_PER_KEY: int(100, 1, 10_000_000),
  /** Game creations, forks, uploads and imports from one address together, per minute. */
  WRITES_PER_MINUTE_PER_ADDRESS: int(120, 1, 1_000_000),
};

export type LimitsConfig = { [K in keyof typeof limitsConfig]: z.infer<(typeof limitsConfig)[K]> };
