import { useId, useState } from "react";
import { rulesOf, versionForView } from "../../../../shared/rulesVersions";
import type { GameProps } from "../../core/gameProps";
import { t } from "../../texts";
import { ErrorText } from "../ErrorText";
import { Confirm } from "./Confirm";
import { useMove } from "./useMove";

const T = t.control.undo;

/**
 * Undo Control's last action (rules version 4): its last ruling, or the last inject whose effects
 * changed points, walk-aways or the agenda. A compensating event: the record keeps both, and whoever
 * was told of the action is told of its undo. An undo is not undone (the server refuses it).
 */
export function UndoLast({ view, send }: Pick<GameProps, "view" | "send">) {
  const move = useMove(send);
  const [reason, setReason] = useState("");
  const id = useId();
  if (view.outcome || !rulesOf(versionForView(view.rulesVersion)).controlRulings) return null;
  const last = view.secrets?.undoable ?? null;
  return (
    <section className="card con-undo" aria-labelledby={`${id}-title`} data-testid="undo-last">
      <h2 id={`${id}-title`}>{T.title}</h2>
      {last === null ? (
        <p className="hint" data-testid="undo-none">
          {T.none}
        </p>
      ) : (
        <>
          <p data-testid="undo-what">{T.last(last.title)}</p>
          <label htmlFor={`${id}-reason`}>{T.reasonLabel}</label>
          <input
            id={`${id}-reason`}
            value={reason}
            maxLength={1000}
            onChange={(e) => setReason(e.target.value)}
            data-testid="undo-reason"
          />
          <Confirm
            label={T.button}
            question={T.question(last.title)}
            confirmLabel={T.confirm}
            testId="undo-button"
            disabled={move.busy}
            onConfirm={async () => {
              const ok = await move.run({ type: "undo", ...(reason.trim() ? { reason: reason.trim() } : {}) });
              if (ok) setReason("");
            }}
          />
        </>
      )}
      <ErrorText message={move.error} />
    </section>
  );
}
