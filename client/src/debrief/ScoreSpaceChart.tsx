import {
  CartesianGrid,
  Legend,
  ReferenceLine,
  Scatter,
  ScatterChart,
  type ScatterShapeProps,
  Symbols,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from "recharts";
import { t } from "../texts";
import { useChartWidth } from "./chartSize";

const T = t.replay.chart;

/** `tag`, when given, is written beside the point's mark (a cohort's table label), not only in its tooltip. */
export type ChartPoint = { a: number; b: number; label?: string; tag?: string };
export type MarkShape = "star" | "triangle" | "diamond" | "square" | "cross" | "circle" | "wye";
export type ChartSeries = { key: string; name: string; points: ChartPoint[]; shape: MarkShape; color: string };

const CLOUD = "#9aa6b4";
const INK = "#15202b";
const RESERVATION = "#4a5563";

const marker = (type: MarkShape, fill: string) => (p: ScatterShapeProps) => {
  const tag = (p.payload as ChartPoint | undefined)?.tag;
  return (
    <g>
      <Symbols
        cx={p.cx}
        cy={p.cy}
        type={type}
        size={type === "star" ? 280 : 190}
        fill={fill}
        stroke="#fff"
        strokeWidth={1}
      />
      {tag && (
        <text
          x={(p.cx ?? 0) + 10}
          y={(p.cy ?? 0) - 8}
          fontSize={13}
          fontWeight={700}
          fill={INK}
          stroke="#fff"
          strokeWidth={3}
          paintOrder="stroke"
          className="chart-tag"
        >
          {tag}
        </text>
      )}
    </g>
  );
};

/** The cloud's dots are small: thousands of pairs must not hide the frontier and the marks. */
const cloudDot = (p: ScatterShapeProps) => <circle cx={p.cx} cy={p.cy} r={2.2} fill={CLOUD} />;

function PointTip({ active, payload }: TooltipContentProps) {
  const item = payload?.[0];
  if (!active || !item) return null;
  const p = item.payload as ChartPoint;
  return (
    <div className="deb-tip">
      <strong>{item.name}</strong>
      {p.label && <div>{p.label}</div>}
      <div>{T.pair(p.a, p.b)}</div>
    </div>
  );
}

/**
 * Score space for the debrief and the cohort: side A's points across, side B's up. Every distinct
 * reachable score pair (a grey cloud), the Pareto frontier (a line), each side's reservation
 * (dashed lines), and marked points (the deal, Nash, the forecast, or every game of a cohort),
 * each with its own shape as well as colour. Loaded on demand: recharts stays out of the first page.
 */
export default function ScoreSpaceChart({
  sideA,
  sideB,
  cloud,
  frontier,
  reservations,
  series,
  summary,
  height = 420,
}: {
  sideA: string;
  sideB: string;
  cloud: ChartPoint[];
  frontier: ChartPoint[];
  reservations: { a: number; b: number };
  series: ChartSeries[];
  summary: string;
  height?: number;
}) {
  const [box, width] = useChartWidth();
  const all = [...cloud, ...frontier, reservations, ...series.flatMap((s) => s.points)];
  const lo = (xs: number[]) => Math.floor(Math.min(0, ...xs) / 10) * 10;
  const hi = (xs: number[]) => Math.ceil((Math.max(...xs) + 3) / 10) * 10;
  const domainA: [number, number] = [lo(all.map((p) => p.a)), hi(all.map((p) => p.a))];
  const domainB: [number, number] = [lo(all.map((p) => p.b)), hi(all.map((p) => p.b))];
  return (
    <div ref={box} role="img" aria-label={summary} className="deb-chart-box">
      {width > 0 && (
        <ScatterChart
          width={width}
          height={height}
          margin={{ top: 8, right: 16, bottom: 28, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="2 4" />
          <XAxis
            type="number"
            dataKey="a"
            name={sideA}
            domain={domainA}
            allowDecimals={false}
            label={{ value: T.axis(sideA), position: "insideBottom", offset: -16 }}
          />
          <YAxis
            type="number"
            dataKey="b"
            name={sideB}
            domain={domainB}
            allowDecimals={false}
            width={48}
            label={{ value: T.axis(sideB), angle: -90, position: "insideLeft", offset: 10 }}
          />
          <ReferenceLine
            x={reservations.a}
            stroke={RESERVATION}
            strokeDasharray="8 4"
            label={{ value: T.reservation(sideA), position: "insideTopLeft", fontSize: 12 }}
          />
          <ReferenceLine
            y={reservations.b}
            stroke={RESERVATION}
            strokeDasharray="8 4"
            label={{ value: T.reservation(sideB), position: "insideBottomLeft", fontSize: 12 }}
          />
          {cloud.length > 0 && (
            <Scatter
              name={T.cloud}
              data={cloud}
              fill={CLOUD}
              shape={cloudDot}
              legendType="circle"
              isAnimationActive={false}
            />
          )}
          <Scatter
            name={T.frontier}
            data={frontier}
            fill={INK}
            line={{ stroke: INK, strokeWidth: 2 }}
            shape="circle"
            isAnimationActive={false}
          />
          {series.map((s) => (
            <Scatter
              key={s.key}
              name={s.name}
              data={s.points}
              fill={s.color}
              shape={marker(s.shape, s.color)}
              legendType={s.shape}
              isAnimationActive={false}
            />
          ))}
          <Tooltip cursor={{ strokeDasharray: "3 3" }} isAnimationActive={false} content={PointTip} />
          <Legend verticalAlign="top" height={48} itemSorter={null} />
        </ScatterChart>
      )}
    </div>
  );
}
