import { ErrorText } from "../ErrorText";

/** A console form's end: its send button, the refusal if any, and the word that it went. */
export function SendFooter({
  label,
  testId,
  disabled,
  error,
  sent,
}: {
  label: string;
  testId: string;
  disabled: boolean;
  error: string | null;
  /** What to say once sent (null until then). */
  sent: string | null;
}) {
  return (
    <>
      <button type="submit" data-testid={testId} disabled={disabled}>
        {label}
      </button>
      <ErrorText message={error} />
      <p className="fac-ok" aria-live="polite">
        {sent ?? ""}
      </p>
    </>
  );
}
