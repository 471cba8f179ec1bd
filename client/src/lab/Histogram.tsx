import { t } from "../texts";

const T = t.lab.playtest;
const W = 320;
const H = 90;
const MAX_BINS = 20;

/** Scores in bins of equal width (whole points), at most MAX_BINS of them. */
export function bins(values: readonly number[]): { from: number; to: number; count: number }[] {
  if (values.length === 0) return [];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const width = Math.max(1, Math.ceil((hi - lo + 1) / MAX_BINS));
  const out = Array.from({ length: Math.floor((hi - lo) / width) + 1 }, (_, i) => ({
    from: lo + i * width,
    to: lo + (i + 1) * width - 1,
    count: 0,
  }));
  for (const v of values) out[Math.floor((v - lo) / width)]!.count++;
  return out;
}

/** A small bar chart of one side's scores over the games, drawn as SVG (no chart library needed). */
export function Histogram({ side, values }: { side: string; values: readonly number[] }) {
  const b = bins(values);
  const top = Math.max(1, ...b.map((x) => x.count));
  const bw = W / Math.max(1, b.length);
  const label = (x: { from: number; to: number }) => (x.from === x.to ? `${x.from}` : `${x.from}–${x.to}`);
  return (
    <figure className="lab-histogram" data-testid="lab-histogram">
      <figcaption>{T.histogram(side)}</figcaption>
      <svg
        viewBox={`0 0 ${W} ${H + 16}`}
        width={W}
        height={H + 16}
        role="img"
        aria-label={T.histogramSummary(side, b.map((x) => `${label(x)}: ${x.count}`).join(", "))}
      >
        {b.map((x, i) => {
          const h = (x.count / top) * H;
          return (
            <rect key={x.from} x={i * bw + 1} y={H - h} width={Math.max(1, bw - 2)} height={h} className="lab-bar">
              <title>{`${label(x)}: ${x.count}`}</title>
            </rect>
          );
        })}
        <text x={0} y={H + 13} className="lab-axis">
          {b[0] ? b[0].from : ""}
        </text>
        <text x={W} y={H + 13} textAnchor="end" className="lab-axis">
          {b.at(-1) ? b.at(-1)!.to : ""}
        </text>
      </svg>
    </figure>
  );
}
