import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  type TooltipContentProps,
  XAxis,
  YAxis,
} from "recharts";
import { t } from "../texts";
import { useChartWidth } from "./chartSize";

const T = t.replay.concessionChart;

export type CurvePoint = { x: number; self: number; other: number; label: string };
export type CurveData = {
  side: string;
  sideName: string;
  otherName: string;
  reservation: number;
  points: CurvePoint[];
};

const SELF = "#1d4f91";
const OTHER = "#a3201d";
const PHASE = "#6b7684";
const RESERVATION = "#4a5563";

function Tip({ active, payload }: TooltipContentProps) {
  const first = payload?.[0];
  if (!active || !first) return null;
  const p = first.payload as CurvePoint;
  return (
    <div className="deb-tip">
      <strong>{p.label}</strong>
      {payload.map((item) => (
        <div key={String(item.dataKey)}>
          {item.name}: {String(item.value)}
        </div>
      ))}
    </div>
  );
}

/**
 * One side's concession curve: what each of its proposals was worth to itself (solid, circles) and
 * to the other side (dashed, squares), by minutes into the game, with its reservation and the
 * phase changes marked. Loaded on demand with recharts.
 */
/** The other side's points are squares, so the two lines differ by shape and dash as well as colour. */
const squareDot = (p: { cx?: number; cy?: number; index?: number }) => (
  <rect key={`sq-${p.index}`} x={(p.cx ?? 0) - 4} y={(p.cy ?? 0) - 4} width={8} height={8} fill={OTHER} />
);

export default function ConcessionChart({
  curve,
  phases,
  maxX,
  xLabel,
  summary,
}: {
  curve: CurveData;
  phases: { x: number; title: string }[];
  maxX: number;
  xLabel: string;
  summary: string;
}) {
  const [box, width] = useChartWidth();
  const ys = curve.points.flatMap((p) => [p.self, p.other]).concat(curve.reservation);
  const domainY: [number, number] = [
    Math.floor(Math.min(0, ...ys) / 10) * 10,
    Math.ceil((Math.max(...ys) + 2) / 10) * 10,
  ];
  return (
    <div ref={box} role="img" aria-label={summary} className="deb-chart-box">
      {width > 0 && (
        <LineChart
          width={width}
          height={280}
          data={curve.points}
          margin={{ top: 8, right: 16, bottom: 28, left: 8 }}
          accessibilityLayer={false}
        >
          <CartesianGrid strokeDasharray="2 4" />
          <XAxis
            type="number"
            dataKey="x"
            domain={[0, Math.max(1, Math.ceil(maxX))]}
            allowDecimals={false}
            label={{ value: xLabel, position: "insideBottom", offset: -16 }}
          />
          <YAxis
            type="number"
            domain={domainY}
            allowDecimals={false}
            width={48}
            label={{ value: T.yAxis, angle: -90, position: "insideLeft", offset: 10 }}
          />
          {phases.map((p) => (
            <ReferenceLine
              key={`${p.x}-${p.title}`}
              x={p.x}
              stroke={PHASE}
              strokeDasharray="2 3"
              label={{ value: p.title, position: "insideTopLeft", fontSize: 11 }}
            />
          ))}
          <ReferenceLine
            y={curve.reservation}
            stroke={RESERVATION}
            strokeDasharray="8 4"
            label={{ value: T.reservation(curve.sideName), position: "insideBottomRight", fontSize: 12 }}
          />
          <Line
            name={T.self(curve.sideName)}
            dataKey="self"
            stroke={SELF}
            strokeWidth={2}
            dot={{ r: 4, fill: SELF }}
            isAnimationActive={false}
          />
          <Line
            name={T.other(curve.otherName)}
            dataKey="other"
            stroke={OTHER}
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={squareDot}
            legendType="square"
            isAnimationActive={false}
          />
          <Tooltip content={Tip} isAnimationActive={false} />
          <Legend verticalAlign="top" height={32} itemSorter={null} />
        </LineChart>
      )}
    </div>
  );
}
