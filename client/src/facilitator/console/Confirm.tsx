import { useEffect, useRef, useState } from "react";
import { t } from "../../texts";

/**
 * A button that asks before it acts: the question and a confirm button appear in place, the
 * confirm button takes the focus, and Cancel (or Escape) returns it to the button.
 */
export function Confirm({
  label,
  question,
  confirmLabel,
  testId,
  disabled,
  onConfirm,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  testId: string;
  disabled?: boolean;
  onConfirm: () => void;
}) {
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const confirm = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) confirm.current?.focus();
    else if (wasOpen.current) trigger.current?.focus();
    wasOpen.current = open;
  }, [open]);
  if (!open) {
    return (
      <button
        ref={trigger}
        type="button"
        className="danger"
        data-testid={testId}
        disabled={disabled}
        onClick={() => setOpen(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <fieldset
      className="con-confirm"
      onKeyDown={(e) => {
        if (e.key === "Escape") setOpen(false);
      }}
    >
      <legend>
        <strong>{question}</strong>
      </legend>
      <button
        ref={confirm}
        type="button"
        className="danger"
        data-testid="confirm-button"
        onClick={() => {
          setOpen(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>{" "}
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        {t.common.cancel}
      </button>
    </fieldset>
  );
}
