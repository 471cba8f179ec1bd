import { and, eq } from "drizzle-orm";
import type { Database } from "./connect";
import { botSeats, games } from "./schema";

/** A seat a bot plays, and with which strategy (shared/bots). */
export type BotSeat = { gameId: string; seatId: string; strategy: string };

/** The bot seats of every game: what the bot runner re-arms after a restart. */
export class BotStore {
  constructor(private readonly db: Database) {}

  /**
   * Claims the seat for a bot: false if a bot holds it already. The primary key decides, so two
   * requests for one seat at once put one bot there.
   */
  async claim(b: BotSeat): Promise<boolean> {
    const rows = await this.db.orm
      .insert(botSeats)
      .values(b)
      .onConflictDoNothing()
      .returning({ seatId: botSeats.seatId });
    return rows.length > 0;
  }

  async release(gameId: string, seatId: string): Promise<void> {
    await this.db.orm.delete(botSeats).where(and(eq(botSeats.gameId, gameId), eq(botSeats.seatId, seatId)));
  }

  async ofGame(gameId: string): Promise<BotSeat[]> {
    return this.db.orm
      .select({ gameId: botSeats.gameId, seatId: botSeats.seatId, strategy: botSeats.strategy })
      .from(botSeats)
      .where(eq(botSeats.gameId, gameId))
      .orderBy(botSeats.seatId);
  }

  /** The bot seats of the games still live: an ended game's bots have nothing left to do. */
  async live(): Promise<BotSeat[]> {
    return this.db.orm
      .select({ gameId: botSeats.gameId, seatId: botSeats.seatId, strategy: botSeats.strategy })
      .from(botSeats)
      .innerJoin(games, eq(games.id, botSeats.gameId))
      .where(eq(games.status, "live"))
      .orderBy(botSeats.gameId, botSeats.seatId);
  }
}
