import type { RecordedEvent } from "../../shared/index";
import type { Database } from "./connect";
import type { GameHead } from "./gameStore";
import { EVENTS_CHANNEL } from "./gameStore";

/**
 * Group commit (issue #13, point 4): the events of different games that arrive together are
 * appended by one statement, so one round trip and one commit (one WAL flush) serve them all, and
 * on PostgreSQL one NOTIFY tells the other processes of every one (a transaction that notifies
 * takes a lock that serialises commits: one per batch, not one per move).
 *
 * The statement stores each member whose seq is free and whose game exists, and says of every
 * member which it was: a member that lost the race for its seq, or whose game was deleted, fails
 * alone while the others commit. The NOTIFY names only the members stored, so a notice still goes
 * out only for a committed event.
 */

export type Member = {
  gameId: string;
  event: RecordedEvent;
  head: GameHead;
  /** The actor's and payload's JSON, when the caller has them already (the hash was computed over them). */
  json?: { actorJson: string; payloadJson: string };
};

/** `locked`: its game's row was locked by another transaction (a deletion): not tried, store it alone. */
export type MemberResult = "stored" | "taken" | "no_game" | "locked";

const BATCH = `
  WITH batch AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS b(
      i int, game_id text, seq int, at bigint, actor jsonb, type text, payload jsonb, hash text,
      status text, deadline_at bigint, phase_id text, outcome jsonb)
  ), g AS (
    -- A game whose row another transaction holds (a deletion cascading over its events) is left
    -- out, not waited for: one such game would hold up every other member of the batch.
    SELECT id FROM games WHERE id IN (SELECT game_id FROM batch) FOR KEY SHARE SKIP LOCKED
  ), ins AS (
    INSERT INTO events (game_id, seq, at, actor, type, payload, hash)
    SELECT b.game_id, b.seq, b.at, b.actor, b.type, b.payload, b.hash
    FROM batch b JOIN g ON g.id = b.game_id
    ON CONFLICT DO NOTHING
    RETURNING game_id, seq
  ), upd AS (
    UPDATE games g SET last_seq = b.seq, last_hash = b.hash, status = b.status,
      deadline_at = b.deadline_at, phase_id = b.phase_id, outcome = b.outcome
    FROM batch b JOIN ins ON ins.game_id = b.game_id AND ins.seq = b.seq
    WHERE g.id = b.game_id RETURNING b.i
  )`;

const RESULTS = `
  SELECT b.i, EXISTS (SELECT 1 FROM upd WHERE upd.i = b.i) AS stored,
    EXISTS (SELECT 1 FROM g WHERE g.id = b.game_id) AS tried,
    EXISTS (SELECT 1 FROM games x WHERE x.id = b.game_id) AS known
  FROM batch b`;
const BATCH_APPEND = `${BATCH}${RESULTS}`;
// One notice for the batch, of the members stored, in the listener's format (db/notices.ts).
const BATCH_APPEND_AND_NOTIFY = `${BATCH}, told AS (
    SELECT pg_notify('${EVENTS_CHANNEL}', json_build_object('origin', $2::text,
      'events', json_agg(json_build_array(b.game_id, b.seq)))::text)
    FROM batch b JOIN upd ON upd.i = b.i HAVING count(*) > 0
  )${RESULTS} WHERE (SELECT count(*) FROM told) >= 0`;

/** Members per statement: the batch's NOTIFY payload (8,000 bytes at most) names every one. */
export const MAX_BATCH = 100;

function memberJson(m: Member, i: number): string {
  const e = m.event;
  const h = m.head;
  return (
    `{"i":${i},"game_id":${JSON.stringify(m.gameId)},"seq":${e.seq},"at":${e.at},` +
    `"actor":${m.json?.actorJson ?? JSON.stringify(e.actor)},"type":${JSON.stringify(e.type)},` +
    `"payload":${m.json?.payloadJson ?? JSON.stringify(e.payload)},"hash":${JSON.stringify(e.hash)},` +
    `"status":${JSON.stringify(h.status)},"deadline_at":${h.deadlineAt === null ? "null" : h.deadlineAt},` +
    `"phase_id":${JSON.stringify(h.phaseId)},"outcome":${h.outcome === null ? "null" : JSON.stringify(h.outcome)}}`
  );
}

/** Appends the members in one statement; `origin`: this process's, for the NOTIFY (null: none). */
export async function appendBatch(db: Database, members: Member[], origin: string | null): Promise<MemberResult[]> {
  const json = `[${members.map(memberJson).join(",")}]`;
  const result = (
    origin === null
      ? await db.query(BATCH_APPEND, [json], "summitry_append_batch")
      : await db.query(BATCH_APPEND_AND_NOTIFY, [json, origin], "summitry_append_batch_notify")
  ) as { rows: { i: number; stored: boolean; tried: boolean; known: boolean }[] };
  const out: MemberResult[] = members.map(() => "no_game");
  for (const r of result.rows) out[r.i] = r.stored ? "stored" : !r.known ? "no_game" : r.tried ? "taken" : "locked";
  return out;
}
