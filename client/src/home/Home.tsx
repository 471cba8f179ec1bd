import { useState } from "react";
import { ApiFailure, api } from "../core/api";
import { Link, useRouter } from "../core/router";
import { storage } from "../core/storage";
import { t } from "../texts";

type Joined = { gameId: string; token: string; seat: { id: string } };

/** The front door: a student types a code and a name; a teacher goes to the dashboard. */
export function Home() {
  const { navigate } = useRouter();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function join(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const j = await api<Joined>("POST", "/api/join", { body: { code: code.trim(), name: name.trim() } });
      storage.setSeat(j.gameId, { token: j.token, seat: j.seat.id, name: name.trim() });
      navigate(`/play/${j.gameId}`);
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
      <h1>{t.app.name}</h1>
      <p className="lead">{t.app.tagline}</p>
      <section aria-labelledby="join-title" className="card">
        <h2 id="join-title">{t.home.join}</h2>
        <form onSubmit={join}>
          <label htmlFor="home-code">{t.home.codeLabel}</label>
          <input
            id="home-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            aria-describedby="home-code-hint"
            required
            autoComplete="off"
          />
          <p id="home-code-hint" className="hint">
            {t.home.codeHint}
          </p>
          <label htmlFor="home-name">{t.join.nameLabel}</label>
          <input
            id="home-name"
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
      </section>
      <section aria-labelledby="fac-title" className="card">
        <h2 id="fac-title">{t.home.facilitate}</h2>
        <p>{t.home.facilitateHint}</p>
        <Link to="/facilitator" className="button">
          {t.home.facilitate}
        </Link>
      </section>
    </main>
  );
}
