import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

const customBytea = customType<{ data: Buffer }>({ dataType: () => "bytea" });

/**
 * The database: the same schema and migrations (drizzle-kit output in migrations/) serve the
 * embedded PGlite database and a PostgreSQL server. Every secret is stored as a SHA-256 hash.
 */

/**
 * Facilitator keys: a teacher's or a control cell's identity across games. The operator (who runs
 * the server) is the one row with `operator`; it issues and revokes the others. A revoked key
 * stays as a row so that the games it owned keep their owner for the record.
 */
export const facilitators = pgTable(
  "facilitators",
  {
    id: text("id").primaryKey(),
    keyHash: text("key_hash").notNull().unique(),
    name: text("name").notNull().default(""),
    operator: boolean("operator").notNull().default(false),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  // One operator: two processes starting together on an empty database cannot both create one.
  (t) => [uniqueIndex("facilitators_one_operator").on(t.operator).where(sql`operator`)],
);

/** Invites the operator hands out: each mints one facilitator key, once, before it expires. */
export const invites = pgTable("invites", {
  id: text("id").primaryKey(),
  codeHash: text("code_hash").notNull().unique(),
  name: text("name").notNull().default(""),
  createdBy: text("created_by").references(() => facilitators.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  usedBy: text("used_by"),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Uploaded scenarios; a new version is stored beside the old. The built-in ones live in code.
 * Each belongs to the key that uploaded its first version (a scenario holds both sides' secrets);
 * the operator may make one public. Title and summary are columns so a listing reads no documents.
 */
export const scenarios = pgTable(
  "scenarios",
  {
    id: text("id").notNull(),
    version: integer("version").notNull(),
    document: jsonb("document").notNull(),
    ownerId: text("owner_id").references(() => facilitators.id, { onDelete: "set null" }),
    public: boolean("public").notNull().default(false),
    title: text("title").notNull().default(""),
    summary: text("summary").notNull().default(""),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.id, t.version] })],
);

/**
 * A class (POST /api/classes): N games of one scenario and set-up created together, each a table
 * with its label. `tables` lists its games in the class's order (one transaction gives them all one
 * created_at), each with who the roster put where (seat id → name), for the handouts: the
 * facilitator's plan, not the record (the record says who joined).
 */
export const classes = pgTable(
  "classes",
  {
    id: text("id").primaryKey(),
    facilitatorId: text("facilitator_id").references(() => facilitators.id, { onDelete: "set null" }),
    title: text("title").notNull(),
    scenarioId: text("scenario_id").notNull(),
    scenarioVersion: integer("scenario_version").notNull(),
    tables: jsonb("tables").notNull().default([]),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("classes_facilitator_idx").on(t.facilitatorId, t.createdAt)],
);

export const games = pgTable(
  "games",
  {
    id: text("id").primaryKey(),
    /** The game's own copy of its scenario (phase minutes fitted, optional roles left out). */
    scenario: jsonb("scenario").notNull(),
    scenarioId: text("scenario_id").notNull(),
    scenarioVersion: integer("scenario_version").notNull(),
    seed: text("seed").notNull(),
    /**
     * The rules version the game was created under (shared/rulesVersions.ts): its moves are decided
     * and its record verified by that version for ever. Games from before versions existed are 1.
     */
    rulesVersion: integer("rules_version").notNull().default(1),
    title: text("title").notNull(),
    facilitatorId: text("facilitator_id").references(() => facilitators.id, { onDelete: "set null" }),
    status: text("status", { enum: ["live", "over", "archived"] })
      .notNull()
      .default("live"),
    /** The last event's sequence number and hash: the head of the chain. */
    lastSeq: integer("last_seq").notNull().default(0),
    lastHash: text("last_hash").notNull(),
    /** When the current phase's clock runs out (epoch ms), kept so a restart fires it exactly once. */
    deadlineAt: bigint("deadline_at", { mode: "number" }),
    phaseId: text("phase_id").notNull(),
    outcome: jsonb("outcome"),
    forkedFrom: text("forked_from"),
    forkedAtSeq: integer("forked_at_seq"),
    /** The class this game is a table of, and its label there; null for a game created alone. */
    classId: text("class_id").references(() => classes.id, { onDelete: "set null" }),
    label: text("label"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("games_facilitator_idx").on(t.facilitatorId, t.createdAt),
    index("games_class_idx").on(t.classId),
    index("games_deadline_idx").on(t.deadlineAt).where(sql`status = 'live' AND deadline_at IS NOT NULL`),
  ],
);

/** One row per seat (role ids, and "observer"), holding the hash of its current join code. */
export const seats = pgTable(
  "seats",
  {
    gameId: text("game_id")
      .notNull()
      .references(() => games.id, { onDelete: "cascade" }),
    seatId: text("seat_id").notNull(),
    codeHash: text("code_hash").notNull().unique(),
  },
  (t) => [primaryKey({ columns: [t.gameId, t.seatId] })],
);

/** Bearer tokens of a game: a seat's (issued on joining), an observer's, or the facilitator's. */
export const tokens = pgTable(
  "tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    gameId: text("game_id")
      .notNull()
      .references(() => games.id, { onDelete: "cascade" }),
    seatId: text("seat_id").notNull(),
    name: text("name"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("tokens_game_seat_idx").on(t.gameId, t.seatId)],
);

export const events = pgTable(
  "events",
  {
    gameId: text("game_id")
      .notNull()
      .references(() => games.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    at: bigint("at", { mode: "number" }).notNull(),
    actor: jsonb("actor").notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    hash: text("hash").notNull(),
  },
  // The single source of order: two writers racing for the same seq, one loses.
  (t) => [primaryKey({ columns: [t.gameId, t.seq] })],
);

/** The state (without its scenario) every SNAPSHOT_EVERY events, so a long game loads quickly. */
export const snapshots = pgTable(
  "snapshots",
  {
    gameId: text("game_id")
      .notNull()
      .references(() => games.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    state: jsonb("state").notNull(),
  },
  (t) => [primaryKey({ columns: [t.gameId, t.seq] })],
);

/** Socket.IO's PostgreSQL adapter keeps payloads over NOTIFY's 8,000-byte limit here. */
export const socketIoAttachments = pgTable("socket_io_attachments", {
  id: bigint("id", { mode: "number" }).generatedByDefaultAsIdentity().unique(),
  createdAt: timestamp("created_at", { withTimezone: true }).defaultNow(),
  payload: customBytea("payload"),
});

/**
 * The scenario lab's private draft (issue #12): one per facilitator key, the text as typed (it may
 * not be valid JSON yet, so it is text, not jsonb). Only that key reads it; it goes with the key.
 */
export const scenarioDrafts = pgTable("scenario_drafts", {
  facilitatorId: text("facilitator_id")
    .primaryKey()
    .references(() => facilitators.id, { onDelete: "cascade" }),
  text: text("text").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The seats a bot plays (POST /api/games/:gameId/bots, and every seat but the student's in solo
 * practice), with its strategy (shared/bots): kept so that a restart puts the same bots back in
 * their seats. The record says who played (the bot's `seatJoined`); this says what plays it.
 */
export const botSeats = pgTable(
  "bot_seats",
  {
    gameId: text("game_id")
      .notNull()
      .references(() => games.id, { onDelete: "cascade" }),
    seatId: text("seat_id").notNull(),
    strategy: text("strategy").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /**
     * Which server process plays the bot, until when: processes sharing a PostgreSQL database take
     * bots by lease, so each bot moves from one process only; a lapsed lease is taken over.
     */
    runner: text("runner"),
    leasedUntil: timestamp("leased_until", { withTimezone: true }),
    /** What the bot remembers between turns (shared/bots' BotMemory), so a restart goes on from it. */
    memory: jsonb("memory"),
  },
  (t) => [primaryKey({ columns: [t.gameId, t.seatId] })],
);
