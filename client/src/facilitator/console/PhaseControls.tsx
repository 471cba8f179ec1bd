import { useId, useState } from "react";
import { rulesOf, versionForView } from "../../../../shared/rulesVersions";
import { PhaseClock } from "../../common/PhaseClock";
import type { GameProps } from "../../core/gameProps";
import { t } from "../../texts";
import { ErrorText } from "../ErrorText";
import { Confirm } from "./Confirm";
import type { Labels } from "./labels";
import { MinutesInput, minutesOf } from "./MinutesInput";
import { useMove } from "./useMove";

const T = t.facilitator.console.phase;

/** The clock and the phases: start, pause, resume, extend, and move on. */
export function PhaseControls({ view, send, labels }: Pick<GameProps, "view" | "send"> & { labels: Labels }) {
  const clock = useMove(send);
  const advance = useMove(send);
  const extend = useMove(send);
  const [minutes, setMinutes] = useState("5");
  const minutesId = useId();
  const phases = view.scenario?.phases ?? [];
  const next = phases[view.phase.index + 1];
  const over = view.outcome !== null;
  const p = view.phase;
  const n = minutesOf(minutes);
  const badMinutes = n === null;
  // The game's own rules version sets how far it may be extended, not this bundle's latest.
  const maxExtend = rulesOf(versionForView(view.rulesVersion)).maxExtendMinutes;
  const room = maxExtend - p.extendedMinutes;

  return (
    <section className="card con-phase" aria-labelledby="con-phase-title">
      <h2 id="con-phase-title">{T.title}</h2>
      <PhaseClock view={view} />
      <p className="hint">
        {T.position(p.index + 1, phases.length)}
        {p.agenda.length > 0 && (
          <>
            {" · "}
            {T.agenda(p.agenda.map(labels.issue).join(", "))}
          </>
        )}
      </p>
      {over ? null : (
        <>
          <div className="con-buttons">
            {!p.started ? (
              <button
                type="button"
                data-testid="resume"
                disabled={clock.busy}
                onClick={() => clock.run({ type: "resume" })}
              >
                {T.start}
              </button>
            ) : p.paused ? (
              <button
                type="button"
                data-testid="resume"
                disabled={clock.busy}
                onClick={() => clock.run({ type: "resume" })}
              >
                <span aria-hidden="true">▶ </span>
                {T.resume}
              </button>
            ) : (
              <button
                type="button"
                className="secondary"
                data-testid="pause"
                disabled={clock.busy}
                onClick={() => clock.run({ type: "pause" })}
              >
                <span aria-hidden="true">❚❚ </span>
                {T.pause}
              </button>
            )}
          </div>
          <ErrorText message={clock.error} />

          {/* A last call's end is the game's: no phase follows it (the rules refuse advancePhase). */}
          <div className="con-buttons">
            {p.lastCall ? null : next ? (
              <button
                type="button"
                className="secondary"
                data-testid="advance-phase"
                disabled={advance.busy}
                onClick={() => advance.run({ type: "advancePhase" })}
              >
                {T.advance(next.title)} <span aria-hidden="true">→</span>
              </button>
            ) : (
              <Confirm
                label={T.advanceLast(p.title)}
                question={T.advanceLastQuestion}
                confirmLabel={T.advanceLastConfirm}
                testId="advance-phase"
                disabled={advance.busy}
                onConfirm={() => advance.run({ type: "advancePhase" })}
              />
            )}
          </div>
          <ErrorText message={advance.error} />

          <form
            className="con-extend"
            onSubmit={(e) => {
              e.preventDefault();
              if (n !== null) extend.run({ type: "extend", minutes: n });
            }}
          >
            <label htmlFor={minutesId}>{T.extendLabel}</label>
            <div className="fac-inline">
              <MinutesInput
                id={minutesId}
                value={minutes}
                onChange={setMinutes}
                describedBy={`${minutesId}-hint`}
                testId="extend-minutes"
              />
              <button type="submit" className="secondary" data-testid="extend" disabled={extend.busy || badMinutes}>
                {T.extend}
              </button>
            </div>
            <p className="hint" id={`${minutesId}-hint`}>
              {badMinutes ? T.extendRange : T.extendUsed(p.extendedMinutes, maxExtend, room)}
            </p>
            <ErrorText message={extend.error} />
          </form>
        </>
      )}
    </section>
  );
}
