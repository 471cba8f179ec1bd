import type { Socket } from "socket.io-client";
import { type HandshakeRefusal, handshakeRefusal } from "../../../shared/contract/index";

/**
 * Keeping one seat's socket connected, whoever dropped it. Socket.IO's own reconnection covers a
 * lost transport only: after a server-side disconnect ("io server disconnect": a restart that
 * closes its sockets, a code reset) or a handshake the server refused, it stops for good and
 * leaves the page "reconnecting" forever. So its reconnection is switched off and this loop does
 * it for every drop, with one backoff, and stops only when the server says the token no longer
 * opens a seat.
 */

/** The link's state, as the page shows it. */
export type Link = "connecting" | "online" | "offline" | "refused";

/** Refusals no retry can cure: the token was reset or revoked, or its game deleted. */
const FINAL = new Set<HandshakeRefusal>(["unauthorized", "not_found"]);

export type Backoff = { baseMs: number; maxMs: number };
/**
 * Fast first tries (a restart takes seconds), then one knock every 2.5–5 s: a page is back within
 * 5 s of its server, and a room of pages knocking at that pace costs the server nothing.
 */
export const BACKOFF: Backoff = { baseMs: 500, maxMs: 5000 };

/**
 * The wait before retry number `attempt` (0 for the first): doubling from baseMs, capped at maxMs,
 * then drawn from the upper half of that, so a room of pages dropped at once does not come back
 * in one burst, and no two tries are closer than half the step.
 */
export function retryDelay(attempt: number, backoff: Backoff = BACKOFF, random: () => number = Math.random): number {
  const step = Math.min(backoff.maxMs, backoff.baseMs * 2 ** Math.min(Math.max(attempt, 0), 30));
  return Math.round(step / 2 + (random() * step) / 2);
}

/** A refused handshake's code when no retry can cure it, else null. */
export function finalRefusal(err: Error): HandshakeRefusal | null {
  const code = handshakeRefusal.safeParse(err.message);
  return code.success && FINAL.has(code.data) ? code.data : null;
}

export type Reconnector = {
  /** Try at once (the browser is back online, the tab is shown again) instead of at the next step. */
  retryNow(): void;
  /** Stops retrying (the page is leaving); the caller closes the socket. */
  stop(): void;
};

/**
 * Reconnects `socket` after every drop but the client's own `close()`, waiting `retryDelay` between
 * tries, until a handshake is refused for good (`onLink("refused", code)`), then never knocks
 * again. The caller keeps its own "connect" listener (to resume from its last seq).
 */
export function keepConnected(
  socket: Socket,
  onLink: (link: Link, refusal?: HandshakeRefusal) => void,
  options: { backoff?: Backoff; random?: () => number } = {},
): Reconnector {
  socket.io.reconnection(false);
  let attempt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;
  const clear = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  const tryNow = () => {
    clear();
    if (!stopped && !socket.connected) socket.connect();
  };
  const later = () => {
    if (stopped || timer) return;
    onLink("offline");
    timer = setTimeout(tryNow, retryDelay(attempt++, options.backoff, options.random));
  };
  socket.on("connect", () => {
    attempt = 0;
    clear();
    onLink("online");
  });
  socket.on("disconnect", (reason) => {
    if (reason !== "io client disconnect") later();
  });
  socket.on("connect_error", (err) => {
    const refusal = finalRefusal(err);
    if (!refusal) return later();
    stopped = true;
    clear();
    onLink("refused", refusal);
  });
  return {
    retryNow: () => {
      if (timer) tryNow();
    },
    stop: () => {
      stopped = true;
      clear();
    },
  };
}
