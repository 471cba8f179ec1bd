/**
 * Token buckets by key: each key may take `burst` at once, refilled at `perSecond`. One instance
 * holds every key of one kind of limit (every seat's moves, every address's joins), so that all the
 * ways in to one key (its sockets, HTTP, re-joins) draw on the same budget.
 */
export class Buckets {
  private readonly buckets = new Map<string, { tokens: number; last: number }>();
  private takes = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** A limit of `n` per `ms` (n at once, then n per ms on average). */
  static per(n: number, ms: number, now?: () => number): Buckets {
    return new Buckets((n * 1000) / ms, n, now);
  }

  /** 0 if `key` may go now, else how many milliseconds until it may. Takes nothing. */
  wait(key: string): number {
    const tokens = this.level(key, this.now());
    return tokens >= 1 ? 0 : Math.ceil(((1 - tokens) / this.perSecond) * 1000);
  }

  /** Takes one for `key` if it may go now and returns 0; else takes nothing and returns the wait in ms. */
  take(key: string): number {
    const t = this.now();
    const tokens = this.level(key, t);
    if (tokens < 1) return Math.ceil(((1 - tokens) / this.perSecond) * 1000);
    this.buckets.set(key, { tokens: tokens - 1, last: t });
    if (++this.takes % 1024 === 0) this.sweep(t);
    return 0;
  }

  /**
   * Gives back one taken for `key` (never past the burst): a budget of failures takes before the
   * attempt, so parallel attempts cannot all pass, and gives back when the attempt did not fail.
   */
  give(key: string): void {
    const t = this.now();
    const b = this.buckets.get(key);
    if (b) this.buckets.set(key, { tokens: Math.min(this.burst, this.level(key, t) + 1), last: t });
  }

  get size(): number {
    return this.buckets.size;
  }

  private level(key: string, t: number): number {
    const b = this.buckets.get(key);
    if (!b) return this.burst;
    return Math.min(this.burst, b.tokens + (Math.max(0, t - b.last) / 1000) * this.perSecond);
  }

  // A full bucket is the same as none: forgetting it keeps memory to the keys in use.
  private sweep(t: number): void {
    for (const [key, b] of this.buckets) {
      if (b.tokens + ((t - b.last) / 1000) * this.perSecond >= this.burst) this.buckets.delete(key);
    }
  }
}

/** Takes one from each (key, buckets) pair if all may go now; else none, and the longest wait. */
export function takeAll(pairs: [Buckets, string][]): number {
  const wait = Math.max(0, ...pairs.map(([b, key]) => b.wait(key)));
  if (wait > 0) return wait;
  for (const [b, key] of pairs) b.take(key);
  return 0;
}
