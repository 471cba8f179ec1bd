import { t } from "../texts";
import { joinByCode as T } from "../texts/links";
import { useJoin } from "./useJoin";

/**
 * `/join`: the code typed, without the link (a QR code that would not scan, a code read off the
 * projector). `POST /api/join` finds the game from the code alone; the server reads the code
 * whatever its case, spaces or dashes.
 */
export function JoinByCode() {
  const { code, setCode, name, setName, error, busy, join } = useJoin(null);
  return (
    <main className="page narrow" id="main">
      <h1>{T.title}</h1>
      <p>{T.intro}</p>
      <form onSubmit={join} className="card">
        <label htmlFor="code-only-code">{t.join.codeLabel}</label>
        <input
          id="code-only-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-describedby="code-only-hint"
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          // biome-ignore lint/a11y/noAutofocus: the page's first question
          autoFocus
        />
        <p id="code-only-hint" className="hint">
          {T.codeHint}
        </p>
        <label htmlFor="code-only-name">{t.join.nameLabel}</label>
        <input
          id="code-only-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          maxLength={80}
          autoComplete="nickname"
        />
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {t.join.submit}
        </button>
      </form>
    </main>
  );
}
