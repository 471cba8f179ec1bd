import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type {
  ClientToServerEvents,
  ClientView,
  ErrorCode,
  EventMessage,
  HandshakeAuth,
  MoveAck,
  Presence,
  ServerToClientEvents,
} from "../../../shared/contract/index";
import { mergeEvent, needsWholeView } from "./mergeView";
import { keepConnected, type Link } from "./reconnect";
import { parseAck, parseServerMessage } from "./serverMessages";

/** online; offline (and retrying: reconnect.ts); refused for good (the token no longer opens a seat). */
export type Connection = Link;
export type { Presence };
/** A move's acknowledgement, in the contract's shape. */
export type Ack = MoveAck;
type GameSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
/** Every event this client received, and whether it arrived while catching up after a drop. */
export type LogEntry = EventMessage & { missed: boolean };

/**
 * One seat's live game: the socket, the whole view kept up to date from `state` and `event`, the
 * connection state, and `send`. After any drop (a server restart included) reconnect.ts connects
 * again with backoff; the client then asks to `resume` from the last event it saw, so every missed
 * event arrives (marked as missed). A token the server no longer takes ends in "refused", for good.
 */
export function useGame(token: string | null) {
  const [view, setView] = useState<ClientView | null>(null);
  const [log, setLog] = useState<LogEntry[]>([]);
  const [connection, setConnection] = useState<Connection>("connecting");
  /** Who is connected (the facilitator's socket only receives it). */
  const [presence, setPresence] = useState<Presence | null>(null);
  const socketRef = useRef<GameSocket | null>(null);
  const lastSeq = useRef(0);
  const resuming = useRef(false);
  // After a reconnect two states arrive: the one sent on connect and the answer to `resume`.
  const statesToCome = useRef(0);
  const viewRef = useRef<ClientView | null>(null);

  useEffect(() => {
    if (!token) return;
    const auth: HandshakeAuth = { token };
    // Socket.IO's own reconnection is off: keepConnected retries after every kind of drop.
    const socket: GameSocket = io({ auth, transports: ["websocket"], reconnection: false });
    socketRef.current = socket;
    const refresh = () => socket.emit("resume", { fromSeq: lastSeq.current });
    const link = keepConnected(socket, setConnection);
    // Back on the network, or shown again after the browser throttled a hidden tab: try now.
    const retryNow = () => {
      if (document.visibilityState === "visible") link.retryNow();
    };
    window.addEventListener("online", retryNow);
    document.addEventListener("visibilitychange", retryNow);

    socket.on("connect", () => {
      // Back after a drop: ask for what was missed (the server answers with events, then state).
      if (lastSeq.current > 0) {
        resuming.current = true;
        statesToCome.current = 2;
        refresh();
      }
    });
    // Every message is parsed by the contract on arrival (serverMessages.ts): a malformed one is dropped.
    socket.on("presence", (raw: unknown) => {
      const p = parseServerMessage("presence", raw);
      if (p) setPresence(p.seats);
    });
    socket.on("state", (raw: unknown) => {
      const state = parseServerMessage("state", raw);
      if (!state) return;
      const whole = state.view;
      if (resuming.current && --statesToCome.current > 0) {
        // Keep lastSeq where it was before the drop: the resumed events are still to come.
        viewRef.current = whole;
        setView(whole);
        return;
      }
      resuming.current = false;
      viewRef.current = whole;
      lastSeq.current = Math.max(lastSeq.current, whole.seq);
      setView(whole);
    });
    socket.on("event", (raw: unknown) => {
      const m = parseServerMessage("event", raw);
      const prev = viewRef.current;
      if (!m || !prev || m.seq <= lastSeq.current) return;
      lastSeq.current = m.seq;
      const next = mergeEvent(prev, m);
      viewRef.current = next;
      setView(next);
      const missed = resuming.current;
      setLog((l) => [...l, { ...m, missed }]);
      if (needsWholeView(m, prev)) refresh();
    });
    return () => {
      link.stop();
      window.removeEventListener("online", retryNow);
      document.removeEventListener("visibilitychange", retryNow);
      socket.close();
      socketRef.current = null;
    };
  }, [token]);

  const send = useCallback(async (move: unknown): Promise<Ack> => {
    const socket = socketRef.current;
    if (!socket?.connected)
      return { ok: false, error: { code: "offline", message: "Not connected: the move was not sent." } };
    try {
      const ack = parseAck(await socket.timeout(10_000).emitWithAck("move", move));
      // A move judged on a stale view: fetch the whole view again so the screen matches the server.
      if (!ack.ok && STALE.has(ack.error.code)) socket.emit("resume", { fromSeq: lastSeq.current });
      return ack;
    } catch {
      return { ok: false, error: { code: "timeout", message: "No answer from the server: try again." } };
    }
  }, []);

  return { view, log, connection, presence, send };
}

const STALE = new Set<ErrorCode>([
  "draft_version_mismatch",
  "proposal_not_open",
  "unknown_proposal",
  "wrong_phase",
  "not_on_agenda",
  "game_over",
]);
