import { and, eq, sql } from "drizzle-orm";
import { type BotStrategy, botStrategySchema } from "../../shared/bots/strategy";
import type { Database } from "./connect";
import { botSeats } from "./schema";

/** A seat a bot plays, and with which strategy (shared/bots). */
export type BotSeat = { gameId: string; seatId: string; strategy: string };
/** A bot a process holds the lease on, with what it remembered (null: a new bot, or none saved). */
export type LeasedBot = BotSeat & { memory: unknown };

/**
 * The bot seats of every game, and which process plays each. A process plays only the bots it
 * holds a lease on and renews it while it runs; a process that stops gives its leases back, and one
 * that dies lets them lapse, so another process takes its bots over: on a PostgreSQL database
 * shared by several processes, each bot moves from one of them.
 */
export class BotStore {
  constructor(private readonly db: Database) {}

  /**
   * Claims the seat for a bot, leased to `runner`: false if a bot holds it already. The primary key
   * decides, so two requests for one seat at once put one bot there.
   */
  async claim(b: BotSeat, runner: string, leaseMs: number): Promise<boolean> {
    const rows = await this.db.orm
      .insert(botSeats)
      .values({ ...b, runner, leasedUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
      .onConflictDoNothing()
      .returning({ seatId: botSeats.seatId });
    return rows.length > 0;
  }

  /** The seats bots play in one game, with their strategies (the facilitator's presence shows them). */
  async ofGame(gameId: string): Promise<Map<string, BotStrategy>> {
    const rows = await this.db.orm
      .select({ seatId: botSeats.seatId, strategy: botSeats.strategy })
      .from(botSeats)
      .where(eq(botSeats.gameId, gameId));
    // Stored only after the route parsed it; a strategy this build does not know is left out.
    return new Map(
      rows.flatMap((r) => {
        const strategy = botStrategySchema.safeParse(r.strategy);
        return strategy.success ? [[r.seatId, strategy.data] as const] : [];
      }),
    );
  }

  async release(gameId: string, seatId: string): Promise<void> {
    await this.db.orm.delete(botSeats).where(and(eq(botSeats.gameId, gameId), eq(botSeats.seatId, seatId)));
  }

  /**
   * Renews `runner`'s leases and takes the lapsed or free ones, of live games only (an ended game's
   * bots have nothing left to do); answers every bot `runner` now holds. One statement: two
   * processes renewing at once never both take one bot.
   */
  async lease(runner: string, leaseMs: number): Promise<LeasedBot[]> {
    const { rows } = await this.db.query(
      `UPDATE bot_seats b SET runner = $1, leased_until = now() + ($2 || ' milliseconds')::interval
         FROM games g
        WHERE g.id = b.game_id AND g.status = 'live'
          AND (b.runner = $1 OR b.runner IS NULL OR b.leased_until IS NULL OR b.leased_until < now())
        RETURNING b.game_id, b.seat_id, b.strategy, b.memory`,
      [runner, String(leaseMs)],
      "summitry_bot_lease",
    );
    return (rows as { game_id: string; seat_id: string; strategy: string; memory: unknown }[]).map((r) => ({
      gameId: r.game_id,
      seatId: r.seat_id,
      strategy: r.strategy,
      memory: r.memory,
    }));
  }

  /** A stopping process gives its bots back, so another takes them over at once. */
  async giveBack(runner: string): Promise<void> {
    await this.db.orm.update(botSeats).set({ runner: null, leasedUntil: null }).where(eq(botSeats.runner, runner));
  }

  /** What a bot remembers after a move (only while `runner` holds it: a lapsed lease writes nothing). */
  async remember(b: BotSeat, runner: string, memory: unknown): Promise<void> {
    await this.db.orm
      .update(botSeats)
      .set({ memory })
      .where(and(eq(botSeats.gameId, b.gameId), eq(botSeats.seatId, b.seatId), eq(botSeats.runner, runner)));
  }
}
