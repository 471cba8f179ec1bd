import pg from "pg";
import type { Logger } from "pino";
import { z } from "zod";
import { PG_LIMITS } from "./connect";
import { EVENTS_CHANNEL } from "./gameStore";

/**
 * Listens, on a connection of its own, for the events other server processes append to the same
 * PostgreSQL database (their append statement NOTIFYs), and hands each on. Reconnects after a
 * lost connection, with backoff; once listening again it calls `onReconnect`, which catches up
 * every game this process holds: an event stored while nobody listened has no notice coming.
 */

const noticeSchema = z.object({ origin: z.string(), gameId: z.string(), seq: z.int() });
export type Notice = z.infer<typeof noticeSchema>;
/** A group commit's one notice for all the events its statement stored (db/batchAppend.ts). */
const batchNoticeSchema = z.object({ origin: z.string(), events: z.array(z.tuple([z.string(), z.int()])).max(1000) });

const MAX_BACKOFF_MS = 5_000;

export class EventNotices {
  private client: pg.Client | null = null;
  private closed = false;
  private retry: NodeJS.Timeout | null = null;
  /** Failed attempts in a row: the next wait doubles with each, up to MAX_BACKOFF_MS. */
  private failures = 0;
  private started = false;
  /** Connections lost so far (what /health and the tests count). */
  lost = 0;

  constructor(
    private readonly url: string,
    readonly origin: string,
    private readonly onNotice: (n: Notice) => void,
    private readonly log: Logger,
    private readonly onReconnect: () => void = () => {},
  ) {}

  get listening(): boolean {
    return this.client !== null;
  }

  encode(gameId: string, seq: number): string {
    return JSON.stringify({ origin: this.origin, gameId, seq });
  }

  async start(): Promise<void> {
    if (this.closed) return;
    // Any start after the first is a reconnection: the games held meanwhile may have missed events.
    const again = this.started;
    this.started = true;
    const client = new pg.Client({ connectionString: this.url, ...PG_LIMITS });
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
      const batch = batchNoticeSchema.safeParse(parsed);
      if (batch.success && batch.data.origin !== this.origin) {
        for (const [gameId, seq] of batch.data.events) this.onNotice({ origin: batch.data.origin, gameId, seq });
      }
    });
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.lost++;
      this.log.warn({ err }, "event notices: connection lost; reconnecting");
      this.reconnect();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${EVENTS_CHANNEL}`);
    } catch (err) {
      this.log.warn({ err }, "event notices: cannot listen; retrying");
      client.end().catch(() => {});
      this.failures++;
      this.schedule();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => {});
      return;
    }
    this.client = client;
    this.failures = 0;
    if (again) {
      this.log.info("event notices: listening again; catching up the games held here");
      this.onReconnect();
    }
  }

  private reconnect(): void {
    const dead = this.client;
    this.client = null;
    dead?.end().catch(() => {});
    this.schedule();
  }

  private schedule(): void {
    if (this.closed || this.retry) return;
    // 100 ms, then doubling to 5 s: a dropped connection comes back at once, a server that is
    // down is not hammered. Jitter keeps many processes from reconnecting in step.
    const wait = Math.min(MAX_BACKOFF_MS, 100 * 2 ** this.failures) * (0.75 + Math.random() / 2);
    this.retry = setTimeout(() => {
      this.retry = null;
      this.start().catch(() => {});
    }, wait);
    this.retry.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }
}
