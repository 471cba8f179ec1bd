import type { Socket } from "socket.io";
import type {
  ClientToServerEvents,
  ClientView,
  CompactClientView,
  EventMessage,
  InterServerEvents,
  SeenEvent,
  ServerToClientEvents,
} from "../../shared/contract/index";
import type { GameState, RecordedEvent } from "../../shared/index";
import { SharedJson } from "./encodeShared";
import { asSent, type Encoded } from "./parser";

/**
 * `resume { fromSeq }` without holding the game: the missed events are read from the database a
 * page at a time, outside the game's queue, so moves of this game and of every other one go on
 * meanwhile. What keeps the promise (every event the seat may see after fromSeq, in order, none
 * twice, then `state`):
 *
 * - The game's in-memory state only moves after its event is stored, and every event is handed
 *   to the gateway in the same tick as the state moves. So at the tick the resume begins, every
 *   event up to `head = state.seq` is in the database, and every later one will be broadcast.
 * - From that tick the socket's live events are held back (`held`), not sent.
 * - The pages send the stored events in (fromSeq, head]; then the held ones (all after head, in
 *   order); then `state`, all in one tick, so nothing can slip in between.
 *
 * Several resumes of one socket are merged: while one runs, the next waits, and a newer one
 * replaces it (keeping the earlier `fromSeq`, so both askers get all they asked for).
 */

/** An event message: as an object, or already JSON (a live event's, encodeShared.ts). */
export type Outgoing = EventMessage | Encoded;

/** What a resume needs of a socket: to send the contract's messages, and its resume bookkeeping. */
export type ResumeSocket = Pick<
  Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, { resume: ResumeState }>,
  "connected" | "emit" | "data"
>;

export type ResumeState = {
  running: boolean;
  /** The `fromSeq` of the resume waiting behind the running one. */
  next: number | null;
  /** Live events held back while a resume is sending stored ones; null when not resuming. */
  held: Outgoing[] | null;
};

export const idle = (): ResumeState => ({ running: false, next: null, held: null });

/** Events sent between two turns of the event loop, so other work is not held up for long. */
const EMITS_PER_TURN = 50;
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export type ResumeDeps = {
  /** The game's current state (in memory), or null if it is gone. */
  state(): GameState | null;
  /** Up to `limit` stored events after `fromSeq`, in order; through a limited number of turns. */
  page(fromSeq: number, limit: number): Promise<RecordedEvent[]>;
  pageSize: number;
  /** What this seat sees of an event at `state` (null: nothing). */
  seen(state: GameState, e: RecordedEvent): SeenEvent | null;
  compactView(state: GameState): CompactClientView;
  wholeView(state: GameState): ClientView;
  onError(err: unknown): void;
};

/** Runs a resume now, or queues it behind the socket's running one (merged with any queued). */
export function requestResume(socket: ResumeSocket, fromSeq: number, deps: ResumeDeps): void {
  const r = socket.data.resume;
  if (r.running) {
    r.next = r.next === null ? fromSeq : Math.min(r.next, fromSeq);
    return;
  }
  r.running = true;
  void (async () => {
    let from: number | null = fromSeq;
    while (from !== null && socket.connected) {
      await replay(socket, from, deps);
      from = r.next;
      r.next = null;
    }
    r.running = false;
    r.next = null;
  })();
}

/** Hands a live event to a socket: sent now, or held while the socket is resuming. */
export function deliver(socket: ResumeSocket, message: Outgoing): void {
  const held = socket.data.resume.held;
  if (held) held.push(message);
  else socket.emit("event", asSent<EventMessage>(message));
}

async function replay(socket: ResumeSocket, fromSeq: number, deps: ResumeDeps): Promise<void> {
  const at = deps.state();
  if (!at) return;
  // This tick: `at.seq` is the head; every later event will reach `held`.
  const r = socket.data.resume;
  r.held = [];
  let failed = false;
  try {
    const view = deps.compactView(at);
    let cursor = fromSeq;
    while (cursor < at.seq && socket.connected) {
      const page = await deps.page(cursor, deps.pageSize);
      // The one compact view goes with every event of the page, encoded once for it
      // (encodeShared.ts); one encoder a page, so that nothing of a sent page is held after it.
      const json = new SharedJson();
      let sent = 0;
      for (const e of page) {
        if (e.seq > at.seq) break;
        const seen = deps.seen(at, e);
        if (seen) socket.emit("event", asSent<EventMessage>(json.eventMessage(e.seq, seen, view)));
        // Each message is serialised as it is sent: a page in one go would hold the event loop.
        if (++sent % EMITS_PER_TURN === 0) await turn();
      }
      const last = page.at(-1);
      if (!last || page.length < deps.pageSize) break;
      cursor = last.seq;
      // The embedded database answers without a turn of the event loop: yield one, so that
      // sockets' messages (other games' moves) are read between pages, not after the last.
      await turn();
    }
  } catch (err) {
    failed = true;
    deps.onError(err);
  } finally {
    const held = r.held ?? [];
    r.held = null;
    if (failed) socket.emit("error_message", { code: "internal", message: "the missed events could not be read" });
    for (const m of held) socket.emit("event", asSent<EventMessage>(m));
    const now = deps.state();
    if (now && socket.connected) socket.emit("state", { seq: now.seq, view: deps.wholeView(now) });
  }
}
