import {
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  type ScatterShapeProps,
  Symbols,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { t } from "../../texts";

const T = t.facilitator.console.chart;
type Point = { a: number; b: number };

// Shapes and line styles tell the series apart as much as colours do (and the legend names them).
const INK = "#15202b";
const DRAFT = "#b35c00";
const NASH = "#1e6b35";
const RESERVATION = "#4a5563";

/** A marker larger than the frontier's dots, so the draft and the Nash package stand out. */
const marker = (type: "star" | "triangle", fill: string) => (p: ScatterShapeProps) => (
  <Symbols
    cx={p.cx}
    cy={p.cy}
    type={type}
    size={type === "star" ? 260 : 200}
    fill={fill}
    stroke="#fff"
    strokeWidth={1}
  />
);
const starShape = marker("star", DRAFT);
const triangleShape = marker("triangle", NASH);

/**
 * Score space: side A's points across, side B's up. The Pareto frontier (a line of points), each
 * side's reservation (dashed lines), the draft (a star) and the Nash package (a triangle).
 * Loaded on demand: the chart library never reaches a page that does not draw a chart.
 */
export default function FrontierChart({
  sideA,
  sideB,
  frontier,
  reservations,
  draft,
  nash,
}: {
  sideA: string;
  sideB: string;
  frontier: Point[];
  reservations: Point;
  draft: Point;
  nash: Point | null;
}) {
  const all = [...frontier, draft, reservations, ...(nash ? [nash] : [])];
  const pad = 5;
  const domainA: [number, number] = [
    Math.floor(Math.min(0, ...all.map((p) => p.a)) / 10) * 10,
    Math.ceil((Math.max(...all.map((p) => p.a)) + pad) / 10) * 10,
  ];
  const domainB: [number, number] = [
    Math.floor(Math.min(0, ...all.map((p) => p.b)) / 10) * 10,
    Math.ceil((Math.max(...all.map((p) => p.b)) + pad) / 10) * 10,
  ];
  const summary = T.summary(sideA, sideB, draft, reservations, frontier.length);
  return (
    <div role="img" aria-label={summary} className="con-chart-box">
      <ResponsiveContainer width="100%" height={340}>
        <ScatterChart margin={{ top: 8, right: 16, bottom: 28, left: 8 }} accessibilityLayer={false}>
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
          <Scatter
            name={T.frontier}
            data={frontier}
            fill={INK}
            line={{ stroke: INK, strokeWidth: 2 }}
            shape="circle"
            isAnimationActive={false}
          />
          {nash && (
            <Scatter
              name={T.nash}
              data={[nash]}
              fill={NASH}
              shape={triangleShape}
              legendType="triangle"
              isAnimationActive={false}
            />
          )}
          <Scatter
            name={T.draft}
            data={[draft]}
            fill={DRAFT}
            shape={starShape}
            legendType="star"
            isAnimationActive={false}
          />
          <Tooltip cursor={{ strokeDasharray: "3 3" }} isAnimationActive={false} />
          <Legend verticalAlign="top" height={32} />
        </ScatterChart>
      </ResponsiveContainer>
    </div>
  );
}
