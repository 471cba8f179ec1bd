/**
 * A bound on what one socket may hold unsent. A client that stops reading (a frozen tab, a
 * throttled phone) leaves every event for it in memory: packets wait in engine.io's `writeBuffer`
 * while the transport is busy, and a WebSocket's written bytes wait in its `bufferedAmount` while
 * the peer's TCP window is shut. Past `limitBytes` the socket is dropped with a reason, so one
 * slow reader costs at most that much memory, and a resume later reads what it missed from the
 * log in pages.
 */

type Packet = { data?: unknown };
/** The parts of engine.io's Socket read here (its `writeBuffer` and `transport` are not in its types). */
export type WatchedConn = {
  on(event: "packetCreate", f: (packet: Packet) => void): unknown;
  on(event: "flush", f: () => void): unknown;
  transport?: { socket?: { bufferedAmount?: number } };
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
    const held = queued + (conn.transport?.socket?.bufferedAmount ?? 0);
    if (held > limitBytes) {
      over = true;
      onOver(held);
    }
  });
}
