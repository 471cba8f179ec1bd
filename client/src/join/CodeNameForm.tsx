import type { FormEvent } from "react";
import { t } from "../texts";

type Props = {
  /** Prefix of the fields' ids (the pages' tests and labels address them). */
  id: string;
  codeLabel: string;
  codeHint: string;
  code: string;
  setCode: (code: string) => void;
  name: string;
  setName: (name: string) => void;
  error: string | null;
  busy: boolean;
  join: (e: FormEvent) => void;
  /** `/join`: the page's one question, focused, typed in capitals without spelling corrections. */
  codeFirst?: boolean;
  className?: string;
};

/** A join code and a name, as the home page and `/join` both ask for them (useJoin does the rest). */
export function CodeNameForm(p: Props) {
  return (
    <form onSubmit={p.join} className={p.className}>
      <label htmlFor={`${p.id}-code`}>{p.codeLabel}</label>
      <input
        id={`${p.id}-code`}
        value={p.code}
        onChange={(e) => p.setCode(e.target.value)}
        aria-describedby={`${p.id}-code-hint`}
        required
        autoComplete="off"
        {...(p.codeFirst ? { autoCapitalize: "characters", spellCheck: false } : {})}
        // biome-ignore lint/a11y/noAutofocus: on /join the code is the page's first question
        autoFocus={p.codeFirst}
      />
      <p id={`${p.id}-code-hint`} className="hint">
        {p.codeHint}
      </p>
      <label htmlFor={`${p.id}-name`}>{t.join.nameLabel}</label>
      <input
        id={`${p.id}-name`}
        value={p.name}
        onChange={(e) => p.setName(e.target.value)}
        required
        maxLength={80}
        autoComplete="nickname"
      />
      {p.error && (
        <p role="alert" className="error">
          {p.error}
        </p>
      )}
      <button type="submit" disabled={p.busy}>
        {t.join.submit}
      </button>
    </form>
  );
}
