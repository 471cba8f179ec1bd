import { useId, useState } from "react";
import { rulesOf, versionForView } from "../../../../shared/rulesVersions";
import type { GameProps } from "../../core/gameProps";
import { t } from "../../texts";
import { type EffectRow, EffectsEditor, effectOf } from "./EffectsEditor";
import { Recipients } from "./Recipients";
import { SendFooter } from "./SendFooter";
import { useMove } from "./useMove";

const T = t.facilitator.console.write;

/**
 * An inject written on the spot, to everyone or to chosen seats and sides; from rules version 4 with
 * typed effects, as a deck card's (EffectsEditor).
 */
export function WriteInject({ view, send }: Pick<GameProps, "view" | "send">) {
  const move = useMove(send);
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [to, setTo] = useState<string[] | null>(null);
  const [rows, setRows] = useState<EffectRow[]>([]);
  const [sent, setSent] = useState(false);
  const id = useId();
  const withEffects = rulesOf(versionForView(view.rulesVersion)).controlRulings;
  const effects = rows.map(effectOf);
  const complete = effects.every((e) => e !== null);
  const ready = title.trim().length > 0 && text.trim().length > 0 && (to === null || to.length > 0) && complete;
  return (
    <details className="con-write">
      <summary>{T.title}</summary>
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          if (!ready) return;
          setSent(false);
          const ok = await move.run({
            type: "inject",
            title: title.trim(),
            text: text.trim(),
            ...(to ? { to } : {}),
            ...(effects.length > 0 ? { effects } : {}),
          });
          if (ok) {
            setTitle("");
            setText("");
            setRows([]);
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
        {withEffects && <EffectsEditor view={view} rows={rows} onChange={setRows} />}
        {!complete && <p className="hint">{t.control.effects.incomplete}</p>}
        <SendFooter
          label={T.send}
          testId="write-inject-send"
          disabled={move.busy || !ready || view.outcome !== null}
          error={move.error}
          sent={sent ? T.sent : null}
        />
      </form>
    </details>
  );
}
