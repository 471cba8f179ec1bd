/**
 * A bound on what one socket may hold unsent. A client that stops reading (a frozen tab, a
 * throttled phone) leaves every event for it in memory. engine.io hands its transport one batch
 * at a time: a WebSocket write that the peer does not take (its TCP window shut) never completes,
 * the transport stays unwritable, and every later packet waits in the socket's `writeBuffer`.
 * That queue is what is counted: the bytes of packets created since the last flush to the
 * transport. Past `limitBytes` the socket is dropped with a reason, so one stalled reader costs at
 * most that much (and the batch in flight); it resumes from the log, in pages, when it comes back.
 * A single large packet (a whole view of a long game) goes straight to a writable transport, so
 * a client that reads is never dropped for it.
 */

type Packet = { data?: unknown };
/** The events of engine.io's Socket listened to here. */
export type WatchedConn = {
  on(event: "packetCreate", f: (packet: Packet) => void): unknown;
  on(event: "flush", f: () => void): unknown;
};

const sizeOf = (data: unknown): number =>
  typeof data === "string"
    ? data.length
    : data instanceof ArrayBuffer || ArrayBuffer.isView(data)
      ? data.byteLength
      : 0;

/** Calls `onOver` once, with the bytes held, when a connection's unsent output passes the limit. */
export function watchSendBuffer(conn: WatchedConn, limitBytes: number, onOver: (bytes: number) => void): void {
  // Packets queued since the last flush to the transport (engine.io empties writeBuffer on flush).
  let queued = 0;
  let over = false;
  conn.on("flush", () => {
    queued = 0;
  });
  conn.on("packetCreate", (packet) => {
    if (over) return;
    queued += sizeOf(packet.data);
    // engine.io flushes right after this event when its transport is writable: judge what is
    // left once it has had that chance.
    if (queued > limitBytes) {
      queueMicrotask(() => {
        if (over || queued <= limitBytes) return;
        over = true;
        onOver(queued);
      });
    }
  });
}
