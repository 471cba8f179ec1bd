import type { Logger } from "pino";
import { type BotMemory, botMemorySchema, botTurn, newBotMemory } from "../../shared/bots/index";
import { type BotStrategy, botStrategySchema } from "../../shared/bots/strategy";
import { botName } from "../../shared/contract/bots";
import { type RecordedEvent, viewFor } from "../../shared/index";
import { nextRandom, seedState } from "../../shared/rng";
import { newId } from "../auth/secrets";
import type { BotSeat, BotStore, LeasedBot } from "../db/botStore";
import { Buckets } from "../limits/buckets";
import type { BotConfig } from "./botConfig";
import type { GameService, LiveGame } from "./service";

/**
 * Plays the bot seats of this process's games. After each stored event of a game with bots, each
 * bot looks at its seat's view (`viewFor(state, seat)`, and nothing else) after a seeded, human
 * delay, and its move goes through `GameService.submit` as `{ seat }`: judged, stored, acknowledged
 * and broadcast like a person's. With nothing happening a bot looks again every BOT_IDLE_MS (its
 * concessions follow the clock). A bot never moves twice within BOT_DELAY_MIN_MS, nor more than
 * BOT_MOVES_PER_MINUTE times in a minute, so two bots answering each other cannot loop.
 *
 * Bots are stored (bot_seats), each with what it remembers after a move, and played by lease: a
 * process plays only the bots it holds, renews its leases every third of BOT_LEASE_SECONDS, takes
 * the lapsed and free ones (so bots come back when the server starts, and a dead process's bots
 * move to another), and gives its own back when it stops. Several processes on one PostgreSQL
 * database thus never play one bot twice. A person who joins a bot's seat later takes it over: the
 * bot leaves (its row goes; the record keeps both joins).
 */

type Bot = BotSeat & {
  strategy: BotStrategy;
  name: string;
  /** The delays' generator state, seeded by game and seat: a replayed test paces alike. */
  rng: number;
  /** What the bot remembers between turns (shared/bots): its own generator, pace and chat. */
  memory: BotMemory;
  /** When the bot asked to look again (its own pace), or null: after the next event. */
  wakeAt: number | null;
  timer: NodeJS.Timeout | null;
  /** When the armed timer fires (ms), or null. */
  due: number | null;
  lastMoveAt: number;
  busy: boolean;
  /** An event arrived while the bot was thinking: look again once done. */
  again: boolean;
};

/** What plays a bot's turn: shared/bots' `botTurn`, given the seat's view alone. */
export type BotTurnFn = typeof botTurn;

export type BotPacing = Pick<
  BotConfig,
  "BOT_DELAY_MIN_MS" | "BOT_DELAY_MAX_MS" | "BOT_IDLE_MS" | "BOT_MOVES_PER_MINUTE" | "BOT_LEASE_SECONDS"
>;

export class BotRunner {
  /** gameId → seatId → its bot */
  private readonly games = new Map<string, Map<string, Bot>>();
  private readonly thinking = new Set<Promise<void>>();
  private readonly budget: Buckets;
  private closed = false;
  private renewing: NodeJS.Timeout | null = null;
  /** This process, as the bots' leases name it. */
  readonly id = newId("p");
  private readonly leaseMs: number;
  /** Bot moves submitted and refused by the rules, since start (the metrics and tests read them). */
  readonly stats = { moves: 0, refused: 0 };

  constructor(
    private readonly service: GameService,
    private readonly store: BotStore,
    private readonly log: Logger,
    private readonly pacing: BotPacing,
    /** The bots' turn (shared/bots): a test passes one that also records what each bot was shown. */
    private readonly turn: BotTurnFn = botTurn,
    private readonly now: () => number = Date.now,
  ) {
    this.budget = Buckets.per(pacing.BOT_MOVES_PER_MINUTE, 60_000, now);
    this.leaseMs = pacing.BOT_LEASE_SECONDS * 1000;
    service.on("event", this.onEvent);
  }

  /** Start-up: the bots of live games this process may play back in their seats, then renewals. */
  async armAll(): Promise<number> {
    const n = await this.renew();
    this.renewing = setInterval(
      () => {
        this.renew().catch(() => {});
      },
      Math.max(200, Math.round(this.leaseMs / 3)),
    );
    this.renewing.unref();
    return n;
  }

  /**
   * Renews this process's leases and takes the free ones: bots it now holds are seated, bots it
   * no longer holds (a lease lapsed and another process took it, a game ended) stop here.
   */
  private async renew(): Promise<number> {
    if (this.closed) return 0;
    let held: LeasedBot[];
    try {
      held = await this.store.lease(this.id, this.leaseMs);
    } catch (err) {
      // Unable to say the leases still hold: stop the bots rather than risk two processes playing one.
      this.log.warn({ err }, "bot leases not renewed; bots wait for the next renewal");
      for (const id of [...this.games.keys()]) this.drop(id);
      return 0;
    }
    const keys = new Set(held.map((b) => `${b.gameId}\u0000${b.seatId}`));
    for (const [gameId, bots] of this.games) {
      for (const bot of [...bots.values()]) {
        if (!keys.has(`${gameId}\u0000${bot.seatId}`)) {
          this.stop(bot);
          bots.delete(bot.seatId);
        }
      }
      if (bots.size === 0) this.games.delete(gameId);
    }
    let n = 0;
    for (const b of held) if (this.seat(b, b.memory)) n++;
    return n;
  }

  /** Claims an empty seat for a bot, leased to this process: false if a bot plays it already. */
  claim(b: BotSeat): Promise<boolean> {
    return this.store.claim(b, this.id, this.leaseMs);
  }

  /** Gives up a claim whose join the record refused. */
  unclaim(b: BotSeat): Promise<void> {
    return this.store.release(b.gameId, b.seatId);
  }

  /**
   * A bot now plays this seat (its `seatJoined` is stored, its lease this process's): it looks at
   * the game shortly. `memory`: what it remembered when stored, if anything.
   */
  seat(row: BotSeat, memory: unknown = null): boolean {
    const strategy = botStrategySchema.safeParse(row.strategy);
    if (!strategy.success || this.closed) {
      if (!strategy.success)
        this.log.warn({ gameId: row.gameId, seat: row.seatId }, "bot of an unknown strategy left out");
      return false;
    }
    let bots = this.games.get(row.gameId);
    if (!bots) {
      bots = new Map();
      this.games.set(row.gameId, bots);
    }
    const existing = bots.get(row.seatId);
    if (existing) return true;
    const bot: Bot = {
      ...row,
      strategy: strategy.data,
      name: botName(strategy.data),
      rng: seedState(`pace:${row.gameId}:${row.seatId}`),
      memory: remembered(memory) ?? newBotMemory(`${row.gameId}:${row.seatId}`),
      wakeAt: null,
      timer: null,
      due: null,
      lastMoveAt: Number.NEGATIVE_INFINITY,
      busy: false,
      again: false,
    };
    bots.set(row.seatId, bot);
    this.schedule(bot, this.delay(bot));
    return true;
  }

  /** The bots of a game in this process (seat → strategy). */
  botsOf(gameId: string): { seat: string; strategy: BotStrategy }[] {
    return [...(this.games.get(gameId)?.values() ?? [])].map((b) => ({ seat: b.seatId, strategy: b.strategy }));
  }

  private readonly onEvent = (game: LiveGame, e: RecordedEvent): void => {
    const bots = this.games.get(game.id);
    if (!bots) return;
    if (game.state.outcome) {
      this.drop(game.id);
      return;
    }
    for (const bot of bots.values()) {
      // A person on the bot's seat takes it over.
      if (e.type === "seatJoined" && e.payload.seat === bot.seatId && e.payload.name !== bot.name) {
        this.retire(bot, "a person joined the seat");
        continue;
      }
      // Its own move changes nothing it needs to answer at once; the idle look follows it.
      if ("seat" in e.actor && e.actor.seat === bot.seatId) continue;
      if (bot.busy) bot.again = true;
      else this.schedule(bot, this.delay(bot));
    }
  };

  /** A seeded delay in [BOT_DELAY_MIN_MS, BOT_DELAY_MAX_MS]. */
  private delay(bot: Bot): number {
    const { state, value } = nextRandom(bot.rng);
    bot.rng = state;
    const { BOT_DELAY_MIN_MS: min, BOT_DELAY_MAX_MS: max } = this.pacing;
    return Math.round(min + value * Math.max(0, max - min));
  }

  /** Looks at the game after `ms` (not before BOT_DELAY_MIN_MS since its last move); an earlier look stays. */
  private schedule(bot: Bot, ms: number): void {
    if (this.closed) return;
    const at = Math.max(this.now() + ms, bot.lastMoveAt + this.pacing.BOT_DELAY_MIN_MS);
    if (bot.timer && bot.due !== null && bot.due <= at) return;
    if (bot.timer) clearTimeout(bot.timer);
    bot.due = at;
    bot.timer = setTimeout(
      () => {
        bot.timer = null;
        bot.due = null;
        const run = this.think(bot).catch((err) =>
          this.log.error({ err, gameId: bot.gameId, seat: bot.seatId }, "bot failed"),
        );
        this.thinking.add(run);
        run.finally(() => this.thinking.delete(run));
      },
      Math.max(0, at - this.now()),
    );
    bot.timer.unref?.();
  }

  private async think(bot: Bot): Promise<void> {
    if (this.closed || this.games.get(bot.gameId)?.get(bot.seatId) !== bot) return;
    bot.busy = true;
    bot.again = false;
    try {
      const game = await this.service.get(bot.gameId);
      if (game?.status !== "live" || game.state.outcome) {
        this.drop(bot.gameId);
        return;
      }
      const { clock } = game.state;
      // A clock not started or paused: nothing is open to players; the resume is an event.
      // Only a seat its join is recorded on (the route stores it just after the claim).
      if (!(game.state.seats[bot.seatId] ?? []).includes(bot.name)) {
        bot.wakeAt = null;
        return;
      }
      if (!clock.started || clock.paused) {
        bot.wakeAt = null;
        return;
      }
      // The seat's own view, and nothing else: what a person on this seat would be shown.
      const turn = this.turn(bot.strategy, viewFor(game.state, bot.seatId), this.now(), bot.memory);
      const { move } = turn;
      if (move) {
        const wait = this.budget.take(`${bot.gameId}\u0000${bot.seatId}`);
        if (wait > 0) {
          // Not sent: the bot's memory stays as it was, and it looks again once it may move.
          this.log.info({ gameId: bot.gameId, seat: bot.seatId, wait }, "bot at its moves-per-minute cap");
          bot.wakeAt = this.now() + wait;
          return;
        }
        bot.lastMoveAt = this.now();
      }
      bot.memory = turn.memory;
      bot.wakeAt = turn.wakeAt;
      if (move) {
        this.store
          .remember(bot, this.id, bot.memory)
          .catch((err) => this.log.warn({ err, gameId: bot.gameId }, "bot memory not saved"));
        const result = await this.service.submit(bot.gameId, { seat: bot.seatId }, move);
        if (result.ok) this.stats.moves++;
        else {
          this.stats.refused++;
          // The state moved on between its look and its move (a proposal withdrawn, a phase ended).
          this.log.info(
            { gameId: bot.gameId, seat: bot.seatId, move: move.type, code: result.error.code },
            "bot move refused",
          );
        }
      }
    } finally {
      bot.busy = false;
      if (!this.closed && this.games.get(bot.gameId)?.get(bot.seatId) === bot) {
        // Its own next look (its pace), at the latest after BOT_IDLE_MS; sooner if an event came meanwhile.
        // Never sooner than BOT_DELAY_MIN_MS (50 ms at the least): a bot does not spin.
        const floor = Math.max(50, this.pacing.BOT_DELAY_MIN_MS);
        const own = bot.wakeAt === null ? this.pacing.BOT_IDLE_MS : Math.max(floor, bot.wakeAt - this.now());
        this.schedule(bot, bot.again ? Math.max(this.delay(bot), own) : Math.min(own, this.pacing.BOT_IDLE_MS));
      }
    }
  }

  /** The game is over (or gone): its bots stop. Their rows stay with the game, for the record's sake. */
  private drop(gameId: string): void {
    for (const bot of this.games.get(gameId)?.values() ?? []) this.stop(bot);
    this.games.delete(gameId);
  }

  private retire(bot: Bot, why: string): void {
    this.stop(bot);
    this.games.get(bot.gameId)?.delete(bot.seatId);
    this.log.info({ gameId: bot.gameId, seat: bot.seatId, why }, "bot left its seat");
    this.store.release(bot.gameId, bot.seatId).catch((err) => this.log.warn({ err }, "bot seat not released"));
  }

  private stop(bot: Bot): void {
    if (bot.timer) clearTimeout(bot.timer);
    bot.timer = null;
    bot.due = null;
  }

  /** Stops every bot and waits for moves in flight (before the service closes, so they are stored). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.renewing) clearInterval(this.renewing);
    this.service.off("event", this.onEvent);
    for (const id of [...this.games.keys()]) this.drop(id);
    await Promise.allSettled([...this.thinking]);
    await this.store.giveBack(this.id).catch((err) => this.log.warn({ err }, "bot leases not given back"));
  }
}

/** A stored memory, if it still reads as one (a newer or damaged row starts the bot afresh). */
function remembered(memory: unknown): BotMemory | null {
  if (memory === null || memory === undefined) return null;
  const parsed = botMemorySchema.safeParse(memory);
  return parsed.success ? parsed.data : null;
}
