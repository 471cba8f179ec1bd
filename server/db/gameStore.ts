import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { GameState, Outcome, RecordedEvent, Scenario } from "../../shared/index";
import type { Database } from "./connect";
import { KeyStore } from "./keyStore";
import { classes, events, games, seats, snapshots, tokens } from "./schema";

/**
 * Every read and write of games, seats, tokens and events. The move path (`appendEvent`) is one
 * statement: the event row and the game's head (last seq and hash, status, deadline) together.
 */

export type GameHead = {
  status: "live" | "over" | "archived";
  deadlineAt: number | null;
  phaseId: string;
  outcome: Outcome | null;
};

export type GameRow = typeof games.$inferSelect;

/** Events per read when a caller wants them all: one page is a bounded slice of memory and of work. */
export const EVENT_PAGE = 1_000;

/**
 * A turn of the event loop. The embedded database answers through promises alone (it runs in this
 * thread), so a loop of awaited statements never lets timers or sockets in: slices of a long job
 * yield here between them.
 */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Events per insert statement: a bounded slice of work (the embedded database runs on the main thread). */
const INSERT_SLICE = 250;
/** Beyond this many events, an import's events are inserted slice by slice, each committed alone. */
const ONE_TRANSACTION_EVENTS = 2_000;

function gameRow(g: NewGame, last: RecordedEvent | undefined) {
  return {
    id: g.id,
    scenario: g.scenario,
    scenarioId: g.scenario.id,
    scenarioVersion: g.scenario.version,
    seed: g.seed,
    rulesVersion: g.rulesVersion,
    title: g.title,
    facilitatorId: g.facilitatorId,
    status: g.head.status,
    lastSeq: last?.seq ?? 0,
    lastHash: last?.hash ?? g.genesis,
    deadlineAt: g.head.deadlineAt,
    phaseId: g.head.phaseId,
    outcome: g.head.outcome,
    forkedFrom: g.forkedFrom ?? null,
    forkedAtSeq: g.forkedAtSeq ?? null,
    classId: g.classId ?? null,
    label: g.label ?? null,
  };
}

/** A game's row, its seats and its facilitator token, and its events (a fork's or an import's), in `tx`. */
async function insertIn(tx: Tx, g: NewGame): Promise<void> {
  await tx.insert(games).values(gameRow(g, g.events?.at(-1)));
  if (g.seats.length > 0) await tx.insert(seats).values(g.seats.map((s) => ({ gameId: g.id, ...s })));
  await tx.insert(tokens).values({ tokenHash: g.facilitatorTokenHash, gameId: g.id, seatId: "facilitator" });
  // Slices stay under the 65,535 bind parameters of one statement.
  const rows = (g.events ?? []).map((e) => ({ gameId: g.id, ...e }));
  for (let i = 0; i < rows.length; i += INSERT_SLICE) await tx.insert(events).values(rows.slice(i, i + INSERT_SLICE));
}

/** A jsonb document that should hold an object (a snapshot's state): its shape is its reader's to check. */
const storedObject = z.record(z.string(), z.unknown());

/** The channel on which server processes tell each other of new events. */
export const EVENTS_CHANNEL = "summitry_events";

const APPEND_CTE = `
  WITH ins AS (
    INSERT INTO events (game_id, seq, at, actor, type, payload, hash)
    VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING seq
  ), upd AS (
    UPDATE games SET last_seq = (SELECT seq FROM ins), last_hash = $7, status = $8,
      deadline_at = $9, phase_id = $10, outcome = $11
    WHERE id = $1 RETURNING id
  )`;
const APPEND = `${APPEND_CTE} SELECT id FROM upd`;
const APPEND_AND_NOTIFY = `${APPEND_CTE} SELECT pg_notify('${EVENTS_CHANNEL}', $12) FROM upd`;
// A join: its seatJoined event and its token in the same statement, so neither exists without the other.
const TOKEN_CTE = `, tok AS (
    INSERT INTO tokens (token_hash, game_id, seat_id, name) SELECT $12, $1, $13, $14 FROM upd RETURNING token_hash
  )`;
const APPEND_WITH_TOKEN = `${APPEND_CTE}${TOKEN_CTE} SELECT id FROM upd`;
const APPEND_WITH_TOKEN_AND_NOTIFY = `${APPEND_CTE}${TOKEN_CTE} SELECT pg_notify('${EVENTS_CHANNEL}', $15) FROM upd`;

/** A token to store with an event (a join's). */
export type NewToken = { tokenHash: string; seatId: string; name: string | null };
export type NewGame = {
  id: string;
  scenario: Scenario;
  seed: string;
  /** The rules version the game is played under (shared/rulesVersions.ts). */
  rulesVersion: number;
  title: string;
  facilitatorId: string | null;
  forkedFrom?: string | null;
  forkedAtSeq?: number | null;
  genesis: string;
  head: GameHead;
  seats: { seatId: string; codeHash: string }[];
  facilitatorTokenHash: string;
  /** Events the game starts with (a fork or an import), already hashed. */
  events?: RecordedEvent[];
  /** A table of a class (insertClass): the class's id and the table's label. */
  classId?: string | null;
  label?: string | null;
};

/** A class's own row (POST /api/classes); its games are inserted with it. */
export type NewClass = typeof classes.$inferInsert;
export type ClassRow = typeof classes.$inferSelect;
type Tx = Parameters<Parameters<Database["orm"]["transaction"]>[0]>[0];

export class GameStore {
  /** Facilitator keys and invites, beside the games they own. */
  readonly keys: KeyStore;

  constructor(readonly db: Database) {
    this.keys = new KeyStore(db);
  }

  async insertGame(g: NewGame): Promise<void> {
    // Only an archive (an import) takes the sliced path: it has no clock to arm and takes no move.
    if (g.head.status === "archived" && (g.events?.length ?? 0) > ONE_TRANSACTION_EVENTS) return this.insertLongGame(g);
    await this.db.orm.transaction((tx) => insertIn(tx, g));
  }

  /**
   * A class and all its tables in one transaction: a table refused (a code that collides, the
   * database gone) leaves no class and no game, never two tables of three.
   */
  async insertClass(c: NewClass, tables: NewGame[]): Promise<void> {
    await this.db.orm.transaction(async (tx) => {
      await tx.insert(classes).values(c);
      for (const g of tables) await insertIn(tx, { ...g, classId: c.id });
    });
  }

  async classesOf(facilitatorId: string): Promise<ClassRow[]> {
    return this.db.orm
      .select()
      .from(classes)
      .where(eq(classes.facilitatorId, facilitatorId))
      .orderBy(desc(classes.createdAt), desc(classes.id));
  }

  async classById(classId: string): Promise<ClassRow | null> {
    const [row] = await this.db.orm.select().from(classes).where(eq(classes.id, classId));
    return row ?? null;
  }

  /** The games of these classes, in the order they were created (table A first). */
  async gamesOfClasses(classIds: string[]): Promise<GameRow[]> {
    if (classIds.length === 0) return [];
    return this.db.orm.select().from(games).where(inArray(games.classId, classIds)).orderBy(games.createdAt, games.id);
  }

  /**
   * A long imported log, in slices that each commit alone: one transaction around them all would
   * hold the embedded database's only connection (every other game's moves, /health) for the whole
   * insert, seconds for 40,000 events. Until the last step the game has no owner, no token and no
   * seats, so nobody can reach it or see it listed; the last step, one transaction, moves its head
   * to the last event and hands it over. An import cut short leaves only an unreachable row and
   * its events, never a game that holds part of its record.
   */
  private async insertLongGame(g: NewGame): Promise<void> {
    const all = g.events!;
    const last = all.at(-1)!;
    await this.db.orm.insert(games).values({ ...gameRow(g, undefined), facilitatorId: null });
    for (let i = 0; i < all.length; i += INSERT_SLICE) {
      await this.db.orm.insert(events).values(all.slice(i, i + INSERT_SLICE).map((e) => ({ gameId: g.id, ...e })));
      await turn();
    }
    await this.db.orm.transaction(async (tx) => {
      await tx
        .update(games)
        .set({ facilitatorId: g.facilitatorId, lastSeq: last.seq, lastHash: last.hash })
        .where(eq(games.id, g.id));
      if (g.seats.length > 0) await tx.insert(seats).values(g.seats.map((s) => ({ gameId: g.id, ...s })));
      await tx.insert(tokens).values({ tokenHash: g.facilitatorTokenHash, gameId: g.id, seatId: "facilitator" });
    });
  }

  /**
   * Appends one event and moves the game's head, in one statement and one round trip. A writer
   * that lost the race for this seq gets a unique violation (23505) and nothing is written.
   * On PostgreSQL the same statement tells the other server processes (NOTIFY, delivered only if
   * the event commits), so that they fold it into their copy and tell their sockets.
   */
  async appendEvent(
    gameId: string,
    e: RecordedEvent,
    head: GameHead,
    notice: string | null,
    token?: NewToken,
    /** The actor's and payload's JSON, when the caller has them (the bytes it hashed). */
    json?: { actorJson: string; payloadJson: string },
  ): Promise<void> {
    const params = [
      gameId,
      e.seq,
      e.at,
      json?.actorJson ?? JSON.stringify(e.actor),
      e.type,
      json?.payloadJson ?? JSON.stringify(e.payload),
      e.hash,
      head.status,
      head.deadlineAt,
      head.phaseId,
      head.outcome === null ? null : JSON.stringify(head.outcome),
    ];
    if (token) {
      const withToken = [...params, token.tokenHash, token.seatId, token.name];
      if (notice === null) await this.db.query(APPEND_WITH_TOKEN, withToken, "summitry_append_join");
      else await this.db.query(APPEND_WITH_TOKEN_AND_NOTIFY, [...withToken, notice], "summitry_append_join_notify");
      return;
    }
    if (notice === null) await this.db.query(APPEND, params, "summitry_append_event");
    else await this.db.query(APPEND_AND_NOTIFY, [...params, notice], "summitry_append_event_notify");
  }

  async game(gameId: string): Promise<GameRow | null> {
    const rows = await this.db.orm.select().from(games).where(eq(games.id, gameId)).limit(1);
    return rows[0] ?? null;
  }

  /**
   * The latest snapshot, as stored: an object, checked as a state by its reader (the service), under
   * the game's own rules version, with the scenario and the version from the game's row.
   */
  async latestSnapshot(gameId: string): Promise<{ seq: number; state: Record<string, unknown> } | null> {
    const rows = await this.db.orm
      .select()
      .from(snapshots)
      .where(eq(snapshots.gameId, gameId))
      .orderBy(desc(snapshots.seq))
      .limit(1);
    const row = rows[0];
    const state = storedObject.safeParse(row?.state);
    return row && state.success ? { seq: row.seq, state: state.data } : null;
  }

  /**
   * Serialised here, before the first await: a live game's arrays grow in place (apply.ts
   * `liveFold`), so a state read later would hold events after `seq`.
   */
  async saveSnapshot(gameId: string, seq: number, state: GameState): Promise<void> {
    const { scenario: _scenario, ...rest } = state;
    const text = JSON.stringify(rest);
    // Only the latest is ever read (a load that cannot use it folds the whole log): the older ones go.
    await this.db.query(
      `WITH ins AS (
         INSERT INTO snapshots (game_id, seq, state) VALUES ($1, $2, $3::jsonb) ON CONFLICT DO NOTHING RETURNING seq
       ) DELETE FROM snapshots WHERE game_id = $1 AND seq < $2 AND EXISTS (SELECT 1 FROM ins)`,
      [gameId, seq, text],
      "summitry_snapshot",
    );
  }

  /**
   * The events after `fromSeq`, in order. With a `limit`, one page of at most that many (a caller
   * that reads in pages, like resume). Without one, every event, read in pages of EVENT_PAGE: an
   * imported record may hold a million, and a silent cap would load a truncated game.
   */
  async eventsAfter(gameId: string, fromSeq: number, limit?: number): Promise<RecordedEvent[]> {
    if (limit !== undefined) return this.eventPage(gameId, fromSeq, limit);
    const all: RecordedEvent[] = [];
    for await (const page of this.eventPages(gameId, fromSeq)) for (const e of page) all.push(e);
    return all;
  }

  /** Every event after `fromSeq`, a page at a time, for readers that stream (exports) or fold as they go. */
  async *eventPages(gameId: string, fromSeq: number, pageSize = EVENT_PAGE): AsyncGenerator<RecordedEvent[]> {
    let from = fromSeq;
    for (;;) {
      const page = await this.eventPage(gameId, from, pageSize);
      if (page.length > 0) yield page;
      if (page.length < pageSize) return;
      from = page.at(-1)!.seq;
      await turn();
    }
  }

  private async eventPage(gameId: string, fromSeq: number, limit: number): Promise<RecordedEvent[]> {
    const rows = await this.db.orm
      .select()
      .from(events)
      .where(and(eq(events.gameId, gameId), gt(events.seq, fromSeq)))
      .orderBy(events.seq)
      .limit(limit);
    return rows.map(({ gameId: _g, ...e }) => e as RecordedEvent);
  }

  /** Live games whose clock is running: the deadlines to arm at start-up. */
  async liveDeadlines(): Promise<{ id: string; deadlineAt: number }[]> {
    const rows = await this.db.orm
      .select({ id: games.id, deadlineAt: games.deadlineAt })
      .from(games)
      .where(and(eq(games.status, "live"), sql`${games.deadlineAt} IS NOT NULL`));
    return rows as { id: string; deadlineAt: number }[];
  }

  async deleteGame(gameId: string): Promise<boolean> {
    const rows = await this.db.orm.delete(games).where(eq(games.id, gameId)).returning({ id: games.id });
    return rows.length > 0;
  }

  async gamesOf(facilitatorId: string, scenarioId?: string): Promise<GameRow[]> {
    const where = scenarioId
      ? and(eq(games.facilitatorId, facilitatorId), eq(games.scenarioId, scenarioId))
      : eq(games.facilitatorId, facilitatorId);
    return this.db.orm.select().from(games).where(where).orderBy(desc(games.createdAt), desc(games.id));
  }

  // Seats, tokens and keys

  async seatByCode(gameId: string, codeHash: string): Promise<string | null> {
    const rows = await this.db.orm
      .select({ seatId: seats.seatId })
      .from(seats)
      .where(and(eq(seats.gameId, gameId), eq(seats.codeHash, codeHash)))
      .limit(1);
    return rows[0]?.seatId ?? null;
  }

  async seatAnywhereByCode(codeHash: string): Promise<{ gameId: string; seatId: string } | null> {
    const rows = await this.db.orm
      .select({ gameId: seats.gameId, seatId: seats.seatId })
      .from(seats)
      .where(eq(seats.codeHash, codeHash))
      .limit(1);
    return rows[0] ?? null;
  }

  /** A new code for a seat; the old code and every token issued with it stop working. */
  async resetSeat(gameId: string, seatId: string, codeHash: string): Promise<boolean> {
    return this.db.orm.transaction(async (tx) => {
      const updated = await tx
        .update(seats)
        .set({ codeHash })
        .where(and(eq(seats.gameId, gameId), eq(seats.seatId, seatId)))
        .returning({ seatId: seats.seatId });
      if (updated.length === 0) return false;
      await tx.delete(tokens).where(and(eq(tokens.gameId, gameId), eq(tokens.seatId, seatId)));
      return true;
    });
  }

  /** A new facilitator token for a game; every earlier one stops (a lost or shared console). */
  async resetFacilitatorTokens(gameId: string, tokenHash: string): Promise<void> {
    await this.db.orm.transaction(async (tx) => {
      await tx.delete(tokens).where(and(eq(tokens.gameId, gameId), eq(tokens.seatId, "facilitator")));
      await tx.insert(tokens).values({ tokenHash, gameId, seatId: "facilitator" });
    });
  }

  async insertToken(tokenHash: string, gameId: string, seatId: string, name: string | null): Promise<void> {
    await this.db.orm.insert(tokens).values({ tokenHash, gameId, seatId, name });
  }

  async token(tokenHash: string): Promise<{ gameId: string; seatId: string; name: string | null } | null> {
    const rows = await this.db.orm
      .select({ gameId: tokens.gameId, seatId: tokens.seatId, name: tokens.name })
      .from(tokens)
      .where(eq(tokens.tokenHash, tokenHash))
      .limit(1);
    return rows[0] ?? null;
  }
}

/** PostgreSQL's unique-violation code: the loser of a race for the same seq. */
export const isUniqueViolation = (err: unknown) => pgCode(err) === "23505";
export const isForeignKeyViolation = (err: unknown) => pgCode(err) === "23503";

// drizzle wraps the driver's error in its own, with the original as `cause`.
function pgCode(err: unknown): string | undefined {
  for (let e = err, depth = 0; e && typeof e === "object" && depth < 4; e = "cause" in e ? e.cause : null, depth++) {
    const code = "code" in e ? e.code : undefined;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

/** The seats of these games that someone has joined (holds a token for). */
export async function joinedSeats(store: GameStore, gameIds: string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  if (gameIds.length === 0) return out;
  const rows = await store.db.orm
    .selectDistinct({ gameId: tokens.gameId, seatId: tokens.seatId })
    .from(tokens)
    .where(inArray(tokens.gameId, gameIds));
  for (const r of rows) {
    if (!out.has(r.gameId)) out.set(r.gameId, new Set());
    out.get(r.gameId)!.add(r.seatId);
  }
  return out;
}
