import type { GameProps } from "../../core/gameProps";
import { t } from "../../texts";
import { ErrorText } from "../ErrorText";
import { Confirm } from "./Confirm";
import { useMove } from "./useMove";

const T = t.facilitator.console.end;

/** Ending the game now (no agreement unless both signatures already stand), after a confirmation. */
export function EndGame({ view, send }: Pick<GameProps, "view" | "send">) {
  const move = useMove(send);
  if (view.outcome) return null;
  return (
    <section className="card con-end" aria-labelledby="con-end-title">
      <h2 id="con-end-title">{T.title}</h2>
      <p className="hint">{T.hint}</p>
      <Confirm
        label={T.button}
        question={T.question}
        confirmLabel={T.confirm}
        testId="end-game"
        disabled={move.busy}
        onConfirm={() => move.run({ type: "endGame" })}
      />
      <ErrorText message={move.error} />
    </section>
  );
}
