import { t } from "../texts";
import { HeldSeats } from "./LegacyPlay";
import { useJoin } from "./useJoin";

/**
 * A join link: /join/<gameId>#<code>. The code travels in the fragment, which browsers never send
 * to a server, so it stays out of every access log. One question remains: the player's name. The
 * seats this browser already holds in the game are listed, so opening a link again need not join
 * again; joining keeps them all.
 */
export function Join({ gameId }: { gameId: string }) {
  const { code, setCode, name, setName, error, busy, join } = useJoin(
    gameId,
    decodeURIComponent(window.location.hash.slice(1)),
  );

  return (
    <main className="page narrow" id="main">
      <h1>{t.join.title}</h1>
      <HeldSeats gameId={gameId} intro={t.access.seats.held} />
      <form onSubmit={join} className="card">
        <label htmlFor="join-name">{t.join.nameLabel}</label>
        <input
          id="join-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          aria-describedby="join-name-hint"
          required
          maxLength={80}
          autoComplete="nickname"
          // biome-ignore lint/a11y/noAutofocus: the one question on this page
          autoFocus
        />
        <p id="join-name-hint" className="hint">
          {t.join.nameHint}
        </p>
        <label htmlFor="join-code">{t.join.codeLabel}</label>
        <input
          id="join-code"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          required
          autoComplete="off"
          // A code typed off a card: capitals on a phone's keyboard, no "corrections".
          autoCapitalize="characters"
          spellCheck={false}
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
