import { useState } from "react";
import { ConfirmDialog } from "../common/ConfirmDialog";
import { t } from "../texts";
import { resetFacilitatorToken } from "./access";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";

const T = t.access.facilitatorToken;

/**
 * A reset of the game's facilitator token, like a seat's code: for a console left open on a
 * borrowed computer or a token that leaked. The server stops every other facilitator token of
 * the game at once; this browser keeps the new one, so its own console tabs follow.
 */
export function FacilitatorTokenReset({ gameId }: { gameId: string }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function reset() {
    setAsking(false);
    setBusy(true);
    setDone(false);
    setError(null);
    try {
      await resetFacilitatorToken(gameId);
      setDone(true);
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card no-print" aria-labelledby="fac-token-title">
      <h2 id="fac-token-title">{T.title}</h2>
      <p className="hint" id="fac-token-hint">
        {T.hint}
      </p>
      <button
        type="button"
        className="secondary"
        onClick={() => setAsking(true)}
        disabled={busy}
        aria-describedby="fac-token-hint"
        data-testid="reset-facilitator-token"
      >
        {T.button}
      </button>
      <ErrorText message={error} />
      <p aria-live="polite" className="fac-ok" data-testid="facilitator-token-reset-done">
        {done ? T.done : ""}
      </p>
      <ConfirmDialog
        open={asking}
        title={T.question}
        confirmLabel={T.confirm}
        danger
        onConfirm={reset}
        onCancel={() => setAsking(false)}
      >
        <p>{T.text}</p>
      </ConfirmDialog>
    </section>
  );
}
