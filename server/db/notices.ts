import pg from "pg";
import type { Logger } from "pino";
import { z } from "zod";
import { EVENTS_CHANNEL } from "./gameStore";

/**
 * Listens, on a connection of its own, for the events other server processes append to the same
 * PostgreSQL database (their append statement NOTIFYs), and hands each on. Reconnects after a
 * lost connection; events missed meanwhile are read from the database on the next notice.
 */

const noticeSchema = z.object({ origin: z.string(), gameId: z.string(), seq: z.int() });
export type Notice = z.infer<typeof noticeSchema>;

export class EventNotices {
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;

  constructor(
    private readonly url: string,
    readonly origin: string,
    private readonly onNotice: (n: Notice) => void,
    private readonly log: Logger,
  ) {}

  encode(gameId: string, seq: number): string {
    return JSON.stringify({ origin: this.origin, gameId, seq });
  }

  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.url });
    client.on("notification", (msg) => {
      if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(msg.payload);
      } catch {
        return;
      }
      const n = noticeSchema.safeParse(parsed);
      if (n.success && n.data.origin !== this.origin) this.onNotice(n.data);
    });
    client.on("error", (err) => {
      this.log.warn({ err }, "event notices: connection lost; reconnecting");
      this.reconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
      this.client = client;
    } catch (err) {
      this.log.warn({ err }, "event notices: cannot listen; retrying");
      client.end().catch(() => {});
      this.reconnect();
    }
  }

  private reconnect(): void {
    if (this.closed || this.retry) return;
    this.client?.end().catch(() => {});
    this.client = null;
    this.retry = setTimeout(() => {
      this.retry = null;
      this.start().catch(() => {});
    }, 1000);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.client?.end().catch(() => {});
  }
}
