import { useId, useState } from "react";
import { rulesOf, versionForView } from "../../../../shared/rulesVersions";
import { formatTimeOfDay } from "../../common/PhaseClock";
import type { GameProps } from "../../core/gameProps";
import { t } from "../../texts";
import { ErrorText } from "../ErrorText";
import { Confirm } from "./Confirm";
import { MinutesInput, minutesOf } from "./MinutesInput";
import { useMove } from "./useMove";

const T = t.facilitator.console.lastCall;

/**
 * Last call (rules version 3): a set number of minutes in which only signing and unsigning are
 * open, then the end. Beside "End the game", which ends it at once; a game of older rules says why
 * it has none.
 */
export function LastCall({ view, send }: Pick<GameProps, "view" | "send">) {
  const move = useMove(send);
  const [minutes, setMinutes] = useState("3");
  const minutesId = useId();
  if (view.outcome) return null;
  const p = view.phase;
  const allowed = rulesOf(versionForView(view.rulesVersion)).lastCall;
  const n = minutesOf(minutes);

  return (
    <section className="card con-last-call" aria-labelledby="con-last-call-title" data-testid="last-call">
      <h2 id="con-last-call-title">{T.title}</h2>
      {!allowed ? (
        <p className="hint">{T.olderRules(view.rulesVersion)}</p>
      ) : p.lastCall ? (
        <p className="hint" role="status" data-testid="last-call-on">
          {p.endsAt !== null ? T.on(formatTimeOfDay(p.endsAt)) : T.onPaused}
        </p>
      ) : (
        <>
          <p className="hint">{T.hint}</p>
          <label htmlFor={minutesId}>{T.minutesLabel}</label>
          <div className="fac-inline">
            <MinutesInput id={minutesId} value={minutes} onChange={setMinutes} testId="last-call-minutes" />
          </div>
          {n === null ? (
            <p className="hint">{T.range}</p>
          ) : (
            <Confirm
              label={T.button(n)}
              question={T.question(n)}
              confirmLabel={T.confirm}
              testId="last-call-button"
              disabled={move.busy}
              onConfirm={() => move.run({ type: "lastCall", minutes: n })}
            />
          )}
        </>
      )}
      <ErrorText message={move.error} />
    </section>
  );
}
