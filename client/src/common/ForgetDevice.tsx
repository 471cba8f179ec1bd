import { useState } from "react";
import { storage } from "../core/storage";
import { t } from "../texts";
import { ConfirmDialog } from "./ConfirmDialog";

const T = t.access.forget;

/**
 * "Forget this device", for a shared or borrowed computer: after a confirmation, every key, token
 * and code this client kept in the browser is removed. Pages open in other tabs follow at once
 * (they watch the storage): their seats close.
 */
export function ForgetDevice({ className }: { className?: string }) {
  const [asking, setAsking] = useState(false);
  const [done, setDone] = useState(false);
  return (
    <section className={`card ${className ?? ""}`} aria-labelledby="forget-title" data-testid="forget-device">
      <h2 id="forget-title">{T.title}</h2>
      <p className="hint" id="forget-hint">
        {T.hint}
      </p>
      <button
        type="button"
        className="secondary"
        onClick={() => setAsking(true)}
        aria-describedby="forget-hint"
        data-testid="forget-device-button"
      >
        {T.button}
      </button>
      <p aria-live="polite" className="status-ok" data-testid="forget-device-done">
        {done ? T.done : ""}
      </p>
      <ConfirmDialog
        open={asking}
        title={T.question}
        confirmLabel={T.confirm}
        danger
        onConfirm={() => {
          storage.forgetAll();
          setAsking(false);
          setDone(true);
        }}
        onCancel={() => setAsking(false)}
      >
        <p>{T.text}</p>
      </ConfirmDialog>
    </section>
  );
}
