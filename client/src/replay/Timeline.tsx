import { useId } from "react";
import type { Scenario } from "../../../shared/index";
import { t } from "../texts";
import type { Mark } from "./fold";

const T = t.replay.timeline;

/**
 * The scrubber: a range over every event (arrow keys step one, Page Up/Down jump, Home/End), with
 * the phases as labelled bands beneath it and the injects, Control's rulings and undos, and the end
 * as markers. Bands and
 * markers are buttons that jump to their moment, so the landmarks are reachable by keyboard too.
 */
export function Timeline({
  count,
  seq,
  marks,
  onSeek,
  valueText,
  phaseAt,
  phases,
}: {
  count: number;
  seq: number;
  marks: Mark[];
  onSeek: (seq: number) => void;
  valueText: string;
  phaseAt: number[];
  phases: Scenario["phases"];
}) {
  const id = useId();
  const pct = (s: number) => (count === 0 ? 0 : (s / count) * 100);
  const bands: { start: number; end: number; title: string }[] = [];
  const starts = [0, ...marks.filter((m) => m.kind === "phase").map((m) => m.seq)];
  starts.forEach((start, i) => {
    const end = starts[i + 1] ?? count;
    bands.push({ start, end, title: phases[phaseAt[start] ?? 0]?.title ?? "" });
  });
  const points = marks.filter((m) => m.kind !== "phase");

  return (
    <div className="rp-timeline">
      <label htmlFor={id}>{T.label}</label>
      <input
        id={id}
        type="range"
        min={0}
        max={count}
        step={1}
        value={seq}
        onChange={(e) => onSeek(Number(e.target.value))}
        aria-valuetext={valueText}
        data-testid="replay-scrubber"
        aria-describedby={`${id}-hint`}
      />
      <p className="visually-hidden" id={`${id}-hint`}>
        {T.hint}
      </p>
      <fieldset className="rp-track">
        <legend className="visually-hidden">{T.landmarks}</legend>
        <div className="rp-bands">
          {bands.map((b) => (
            <button
              key={`${b.start}-${b.title}`}
              type="button"
              className={`rp-band${seq >= b.start && (seq < b.end || b.end === count) ? " rp-band-current" : ""}`}
              style={{ left: `${pct(b.start)}%`, width: `${Math.max(0, pct(b.end) - pct(b.start))}%` }}
              onClick={() => onSeek(b.start)}
              title={T.phaseAt(b.title, b.start)}
              aria-label={T.phaseAt(b.title, b.start)}
              data-testid="replay-phase-mark"
            >
              <span>{b.title}</span>
            </button>
          ))}
        </div>
        <div className="rp-points">
          {points.map((m) => {
            const label =
              m.kind === "end"
                ? T.end(m.seq)
                : m.kind === "control"
                  ? t.control.timeline.at(m.label, m.seq)
                  : T.injectAt(m.label, m.seq);
            return (
              <button
                key={`${m.kind}-${m.seq}-${m.label}`}
                type="button"
                className={`rp-point rp-point-${m.kind}`}
                style={{ left: `${pct(m.seq)}%` }}
                onClick={() => onSeek(m.seq)}
                title={label}
                aria-label={label}
                data-testid={`replay-${m.kind}-mark`}
              >
                {m.kind === "end" ? "■" : m.kind === "control" ? "⚖" : "◆"}
              </button>
            );
          })}
        </div>
      </fieldset>
    </div>
  );
}
