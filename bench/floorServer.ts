import { createServer } from "node:http";
import { Server } from "socket.io";

/**
 * The floor of the issue #13 workload (bench/floor.ts): a Socket.IO server that does only what
 * every move's fan-out must, with no rules, no database and no views. A move is acknowledged at
 * once and an `event` of FLOOR_EVENT_BYTES goes to each of its table's sockets, by one room emit
 * (one packet encoded for all ten, then a write per socket: the cheapest Socket.IO has). What this
 * process cannot sustain on a machine, no game server built on Socket.IO can.
 *
 * Started by bench/floor.ts as `node` on its esbuild bundle, like the real server in the bench.
 */

const port = Number(process.env.PORT);
const eventBytes = Number(process.env.FLOOR_EVENT_BYTES ?? 1700);
// An object of a compact view's size and grain (many short fields), so the bytes on the wire and
// the clients' parsing are about the real server's.
const view: Record<string, string | number> = {};
for (let i = 0; JSON.stringify(view).length < eventBytes - 60; i++) view[`field${i}`] = i % 2 ? `value ${i}` : i;

const http = createServer((req, res) => {
  res.writeHead(req.url === "/health" ? 200 : 404).end();
});
const io = new Server(http, { transports: ["websocket"], serveClient: false });
let seq = 0;

io.on("connection", (socket) => {
  const table = String(socket.handshake.query.table);
  socket.join(table);
  socket.on("move", (_move: unknown, ack: (a: unknown) => void) => {
    seq++;
    ack({ ok: true, seq });
    io.to(table).emit("event", { seq, view });
  });
});

http.listen(port, "127.0.0.1");
process.on("SIGTERM", () => {
  io.close();
  http.close(() => process.exit(0));
});
