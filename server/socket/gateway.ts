import type { Server as HttpServer } from "node:http";
import { createAdapter } from "@socket.io/postgres-adapter";
import { Server, type Socket } from "socket.io";
import type { BotStrategy } from "../../shared/bots/strategy";
import {
  type ClientToServerEvents,
  type ClientView,
  type CompactClientView,
  type EventMessage,
  type HandshakeRefusal,
  handshakeAuth,
  handshakeRefusal,
  type InterServerEvents,
  type MoveAck,
  resumeRequest,
  type SeenEvent,
  type ServerToClientEvents,
  type SocketSeat,
} from "../../shared/contract/index";
import {
  eventFor,
  type GameState,
  isRevealedTo,
  type RecordedEvent,
  type RuleError,
  viewFor,
  viewsOf,
} from "../../shared/index";
import { tooDeep } from "../../shared/jsonDepth";
import { identify } from "../auth/caller";
import { hashSecret } from "../auth/secrets";
import type { AppContext } from "../context";
import { adapterPool } from "../db/connect";
import type { LiveGame } from "../games/service";
import { SharedJson } from "./encodeShared";
import { asSent, type Encoded, frameBytes, wireParser } from "./parser";
import { deliver, idle, type ResumeState, requestResume } from "./resume";
import { type WatchedConn, watchSendBuffer } from "./sendBuffer";

/**
 * The Socket.IO side of PROTOCOL.md. Each socket belongs to one seat of one game; it receives its
 * seat's view only, computed per seat from the one in-memory state. Across processes (PostgreSQL),
 * the append statement's NOTIFY tells the others (db/notices.ts); each reads the event from the
 * database, folds it into its own copy and tells its own sockets. Socket.IO's PostgreSQL adapter
 * carries what spans processes at the socket level: presence, and disconnecting a reset seat.
 *
 * Limits (server/limits): a seat's moves draw on one budget with its other sockets and HTTP; a
 * token holds at most SOCKETS_PER_TOKEN sockets; `resume` is limited per token, merged per socket
 * and read in pages outside the game's queue (resume.ts).
 */

/** The contract's seat of a socket, and this process's resume bookkeeping for it. */
type SocketData = SocketSeat & { resume: ResumeState };
// The messages each way are the contract's (shared/contract/socket.ts): what is sent is built to
// its types, and what arrives is parsed (a move by the rules, a resume by its schema).
type GameServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
type GameSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

/** Handshake refusals a client may see as they are; anything else (a database's error text) is `internal`. */
const isHandshakeRefusal = (message: unknown): message is HandshakeRefusal =>
  message !== "internal" && handshakeRefusal.safeParse(message).success;
const refuse = (code: HandshakeRefusal) => new Error(code);
const room = {
  game: (id: string) => `game:${id}`,
  seat: (id: string, seat: string) => `game:${id}:seat:${seat}`,
};

export class Gateway {
  readonly io: GameServer;
  /** gameId → seat → this process's sockets on it */
  private readonly local = new Map<string, Map<string, Set<GameSocket>>>();
  /** Moves being answered: shutdown lets each answer go out before it closes the sockets. */
  private readonly answering = new Set<Promise<void>>();

  constructor(
    httpServer: HttpServer,
    private readonly ctx: Omit<AppContext, "gateway">,
  ) {
    const { config } = ctx;
    this.io = new Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>(httpServer, {
      // Messages a little over the limit get a typed refusal; far over it, the connection closes.
      maxHttpBufferSize: Math.max(1_000_000, config.SOCKET_MAX_MESSAGE_BYTES * 4),
      serveClient: false,
      cors: { origin: false },
      // Socket.IO's wire format, with shared parts spliced in and frame sizes kept (parser.ts).
      parser: wireParser,
    });
    if (ctx.db.pool) {
      // The adapter's LISTEN connection, guarded: a lost one is logged and dropped from the pool,
      // and the adapter opens another (its own reconnection), instead of an unhandled `error`.
      const pool = adapterPool(ctx.db.pool, (err) => ctx.log.warn({ err }, "adapter: connection lost; reconnecting"));
      this.io.adapter(createAdapter(pool, { errorHandler: (err) => ctx.log.warn({ err }, "adapter") }));
    }

    this.io.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (err: Error) => {
          if (isHandshakeRefusal(err?.message)) return next(err);
          ctx.log.warn({ err }, "socket handshake failed");
          next(refuse("internal"));
        },
      );
    });
    this.io.on("connection", (socket) => this.onConnection(socket));
    // Events stored by this process or, after a notice, by another: each goes to this process's sockets.
    ctx.service.on("event", (game, e) => this.broadcast(game, e));
  }

  private async authenticate(socket: GameSocket): Promise<void> {
    const auth = handshakeAuth.safeParse(socket.handshake.auth);
    if (!auth.success) throw refuse("unauthorized");
    const { token } = auth.data;
    const caller = await identify(this.ctx.store, token);
    if (caller?.kind !== "token") throw refuse("unauthorized");
    const game = await this.ctx.service.get(caller.gameId);
    if (!game) throw refuse("not_found");
    const tokenHash = hashSecret(token);
    const release = this.ctx.limits.sockets.take(tokenHash);
    if (!release) throw refuse("too_many_connections");
    // Whichever comes first; a client gone during the handshake never fires `disconnect`.
    socket.conn.once("close", release);
    socket.once("disconnect", release);
    socket.data = { gameId: caller.gameId, seat: caller.seat, token: tokenHash, resume: idle() };
  }

  private onConnection(socket: GameSocket): void {
    const { gameId, seat } = socket.data;
    const seats = this.local.get(gameId) ?? new Map<string, Set<GameSocket>>();
    this.local.set(gameId, seats);
    const set = seats.get(seat) ?? new Set<GameSocket>();
    seats.set(seat, set);
    set.add(socket);
    socket.join([room.game(gameId), room.seat(gameId, seat)]);
    // A client that stops reading is dropped before what it has not read outgrows its bound.
    watchSendBuffer(socket.conn as unknown as WatchedConn, this.ctx.config.SOCKET_SEND_BUFFER_BYTES, (bytes) => {
      this.ctx.log.warn({ gameId, seat, bytes, reason: "send_buffer_full" }, "socket dropped: it stopped reading");
      socket.disconnect(true);
    });

    this.sendState(socket).catch((err) => this.ctx.log.warn({ err, gameId }, "state failed"));
    this.publishPresence(gameId).catch(() => {});

    // Both arguments untrusted: the payload is parsed by the rules, the ack may be missing.
    socket.on("move", (payload: unknown, ack: unknown) => {
      const started = performance.now();
      const reply = (r: MoveAck) => {
        this.ctx.metrics.moveTook(performance.now() - started);
        if (typeof ack === "function") ack(r);
      };
      const answered = this.onMove(socket, payload).then(reply, (err) => {
        this.ctx.log.error({ err, gameId }, "move failed");
        reply({ ok: false, error: { code: "internal", message: "the move could not be stored; try again" } });
      });
      // Shutdown waits for this answer: a stored move's sender must hear so before its socket closes.
      this.answering.add(answered);
      answered.finally(() => this.answering.delete(answered));
    });
    socket.on("resume", (payload: unknown) => this.onResume(socket, payload));
    socket.on("disconnect", () => {
      set.delete(socket);
      if (set.size === 0) seats.delete(seat);
      if (seats.size === 0) this.local.delete(gameId);
      this.publishPresence(gameId).catch(() => {});
    });
  }

  private async onMove(socket: GameSocket, payload: unknown): Promise<MoveAck> {
    const { gameId, seat } = socket.data;
    const wait = this.ctx.limits.takeMove(gameId, seat);
    if (wait > 0) return { ok: false, error: rateLimited("too many moves from this seat; slow down", wait) };
    // Before anything walks it recursively.
    if (tooDeep(payload)) return { ok: false, error: { code: "invalid_move", message: "a move nests too deep" } };
    // The frame it came in (parser.ts); a payload that is not an object is a few bytes at most.
    const size = frameBytes(payload) ?? Buffer.byteLength(JSON.stringify(payload ?? null) ?? "");
    if (size > this.ctx.config.SOCKET_MAX_MESSAGE_BYTES) {
      return {
        ok: false,
        error: {
          code: "too_large",
          message: `a message may hold at most ${this.ctx.config.SOCKET_MAX_MESSAGE_BYTES} bytes`,
        },
      };
    }
    if (seat === "observer")
      return { ok: false, error: { code: "read_only", message: "observers watch; they do not move" } };
    const actor = seat === "facilitator" ? { facilitator: true as const } : { seat };
    return this.ctx.service.submit(gameId, actor, payload);
  }

  private async sendState(socket: GameSocket): Promise<void> {
    const game = await this.ctx.service.get(socket.data.gameId);
    if (!game || !socket.connected) return;
    socket.emit("state", { seq: game.state.seq, view: seatView(game.state, socket.data.seat, game.id) });
  }

  /** Every event the seat may see after `fromSeq`, in order, then its whole view again (resume.ts). */
  private onResume(socket: GameSocket, payload: unknown): void {
    const parsed = resumeRequest.safeParse(payload);
    if (!parsed.success) {
      socket.emit("error_message", { code: "invalid_input", message: "resume takes { fromSeq: a whole number }" });
      return;
    }
    const { gameId, seat, token } = socket.data;
    const wait = this.ctx.limits.resumes.take(`${gameId}\u0000${token}`);
    if (wait > 0) {
      socket.emit("error_message", rateLimited("too many resumes; the events keep coming live", wait));
      return;
    }
    const { service, store, limits, log } = this.ctx;
    requestResume(socket, parsed.data.fromSeq, {
      state: () => service.loaded(gameId)?.state ?? null,
      page: (from, limit) => limits.resumeReads.run(() => store.eventsAfter(gameId, from, limit)),
      pageSize: limits.resumePage,
      seen: (state, e) => this.seenAt(state, e)(seat),
      compactView: (state) => compactSeatView(state, seat, gameId),
      wholeView: (state) => seatView(state, seat, gameId),
      onError: (err) => log.warn({ err, gameId }, "resume failed"),
    });
  }

  /**
   * What each seat sees of an event: the event itself, without its hash where the seat is not
   * shown the chain, or nothing. The hashless copy is made once for all the seats it goes to.
   */
  private seenAt(state: GameState, e: RecordedEvent): (seat: string) => SeenEvent | null {
    let bare: SeenEvent | null = null;
    const strip = (x: RecordedEvent): SeenEvent => {
      const { hash: _hash, ...rest } = x;
      return rest;
    };
    return (seat) => {
      const seen = eventFor(state, e, seat);
      if (!seen || isRevealedTo(state, seat)) return seen;
      if (seen !== e) return strip(seen);
      bare ??= strip(e);
      return bare;
    };
  }

  /**
   * An event to this process's sockets of its game (issue #13, docs/performance.md): the seats'
   * views are made together (shared/view.ts `viewsOf`: the scores once, what an audience shares
   * once), and each shared part is encoded once for all the messages that hold it (encodeShared.ts).
   * A seat's several sockets get one message through the seat's room, encoded and framed once.
   */
  private broadcast(game: LiveGame, e: RecordedEvent): void {
    const seats = this.local.get(game.id);
    if (!seats) return;
    const views = viewsOf(game.state, { histories: false });
    const seen = this.seenAt(game.state, e);
    const json = new SharedJson();
    for (const [seat, sockets] of seats) {
      const event = seen(seat);
      if (!event) continue;
      const message = json.eventMessage(e.seq, event, views(seat), game.id);
      this.send(game.id, seat, sockets, message);
    }
  }

  private send(gameId: string, seat: string, sockets: Set<GameSocket>, message: Encoded): void {
    if (sockets.size === 1) {
      for (const s of sockets) deliver(s, message);
      return;
    }
    // A socket that is resuming holds its live events back (resume.ts): it is left out of the room's.
    const resuming: string[] = [];
    for (const s of sockets) {
      if (s.data.resume.held) {
        deliver(s, message);
        resuming.push(s.id);
      }
    }
    if (resuming.length === sockets.size) return;
    this.io.local.to(room.seat(gameId, seat)).except(resuming).emit("event", asSent<EventMessage>(message));
  }

  /** The seats bots play in a game (server/games/botRunner.ts), set once the runner exists. */
  private botsOf: (gameId: string) => Promise<Map<string, BotStrategy>> = async () => new Map();

  setBots(botsOf: (gameId: string) => Promise<Map<string, BotStrategy>>): void {
    this.botsOf = botsOf;
  }

  /**
   * Who is connected, across every process, told to the facilitator. A bot's seat has no socket
   * but is always played, so it counts as there, marked with its strategy.
   */
  async publishPresence(gameId: string): Promise<void> {
    const game = await this.ctx.service.get(gameId);
    if (!game) return;
    const [sockets, bots] = await Promise.all([this.io.in(room.game(gameId)).fetchSockets(), this.botsOf(gameId)]);
    const connected = new Set(sockets.map((s) => s.data.seat));
    const seats = [...game.state.scenario.roles.map((r) => r.id), "observer", "facilitator"].map((id) => {
      const bot = bots.get(id);
      return bot ? { id, connected: true, bot } : { id, connected: connected.has(id) };
    });
    this.io.to(room.seat(gameId, "facilitator")).emit("presence", { seats });
  }

  isWatched(gameId: string): boolean {
    return this.local.has(gameId);
  }

  disconnectSeat(gameId: string, seat: string): void {
    this.io.in(room.seat(gameId, seat)).disconnectSockets(true);
  }

  disconnectGame(gameId: string): void {
    this.io.in(room.game(gameId)).disconnectSockets(true);
  }

  /**
   * After the service has stopped taking moves and stored those in flight: every move's answer is
   * sent (stored ones acknowledged, later ones refused as shutting_down), the sockets' buffers are
   * written out, and only then are the sockets closed. Otherwise a client never hears that its
   * move was stored, and a retry would store it twice.
   *
   * The sockets are closed by `io.close()` alone, at the transport, never with
   * `disconnectSockets(true)`: that sends each client Socket.IO's "io server disconnect", after
   * which a standard client (a bot, an older page) never reconnects by itself, so a restart left
   * every page "reconnecting" until reloaded; and on the PostgreSQL adapter it is broadcast, so one
   * process stopping would disconnect every other process's sockets too. A closed transport is a
   * "transport close" that any Socket.IO client retries; this one's pages retry either way
   * (client/src/core/reconnect.ts).
   */
  async close(): Promise<void> {
    await Promise.allSettled([...this.answering]);
    // engine.io keeps its write buffer private in its types; it is the queue "drain" empties.
    await Promise.all([...this.io.sockets.sockets.values()].map((s) => drained(s.conn as unknown as Drainable, 2000)));
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
  }
}

/** A seat's whole view in the contract's shape: the view and its game's id. */
function seatView(state: GameState, seat: string, gameId: string): ClientView {
  return { ...viewFor(state, seat), gameId };
}

/** A seat's compact view (an event's) in the contract's shape. */
function compactSeatView(state: GameState, seat: string, gameId: string): CompactClientView {
  return { ...viewFor(state, seat, { histories: false }), gameId };
}

type Drainable = { writeBuffer: unknown[]; once(event: "drain", f: () => void): unknown };

/** Resolves once an engine.io connection has written its buffer out (or after `limitMs`). */
function drained(conn: Drainable, limitMs: number) {
  if (conn.writeBuffer.length === 0) return Promise.resolve();
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, limitMs);
    conn.once("drain", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function rateLimited(message: string, waitMs: number): RuleError {
  return { code: "rate_limited", message, details: { retryAfterMs: waitMs } };
}
