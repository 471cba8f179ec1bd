import { useId, useState } from "react";
import { me } from "../../../shared/contract/index";
import { api } from "../core/api";
import { t } from "../texts";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";

const T = t.facilitator.dashboard;

/** Paste a key (from the operator, or another device); it is checked with the server before this browser keeps it. */
export function KeyForm({ current, onUse }: { current: string | null; onUse: (key: string) => void }) {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    const key = value.trim();
    if (!key || key === current) return;
    setBusy(true);
    setError(null);
    try {
      await api("/api/me", me, { token: key });
      onUse(key);
      setValue("");
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} className="fac-keyform">
      <label htmlFor={id}>{current ? T.pasteLabel : T.pasteLabelFirst}</label>
      <p className="hint" id={`${id}-hint`}>
        {current ? T.pasteHint : T.pasteHintFirst}
      </p>
      <div className="fac-inline">
        <input
          id={id}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby={`${id}-hint`}
          autoComplete="off"
          spellCheck={false}
          className="fac-mono"
        />
        <button type="submit" disabled={busy || !value.trim()}>
          {T.useKey}
        </button>
      </div>
      <ErrorText message={error} />
    </form>
  );
}
