import { useState } from "react";
import { ApiFailure, api } from "../core/api";
import { useRouter } from "../core/router";
import { storage } from "../core/storage";
import { t } from "../texts";

type Joined = { token: string; seat: { id: string } };

/**
 * A join link: /join/<gameId>#<code>. The code travels in the fragment, which browsers never send
 * to a server, so it stays out of every access log. One question remains: the player's name.
 */
export function Join({ gameId }: { gameId: string }) {
  const { navigate } = useRouter();
  const [code, setCode] = useState(() => decodeURIComponent(window.location.hash.slice(1)));
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function join(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const j = await api<Joined>("POST", `/api/games/${gameId}/join`, {
        body: { code: code.trim(), name: name.trim() },
      });
      storage.setSeat(gameId, { token: j.token, seat: j.seat.id, name: name.trim() });
      navigate(`/play/${gameId}`);
    } catch (err) {
      setError(
        err instanceof ApiFailure && err.error.code === "invalid_code" ? t.join.badCode : (err as Error).message,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <main className="page narrow" id="main">
      <h1>{t.join.title}</h1>
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
        <input id="join-code" value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" />
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
