import { useId } from "react";
import { t } from "../texts";
import { CopyButton } from "./CopyButton";

/**
 * A secret the server will never show again (a new key, an invite link): in a field to select,
 * with a copy button and the warning to keep it now.
 */
export function ShownOnce({
  label,
  value,
  copyLabel,
  testId,
  note,
}: {
  label: string;
  value: string;
  copyLabel: string;
  testId: string;
  /** Said before the warning (when an invite expires, for example). */
  note?: string;
}) {
  const id = useId();
  return (
    <div className="fac-shown-once" data-testid={`${testId}-box`}>
      <label htmlFor={id}>{label}</label>
      <div className="fac-inline">
        <input
          id={id}
          readOnly
          value={value}
          className="fac-mono"
          data-testid={testId}
          aria-describedby={`${id}-warning`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <CopyButton text={value} label={copyLabel} />
      </div>
      <p className="hint" id={`${id}-warning`}>
        {note && <>{note} </>}
        <strong>{t.access.shownOnce}</strong>
      </p>
    </div>
  );
}
