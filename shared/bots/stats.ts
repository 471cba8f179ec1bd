/** A distribution's summary: its mean and quartiles (linear interpolation between ranks). */
export type Summary = { n: number; mean: number; min: number; q1: number; median: number; q3: number; max: number };

export function summarize(values: readonly number[]): Summary | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => {
    const pos = (sorted.length - 1) * q;
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  };
  return {
    n: sorted.length,
    mean: sorted.reduce((a, v) => a + v, 0) / sorted.length,
    min: sorted[0]!,
    q1: at(0.25),
    median: at(0.5),
    q3: at(0.75),
    max: sorted.at(-1)!,
  };
}

/** The share of `count` in `of`, 0 when `of` is 0. */
export const share = (count: number, of: number) => (of === 0 ? 0 : count / of);
