import { useCallback, useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { RuleError } from "../../../shared/index";
import { type ClientView, type EventMessage, mergeEvent, needsWholeView } from "./mergeView";

export type Connection = "connecting" | "online" | "offline" | "refused";
export type Presence = { id: string; connected: boolean }[];
export type Ack = { ok: true; seq: number } | { ok: false; error: RuleError };
/** Every event this client received, and whether it arrived while catching up after a drop. */
export type LogEntry = EventMessage & { missed: boolean };

/**
 * One seat's live game: the socket, the whole view kept up to date from `state` and `event`, the
 * connection state, and `send`. After a drop, Socket.IO reconnects; the client then asks to
 * `resume` from the last event it saw, so every missed event arrives (marked as missed).
 */
export function useGame(token: string | null) {
  const [view, setView] = useState<ClientView | null>(null);
  const [log, setLog] = useState<LogEntry[]>([]);
  const [connection, setConnection] = useState<Connection>("connecting");
  /** Who is connected (the facilitator's socket only receives it). */
  const [presence, setPresence] = useState<Presence | null>(null);
  const socketRef = useRef<Socket | null>(null);
  const lastSeq = useRef(0);
  const resuming = useRef(false);
  // After a reconnect two states arrive: the one sent on connect and the answer to `resume`.
  const statesToCome = useRef(0);
  const viewRef = useRef<ClientView | null>(null);

  useEffect(() => {
    if (!token) return;
    const socket = io({
      auth: { token },
      transports: ["websocket"],
      reconnectionDelay: 500,
      reconnectionDelayMax: 3000,
    });
    socketRef.current = socket;
    const refresh = () => socket.emit("resume", { fromSeq: lastSeq.current });

    socket.on("connect", () => {
      setConnection("online");
      // Back after a drop: ask for what was missed (the server answers with events, then state).
      if (lastSeq.current > 0) {
        resuming.current = true;
        statesToCome.current = 2;
        refresh();
      }
    });
    socket.on("disconnect", () => setConnection("offline"));
    socket.on("presence", (p: { seats: Presence }) => setPresence(p.seats));
    socket.on("connect_error", (err) =>
      setConnection(err.message === "unauthorized" || err.message === "not_found" ? "refused" : "offline"),
    );
    socket.on("state", ({ view: whole }: { seq: number; view: ClientView }) => {
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
    socket.on("event", (m: EventMessage) => {
      const prev = viewRef.current;
      if (!prev || m.seq <= lastSeq.current) return;
      lastSeq.current = m.seq;
      const next = mergeEvent(prev, m);
      viewRef.current = next;
      setView(next);
      const missed = resuming.current;
      setLog((l) => [...l, { ...m, missed }]);
      if (needsWholeView(m, prev)) refresh();
    });
    return () => {
      socket.close();
      socketRef.current = null;
    };
  }, [token]);

  const send = useCallback(async (move: unknown): Promise<Ack> => {
    const socket = socketRef.current;
    if (!socket?.connected)
      return { ok: false, error: { code: "offline", message: "Not connected: the move was not sent." } };
    try {
      const ack = (await socket.timeout(10_000).emitWithAck("move", move)) as Ack;
      // A move judged on a stale view: fetch the whole view again so the screen matches the server.
      if (!ack.ok && STALE.has(ack.error.code)) socket.emit("resume", { fromSeq: lastSeq.current });
      return ack;
    } catch {
      return { ok: false, error: { code: "timeout", message: "No answer from the server: try again." } };
    }
  }, []);

  return { view, log, connection, presence, send };
}

const STALE = new Set([
  "draft_version_mismatch",
  "proposal_not_open",
  "unknown_proposal",
  "wrong_phase",
  "not_on_agenda",
  "game_over",
]);
