import { z } from "zod";

/**
 * How long the server waits on a client; the same http.Server carries Socket.IO, so these apply
 * to its long-polling too. To merge into server/config.ts's configSchema.
 */
export const timeoutConfig = {
  /**
   * The whole request, headers and body, must arrive within this. 300 s (Node's own default)
   * lets a 20 MB import through on a link of about 550 kbit/s (a crowded classroom Wi-Fi), and
   * still ends a slow-drip upload. A long-poll GET is received at once, so it is not affected.
   */
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(3600).default(300),
  /**
   * A socket with no byte either way for this long is closed. Socket.IO's longest silence is a
   * long-poll held until the next ping (pingInterval 25 s), and a websocket pings every 25 s, so
   * 120 s is well clear of both, and of a large import being verified before its answer.
   */
  CONNECTION_TIMEOUT_SECONDS: z.coerce.number().int().min(30).max(3600).default(120),
};

export type TimeoutConfig = { [K in keyof typeof timeoutConfig]: z.infer<(typeof timeoutConfig)[K]> };

/** Fastify constructor options for the timeouts above. */
export function serverTimeouts(config: TimeoutConfig): { requestTimeout: number; connectionTimeout: number } {
  return {
    requestTimeout: config.REQUEST_TIMEOUT_SECONDS * 1000,
    connectionTimeout: config.CONNECTION_TIMEOUT_SECONDS * 1000,
  };
}
