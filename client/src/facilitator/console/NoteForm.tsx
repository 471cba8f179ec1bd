import { useId, useState } from "react";
import type { GameProps } from "../../core/gameProps";
import { t } from "../../texts";
import { Recipients } from "./Recipients";
import { SendFooter } from "./SendFooter";
import { useMove } from "./useMove";

const T = t.facilitator.console.note;

/** An adjudication note, to chosen seats or sides, or to all. */
export function NoteForm({ view, send }: Pick<GameProps, "view" | "send">) {
  const move = useMove(send);
  const [text, setText] = useState("");
  const [to, setTo] = useState<string[] | null>(null);
  const [sent, setSent] = useState(false);
  const id = useId();
  const ready = text.trim().length > 0 && (to === null || to.length > 0);
  return (
    <section className="card con-notes" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{T.title}</h2>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!ready) return;
          setSent(false);
          const ok = await move.run({ type: "note", text: text.trim(), ...(to ? { to } : {}) });
          if (ok) {
            setText("");
            setSent(true);
          }
        }}
      >
        <label htmlFor={`${id}-text`}>{T.label}</label>
        <textarea
          id={`${id}-text`}
          rows={3}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            setSent(false);
          }}
          data-testid="note-text"
        />
        <Recipients view={view} value={to} onChange={setTo} testIdPrefix="note" />
        <SendFooter
          label={T.send}
          testId="note-send"
          disabled={move.busy || !ready || view.outcome !== null}
          error={move.error}
          sent={sent ? T.sent : null}
        />
      </form>
    </section>
  );
}
