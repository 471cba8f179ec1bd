import { z } from "zod";
import { botStrategySchema } from "../bots/strategy";
import { INT4_MAX } from "../text";
import { compactViewSchema, viewSchema } from "../viewSchema";
import { seenEvent } from "./games";
import { type RuleError, ruleErrorSchema } from "./ruleErrors";

/**
 * The Socket.IO half of the wire contract (PROTOCOL.md, "Socket.IO"): one schema per message each
 * way, and the event maps Socket.IO's types take, derived from them. The server builds what it
 * sends from these types and parses what arrives; the client parses what arrives and drops (and
 * reports) a message that does not match, rather than building a screen on it.
 */

/**
 * A refusal on a socket (an ack's `error`, an `error_message`): a code of the closed set
 * with that code's details, so the client's `explain` reads them typed.
 */
export const socketError = ruleErrorSchema;
export type SocketError = RuleError;

// ---- The handshake -------------------------------------------------------------------------

/** `auth: { token }`: a game token (a facilitator key opens no socket). */
export const handshakeAuth = z.object({ token: z.string().min(1) });
export type HandshakeAuth = z.infer<typeof handshakeAuth>;

/**
 * The message of a refused handshake's `connect_error`: its code. Anything else the server hit
 * (a database's error text) is sent under the code `internal`, never verbatim.
 */
export const handshakeRefusal = z.enum([
  "unauthorized",
  "not_found",
  "too_many_connections",
  "unavailable",
  "shutting_down",
  "internal",
]);
export type HandshakeRefusal = z.infer<typeof handshakeRefusal>;

// ---- Client → server -----------------------------------------------------------------------

/**
 * `move`'s payload is any move of PROTOCOL.md (moveSchema); the server takes it for `unknown` and
 * the rules parse it (parseMove), so a refusal names the rule that refused it.
 */
export const moveAck = z.union([
  z.object({ ok: z.literal(true), seq: z.int().min(1) }),
  z.object({ ok: z.literal(false), error: socketError }),
]);
export type MoveAck = z.infer<typeof moveAck>;

/** `resume { fromSeq }`: every event the seat may see after fromSeq, then `state`. */
export const resumeRequest = z.strictObject({ fromSeq: z.int().min(0).max(INT4_MAX) });
export type ResumeRequest = z.infer<typeof resumeRequest>;

// ---- Server → client -----------------------------------------------------------------------

/** A seat's view on the wire: the view (shared/viewSchema.ts) and the game it belongs to. */
export const clientView = viewSchema.extend({ gameId: z.string() });
export type ClientView = z.infer<typeof clientView>;
/** An event's compact view on the wire (no histories, no seats: shared/viewSchema.ts). */
export const compactClientView = compactViewSchema.extend({ gameId: z.string() });
export type CompactClientView = z.infer<typeof compactClientView>;

/** `state { seq, view }`: the seat's whole view, channel histories included. */
export const stateMessage = z.object({ seq: z.int().min(0), view: clientView });
export type StateMessage = z.infer<typeof stateMessage>;

/**
 * `event { seq, event, view }`: one event the seat may see, redacted for it, with the compact view
 * after it (no channel histories, none of what never changes during a game).
 */
export const eventMessage = z.object({ seq: z.int().min(1), event: seenEvent, view: compactClientView });
export type EventMessage = z.infer<typeof eventMessage>;

/** `presence { seats }`, to the facilitator: who is connected, across every process. */
export const presenceSeat = z.object({
  id: z.string(),
  connected: z.boolean(),
  /** A bot plays the seat (its strategy): always there, with no socket of its own. */
  bot: botStrategySchema.optional(),
});
export const presenceMessage = z.object({ seats: z.array(presenceSeat) });
export type PresenceMessage = z.infer<typeof presenceMessage>;
export type Presence = PresenceMessage["seats"];

/** `error_message`: a refused `resume` (malformed, or too many), or missed events that could not be read. */
export const errorMessage = socketError;
export type ErrorMessage = SocketError;

// ---- The event maps Socket.IO's types take -------------------------------------------------

/** Each server → client message by name. */
export type ServerMessages = {
  state: StateMessage;
  event: EventMessage;
  presence: PresenceMessage;
  error_message: ErrorMessage;
};
export type ServerMessageName = keyof ServerMessages;
/** The schema of each, by name: typed by name, so a reader looking one up by name gets that message's type. */
export const serverToClient: { [K in ServerMessageName]: z.ZodType<ServerMessages[K]> } = {
  state: stateMessage,
  event: eventMessage,
  presence: presenceMessage,
  error_message: errorMessage,
};

export interface ClientToServerEvents {
  /** The payload is untrusted until the rules parse it: the server's listener takes `unknown`. */
  move: (move: unknown, ack: (answer: MoveAck) => void) => void;
  resume: (request: ResumeRequest) => void;
}

export type ServerToClientEvents = {
  [K in ServerMessageName]: (message: ServerMessages[K]) => void;
};

/** No events between server processes: the PostgreSQL adapter carries rooms, presence and disconnects. */
export type InterServerEvents = Record<string, never>;

/**
 * What the handshake fixes about a socket. It travels between processes too: `fetchSockets()`
 * on the PostgreSQL adapter returns other processes' sockets with their data (presence reads it).
 */
export const socketSeat = z.object({
  gameId: z.string(),
  seat: z.string(),
  /** The token's SHA-256 (the database keeps that): what the per-token limits count by. */
  token: z.string(),
});
export type SocketSeat = z.infer<typeof socketSeat>;
