import { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { canonicalJson } from "../../shared/canonical";
import {
  type Actor,
  createGame,
  decide,
  fold,
  type GameState,
  gameStateSchema,
  liveFold,
  type RecordedEvent,
  type RuleError,
  type Scenario,
} from "../../shared/index";
import { underRules } from "../../shared/rulesVersions";
import { isDatabaseUnavailable } from "../db/connect";
import {
  type GameHead,
  type GameStore,
  isForeignKeyViolation,
  isUniqueViolation,
  type NewToken,
} from "../db/gameStore";
import type { GroupCommit } from "./groupCommit";
import { eventHashOf } from "./hash";
import { FOLD_OFF_THREAD, foldOffThread } from "./offThread";

/**
 * The game service owns the live games of this process: it loads a game on first use (latest
 * snapshot plus later events), runs every move through the rules, stores the event (one round
 * trip) before anyone hears of it, and tells the gateway. PostgreSQL orders the events of a game:
 * a writer that loses the race for a sequence number catches up and decides again.
 */

export type LiveGame = {
  id: string;
  state: GameState;
  lastHash: string;
  status: GameHead["status"];
  lastActivity: number;
  /** Every action on one game runs in turn, in this chain. */
  queue: Promise<unknown>;
  snapshotSeq: number;
  /** Applies this game's events in place (shared/apply.ts `liveFold`). */
  fold: ReturnType<typeof liveFold>;
};

export type SubmitResult = { ok: true; seq: number } | { ok: false; error: RuleError };

export type ServiceEvents = {
  /** An event was stored (here or, after catching up, by another process). */
  event: [game: LiveGame, event: RecordedEvent];
};

/**
 * A move that loses the race for its seq to another process folds what that process stored and
 * is judged again. Each loss means another move was stored, so retrying cannot spin; but the
 * winner goes straight on with its next queued move while the loser first reads what it lost to,
 * so a loser can lose once for every move queued on the other side: 20 tries were too few for two
 * instances each with 50 moves queued on one game (tests/server/race.test.ts, "busy" about one run
 * in eight). A move is now refused as busy only after BUSY_AFTER_MS of losing, or after
 * MAX_IDLE_RETRIES losses in a row that folded nothing new (which no healthy database gives).
 */
const BUSY_AFTER_MS = 10_000;
const MAX_IDLE_RETRIES = 20;

/** The refusal while the database is out of reach (HTTP 503): nothing was stored; try again. */
const UNAVAILABLE: RuleError = {
  code: "unavailable",
  message: "the database is not answering; the move was not taken, try again shortly",
};

export class GameService extends EventEmitter<ServiceEvents> {
  private readonly games = new Map<string, LiveGame>();
  private readonly loading = new Map<string, Promise<LiveGame | null>>();
  private readonly timers = new Map<string, { at: number; timer: NodeJS.Timeout }>();
  private closed = false;
  /** Events this process stored, and races for a seq it lost (then caught up and decided again). */
  readonly stats = { appended: 0, conflicts: 0 };
  private inFlight = new Set<Promise<unknown>>();
  /**
   * Games whose last append failed with the database away: the write may have committed with its
   * answer lost, so the copy here folds what the database holds before deciding again.
   */
  private readonly unsure = new Set<string>();

  constructor(
    private readonly store: GameStore,
    private readonly log: Logger,
    private readonly options: { snapshotEvery: number; idleEvictMs: number },
    private readonly now: () => number = Date.now,
    /** On PostgreSQL: the NOTIFY payload that tells other processes of an appended event. */
    private readonly notice: ((gameId: string, seq: number) => string) | null = null,
    /** Moves of different games stored together (groupCommit.ts); null: each its own statement. */
    readonly group: GroupCommit | null = null,
  ) {
    super();
  }

  /** The game, loaded into memory if need be; null if it does not exist. */
  async get(gameId: string): Promise<LiveGame | null> {
    const live = this.games.get(gameId);
    if (live) return live;
    let pending = this.loading.get(gameId);
    if (!pending) {
      pending = this.load(gameId).finally(() => this.loading.delete(gameId));
      this.loading.set(gameId, pending);
    }
    return pending;
  }

  private async load(gameId: string): Promise<LiveGame | null> {
    const row = await this.store.game(gameId);
    if (!row) return null;
    const scenario = row.scenario as Scenario;
    const { rulesVersion } = row;
    let state: GameState = createGame(scenario, { seed: row.seed, rulesVersion });
    const snap = await this.store.latestSnapshot(gameId);
    if (snap) {
      // A snapshot is input like any other: checked before it is trusted, under the game's own rules
      // version (its scenario's text as that version kept it); the row says the version.
      const parsed = underRules(rulesVersion, () =>
        gameStateSchema.safeParse({ ...snap.state, scenario, rulesVersion }),
      );
      if (parsed.success) state = parsed.data;
      else this.log.warn({ gameId, seq: snap.seq }, "snapshot does not parse; folding the whole log");
    }
    // Every event after the snapshot (all pages), folded in linear time; a long log (an import
    // without a snapshot, an old game) on the worker thread, so no other game waits for it.
    const later = await this.store.eventsAfter(gameId, state.seq);
    state = later.length > FOLD_OFF_THREAD ? await foldOffThread(state, later) : fold(state, later);
    // With nothing after the snapshot (or no event yet), the head's hash is the chain's last link.
    const lastHash = later.at(-1)?.hash ?? row.lastHash;
    const game: LiveGame = {
      id: gameId,
      state,
      lastHash,
      status: row.status,
      lastActivity: this.now(),
      queue: Promise.resolve(),
      snapshotSeq: snap?.seq ?? 0,
      fold: liveFold(),
    };
    // Another load may have finished first (the gateway and a timer at once): keep one copy.
    const existing = this.games.get(gameId);
    if (existing) return existing;
    this.games.set(gameId, game);
    this.arm(game);
    return game;
  }

  /** Runs `fn` after every earlier action on this game has finished. */
  private enqueue<T>(game: LiveGame, fn: () => Promise<T>): Promise<T> {
    const run = game.queue.then(fn, fn);
    game.queue = run.catch(() => {});
    this.inFlight.add(run);
    run.finally(() => this.inFlight.delete(run)).catch(() => {});
    return run;
  }

  /** Runs `fn` on the game with no other action on it in between (a consistent read for a resume). */
  async exclusive<T>(gameId: string, fn: (game: LiveGame) => Promise<T>): Promise<T | null> {
    const game = await this.get(gameId);
    if (!game) return null;
    return this.enqueue(game, () => fn(game));
  }

  /** `token`: a join's, stored in the same statement as its event (neither without the other). */
  async submit(gameId: string, actor: Actor, move: unknown, token?: NewToken): Promise<SubmitResult> {
    try {
      return await this.submitOnce(gameId, actor, move, token);
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      this.log.warn({ err, gameId }, "move refused: the database is not answering");
      return { ok: false, error: UNAVAILABLE };
    }
  }

  private async submitOnce(gameId: string, actor: Actor, move: unknown, token?: NewToken): Promise<SubmitResult> {
    if (this.closed) return { ok: false, error: { code: "shutting_down", message: "the server is restarting" } };
    const game = await this.get(gameId);
    if (!game) return { ok: false, error: { code: "not_found", message: "no such game" } };
    if (game.status === "archived") {
      return { ok: false, error: { code: "archived", message: "an archived game is for replay only" } };
    }
    return this.enqueue(game, () => this.commit(game, actor, move, token));
  }

  private async commit(game: LiveGame, actor: Actor, move: unknown, token?: NewToken): Promise<SubmitResult> {
    if (this.unsure.has(game.id)) {
      await this.catchUp(game);
      this.unsure.delete(game.id);
    }
    const giveUpAt = performance.now() + BUSY_AFTER_MS;
    for (let idle = 0; idle < MAX_IDLE_RETRIES && performance.now() < giveUpAt; ) {
      const decision = decide(game.state, actor, move, Math.max(this.now(), game.state.at));
      if (!decision.ok) return decision;
      const seq = game.state.seq + 1;
      const e = decision.event;
      // Encoded once: hashed (the chain's canonical JSON) and stored as they are.
      const json = { actorJson: canonicalJson(e.actor), payloadJson: canonicalJson(e.payload) };
      const hash = eventHashOf(game.lastHash, { seq, at: e.at, type: e.type, ...json });
      const recorded: RecordedEvent = { seq, ...e, hash };
      // The head goes into the same statement as the event; the state moves only once it is stored.
      const head = game.fold.dryRun(game.state, recorded, headOf);
      try {
        if (this.group && !token) await this.group.append({ gameId: game.id, event: recorded, head, json });
        else await this.store.appendEvent(game.id, recorded, head, this.notice?.(game.id, seq) ?? null, token, json);
      } catch (err) {
        if (isUniqueViolation(err)) {
          // Another process wrote this seq first: fold what it wrote, then judge the move again.
          this.stats.conflicts++;
          const before = game.state.seq;
          await this.catchUp(game);
          idle = game.state.seq > before ? 0 : idle + 1;
          continue;
        }
        if (isDatabaseUnavailable(err)) this.unsure.add(game.id);
        if (isForeignKeyViolation(err)) {
          this.forget(game.id);
          return { ok: false, error: { code: "not_found", message: "the game has been deleted" } };
        }
        throw err;
      }
      this.stats.appended++;
      this.advance(game, recorded, game.fold.apply(game.state, recorded), head.status);
      return { ok: true, seq };
    }
    return { ok: false, error: { code: "busy", message: "the game is too busy; try again" } };
  }

  private advance(game: LiveGame, e: RecordedEvent, next: GameState, status: GameHead["status"]) {
    game.state = next;
    game.lastHash = e.hash;
    game.status = status;
    game.lastActivity = this.now();
    this.emit("event", game, e);
    this.arm(game);
    // Every SNAPSHOT_EVERY events, then each time the game has grown by half: a snapshot's cost
    // grows with the game (20 MB of JSON at 80,000 moves, which PostgreSQL parses and compresses),
    // so a fixed interval made a long game's moves dearer as it went; this way it is a constant
    // share of each move, and a load folds at most a third of the game (on the worker thread).
    const every = Math.max(this.options.snapshotEvery, Math.floor(game.snapshotSeq / 2));
    if (next.seq - game.snapshotSeq >= every) {
      game.snapshotSeq = next.seq;
      // Off the move's path: a snapshot only shortens the next load.
      this.store
        .saveSnapshot(game.id, next.seq, next)
        .catch((err) => this.log.warn({ err, gameId: game.id }, "snapshot failed"));
    }
  }

  /** Folds the events another process stored since this copy's last one. */
  private async catchUp(game: LiveGame): Promise<void> {
    const later = await this.store.eventsAfter(game.id, game.state.seq);
    for (const e of later) {
      if (e.seq !== game.state.seq + 1) break;
      const next = game.fold.apply(game.state, e);
      this.advance(game, e, next, headOf(next).status);
    }
  }

  /**
   * The notice listener is back after a lost connection: any game held here may have missed
   * events stored meanwhile (their notices went to nobody), so each folds what the database holds.
   */
  catchUpAll(): void {
    for (const game of this.games.values()) {
      this.enqueue(game, () => this.catchUp(game)).catch((err) => {
        // Its next move folds what it missed first.
        this.unsure.add(game.id);
        this.log.warn({ err, gameId: game.id }, "catch-up after reconnecting failed");
      });
    }
  }

  /** Another process stored an event of this game: catch up if the game is held here. */
  notifyRemote(gameId: string, seq: number): void {
    const game = this.games.get(gameId);
    if (!game || seq <= game.state.seq) return;
    this.enqueue(game, () => this.catchUp(game)).catch((err) => this.log.warn({ err, gameId }, "catch-up failed"));
  }

  forget(gameId: string): void {
    this.games.delete(gameId);
    const t = this.timers.get(gameId);
    if (t) clearTimeout(t.timer);
    this.timers.delete(gameId);
  }

  // Deadlines: stored with the game's head, armed here, fired through the rules (exactly once:
  // a second firing is refused as not due, whichever process tries it).

  private arm(game: LiveGame): void {
    const endsAt = game.status === "live" ? game.state.clock.endsAt : null;
    this.armAt(game.id, endsAt);
  }

  armAt(gameId: string, endsAt: number | null): void {
    const current = this.timers.get(gameId);
    if (current && current.at === endsAt) return;
    if (current) clearTimeout(current.timer);
    this.timers.delete(gameId);
    if (endsAt === null || this.closed) return;
    const delay = Math.max(0, Math.min(endsAt - this.now(), 2 ** 31 - 1));
    const timer = setTimeout(() => {
      this.timers.delete(gameId);
      this.fireDeadline(gameId).catch((err) => this.log.error({ err, gameId }, "deadline failed"));
    }, delay);
    timer.unref?.();
    this.timers.set(gameId, { at: endsAt, timer });
  }

  private async fireDeadline(gameId: string): Promise<void> {
    const result = await this.submit(gameId, { system: true }, { type: "deadline" });
    if (
      !result.ok &&
      result.error.code !== "not_due" &&
      result.error.code !== "paused" &&
      result.error.code !== "game_over"
    ) {
      this.log.warn({ gameId, code: result.error.code }, "deadline refused");
    }
    if (!result.ok && result.error.code === "not_due") {
      // The clock moved (an extension elsewhere): arm for the new deadline.
      const game = await this.get(gameId);
      if (game) this.arm(game);
    }
  }

  /** Arms the deadlines of every live game with a running clock (start-up). Passed ones fire now. */
  async armAll(): Promise<number> {
    const live = await this.store.liveDeadlines();
    for (const { id, deadlineAt } of live) this.armAt(id, deadlineAt);
    return live.length;
  }

  /** Drops idle games that nobody watches from memory (their deadlines stay armed). */
  evictIdle(isWatched: (gameId: string) => boolean): number {
    let n = 0;
    const cutoff = this.now() - this.options.idleEvictMs;
    for (const [id, game] of this.games) {
      if (game.lastActivity < cutoff && !isWatched(id) && !this.loading.has(id)) {
        this.games.delete(id);
        n++;
      }
    }
    return n;
  }

  loaded(gameId: string): LiveGame | undefined {
    return this.games.get(gameId);
  }

  /** Stops taking moves and waits for the ones in flight to be stored. */
  async close(): Promise<void> {
    this.closed = true;
    for (const { timer } of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled([...this.inFlight]);
  }
}

export function headOf(state: GameState): GameHead {
  return {
    status: state.outcome ? "over" : "live",
    deadlineAt: state.outcome ? null : state.clock.endsAt,
    phaseId: state.scenario.phases[state.phaseIndex]!.id,
    outcome: state.outcome,
  };
}
