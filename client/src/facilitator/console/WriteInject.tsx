import { useId, useState } from "react";
import type { GameProps } from "../../core/gameProps";
import { t } from "../../texts";
import { ErrorText } from "../ErrorText";
import { Recipients } from "./Recipients";
import { useMove } from "./useMove";

const T = t.facilitator.console.write;

/** An inject written on the spot (no effects), to everyone or to chosen seats and sides. */
export function WriteInject({ view, send }: Pick<GameProps, "view" | "send">) {
  const move = useMove(send);
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [to, setTo] = useState<string[] | null>(null);
  const [sent, setSent] = useState(false);
  const id = useId();
  const ready = title.trim().length > 0 && text.trim().length > 0 && (to === null || to.length > 0);
  return (
    <details className="con-write">
      <summary>{T.title}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!ready) return;
          setSent(false);
          const ok = await move.run({ type: "inject", title: title.trim(), text: text.trim(), ...(to ? { to } : {}) });
          if (ok) {
            setTitle("");
            setText("");
            setSent(true);
          }
        }}
      >
        <label htmlFor={`${id}-title`}>{T.titleLabel}</label>
        <input
          id={`${id}-title`}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="write-inject-title"
        />
        <label htmlFor={`${id}-text`}>{T.textLabel}</label>
        <textarea
          id={`${id}-text`}
          rows={3}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="write-inject-text"
        />
        <Recipients view={view} value={to} onChange={setTo} testIdPrefix="write-inject" />
        <button type="submit" data-testid="write-inject-send" disabled={move.busy || !ready || view.outcome !== null}>
          {T.send}
        </button>
        <ErrorText message={move.error} />
        <p className="fac-ok" aria-live="polite">
          {sent ? T.sent : ""}
        </p>
      </form>
    </details>
  );
}
