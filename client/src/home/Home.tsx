import { ForgetDevice } from "../common/ForgetDevice";
import { Link } from "../core/router";
import { useJoin } from "../join/useJoin";
import { t } from "../texts";

/** The front door: a student types a code and a name; a teacher goes to the dashboard; a shared computer forgets. */
export function Home() {
  const { code, setCode, name, setName, error, busy, join } = useJoin(null);

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
        <p className="hint">
          <Link to="/guide" testId="home-guide-link">
            {t.classroom.guide.link}
          </Link>
          : {t.classroom.guide.homeHint}
        </p>
      </section>
      <ForgetDevice />
    </main>
  );
}
