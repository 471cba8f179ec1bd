import { useEffect, useState } from "react";
import { t } from "../texts";

/** Copies a text to the clipboard and says so in words, on the button and to screen readers. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  useEffect(() => {
    if (copied === null) return;
    const timer = setTimeout(() => setCopied(null), 2500);
    return () => clearTimeout(timer);
  }, [copied]);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <>
      <button
        type="button"
        className="secondary fac-copy-button"
        onClick={copy}
        aria-label={copied ? undefined : label}
      >
        {copied ? `✓ ${t.common.copied}` : t.common.copy}
      </button>
      <span className="visually-hidden" aria-live="polite">
        {copied === true ? t.common.copied : ""}
      </span>
      {copied === false && (
        <span className="error fac-copy-failed" role="alert">
          {t.facilitator.copyFailed}
        </span>
      )}
    </>
  );
}
