import { monitorEventLoopDelay } from "node:perf_hooks";

/**
 * What an operator (and the benchmark) needs to see from outside: how long moves take inside the
 * server, from the socket's message to its acknowledgement, and how late the event loop runs.
 * A ring of the last 10,000 moves; numbers only, nothing about any game.
 */
export class Metrics {
  private readonly ring = new Float64Array(10_000);
  private count = 0;
  private readonly loop = monitorEventLoopDelay({ resolution: 10 });

  constructor() {
    this.loop.enable();
  }

  moveTook(ms: number): void {
    this.ring[this.count % this.ring.length] = ms;
    this.count++;
  }

  snapshot() {
    const n = Math.min(this.count, this.ring.length);
    const xs = Array.from(this.ring.subarray(0, n)).sort((a, b) => a - b);
    const at = (p: number) => (n === 0 ? null : round(xs[Math.min(n - 1, Math.floor(p * n))]!));
    const loop = {
      p50: round(this.loop.percentile(50) / 1e6),
      p99: round(this.loop.percentile(99) / 1e6),
      max: round(this.loop.max / 1e6),
    };
    this.loop.reset();
    const mem = process.memoryUsage();
    return {
      moves: this.count,
      moveMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99) },
      eventLoopDelayMs: loop,
      // Where an RSS goes: the JS heap in use and reserved, and what lives outside it (buffers).
      memoryMb: {
        rss: round(mem.rss / 2 ** 20),
        heapUsed: round(mem.heapUsed / 2 ** 20),
        heapTotal: round(mem.heapTotal / 2 ** 20),
        external: round(mem.external / 2 ** 20),
      },
    };
  }

  reset(): void {
    this.count = 0;
    this.loop.reset();
  }

  close(): void {
    this.loop.disable();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;
