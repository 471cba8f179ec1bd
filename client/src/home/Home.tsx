import { ForgetDevice } from "../common/ForgetDevice";
import { Link } from "../core/router";
import { CodeNameForm } from "../join/CodeNameForm";
import { useJoin } from "../join/useJoin";
import { PractiseAlone } from "../practice/PractiseAlone";
import { t } from "../texts";

/**
 * The front door: a student types a code and a name, or practises alone against bots; a teacher
 * goes to the dashboard; a shared computer forgets.
 */
export function Home() {
  const joining = useJoin(null);

  return (
    <main className="page narrow" id="main">
      <h1>{t.app.name}</h1>
      <p className="lead">{t.app.tagline}</p>
      <section aria-labelledby="join-title" className="card">
        <h2 id="join-title">{t.home.join}</h2>
        <CodeNameForm {...joining} id="home" codeLabel={t.home.codeLabel} codeHint={t.home.codeHint} />
      </section>
      <PractiseAlone />
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
