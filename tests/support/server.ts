import { io, type Socket } from "socket.io-client";
import { type App, buildApp } from "../../server/app";
import { type Config, loadConfig } from "../../server/config";
import type { Database } from "../../server/db/connect";
import type { BotTurnFn } from "../../server/games/botRunner";

/** The operator's key of every test server (OPERATOR_KEY), unless a test sets its own. */
export const TEST_OPERATOR_KEY = "test-operator-key-0123456789abcdef";

/** A real server on a real port (any free one, or `env.PORT`: a restart reuses its port), on the given database. */
export type Running = App & { url: string; logs: string[]; stop(): Promise<void> };

export async function startServer(
  db: Database,
  env: Record<string, string> = {},
  options: { botTurn?: BotTurnFn } = {},
): Promise<Running> {
  const config: Config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "info",
    OPERATOR_KEY: TEST_OPERATOR_KEY,
    ...env,
  });
  const logs: string[] = [];
  const built = await buildApp(config, db, { logStream: { write: (line) => logs.push(line) }, ...options });
  await built.app.listen({ port: config.PORT, host: "127.0.0.1" });
  const address = built.app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return { ...built, url: `http://127.0.0.1:${port}`, logs, stop: () => built.app.close() };
}

export type Json = Record<string, unknown>;

/** A new facilitator key, issued by the operator (as the dashboard or `npm run keys` would). */
export async function facilitatorKey(base: string, name = "Test facilitator"): Promise<string> {
  const r = await http(base, "POST", "/api/facilitators", { token: TEST_OPERATOR_KEY, body: { name } });
  if (r.status !== 201) throw new Error(`could not issue a key: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body.facilitatorKey;
}

/** A small HTTP client: JSON in and out, status kept. */
export async function http(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined && !headers["content-type"]) headers["content-type"] = "application/json";
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {}
  return { status: res.status, body: parsed };
}

/** A seat's socket that records everything it receives, in order. */
export class SeatClient {
  readonly socket: Socket;
  readonly received: { name: string; payload: any }[] = [];
  view: any = null;
  lastSeq = 0;

  constructor(url: string, token: string) {
    this.socket = io(url, { auth: { token }, transports: ["websocket"], reconnection: false, forceNew: true });
    this.socket.onAny((name, payload) => {
      this.received.push({ name, payload });
      if (name === "state" || name === "event") {
        this.view = name === "state" ? payload.view : { ...this.view, ...payload.view, channels: this.view?.channels };
        this.lastSeq = Math.max(this.lastSeq, payload.seq);
      }
    });
  }

  connected(): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.socket.connected && this.view) return resolve();
      this.socket.once("connect_error", reject);
      const check = () => (this.view ? resolve() : setTimeout(check, 5));
      this.socket.once("connect", check);
    });
  }

  move(move: unknown): Promise<any> {
    return this.socket.timeout(15_000).emitWithAck("move", move);
  }

  /** Waits until an event with at least this seq has arrived. */
  async until(seq: number, timeoutMs = 15_000): Promise<void> {
    const start = Date.now();
    while (this.lastSeq < seq) {
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for seq ${seq} (at ${this.lastSeq})`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  events(): any[] {
    return this.received.filter((r) => r.name === "event").map((r) => r.payload);
  }

  close(): void {
    this.socket.close();
  }
}

export async function connect(url: string, token: string): Promise<SeatClient> {
  const c = new SeatClient(url, token);
  await c.connected();
  return c;
}
