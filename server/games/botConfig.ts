import { z } from "zod";

/**
 * How bots are paced, and solo practice timed: merged into server/config.ts's configSchema. The
 * defaults are a person's pace at the table; tests make them small.
 */

const int = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

export const botConfig = {
  /**
   * A bot answers an event after a seeded delay between these two (ms), and never moves twice
   * within the first: people read before they answer, and a table of bots does not flood the feed.
   */
  BOT_DELAY_MIN_MS: int(3_000, 0, 600_000),
  BOT_DELAY_MAX_MS: int(8_000, 0, 600_000),
  /** With nothing happening, a bot looks again after this long: its concessions follow the clock. */
  BOT_IDLE_MS: int(20_000, 50, 3_600_000),
  /**
   * Moves one bot may make in any minute: two bots answering each other can never loop faster than
   * this, whatever their strategies do.
   */
  BOT_MOVES_PER_MINUTE: int(6, 1, 10_000),
  /**
   * A process holds each bot it plays on a lease of this many seconds, renewed at a third of it:
   * processes sharing a PostgreSQL database never play one bot twice, and one that dies hands its
   * bots over once its leases lapse.
   */
  BOT_LEASE_SECONDS: int(30, 1, 3_600),
  /** Solo practice games one address may start per hour. */
  PRACTICE_GAMES_PER_HOUR_PER_ADDRESS: int(20, 1, 1_000_000),
  /**
   * Every phase of a practice game this many seconds (tests); unset, each phase runs a third of the
   * default scenario's minutes (at least one).
   */
  PRACTICE_PHASE_SECONDS: z.coerce.number().int().min(1).max(3_600).optional(),
};

export type BotConfig = { [K in keyof typeof botConfig]: z.infer<(typeof botConfig)[K]> };
