import { useCallback, useEffect, useId, useState } from "react";
import { type GameSummary, gameList, type Me } from "../../../shared/contract/index";
import type { PublicScenario } from "../../../shared/index";
import { ForgetDevice } from "../common/ForgetDevice";
import { api } from "../core/api";
import { Link } from "../core/router";
import { ImportRecord } from "../replay/ImportRecord";
import { t } from "../texts";
import { ConsoleLink } from "./ConsoleLink";
import { CopyButton } from "./CopyButton";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";
import { KeyForm } from "./KeyForm";
import { MyClasses } from "./MyClasses";
import { MyScenarios } from "./MyScenarios";
import { OperatorPanel } from "./OperatorPanel";
import { fetchScenario } from "./scenarios";
import "./facilitator.css";
import { TableWrap } from "./TableWrap";
import { type Offer, useSignIn } from "./useSignIn";

const REFRESH_MS = 15_000;
const T = t.facilitator.dashboard;

/**
 * The facilitator's home. Signed out: how to sign in (the operator's link or invite, or a key
 * pasted). Signed in: the key this browser keeps, the games it owns, newest first, and for the
 * operator the panel that issues and revokes keys.
 */
export function Dashboard() {
  const signIn = useSignIn();
  const { state } = signIn;
  return (
    <main className="page fac" id="main">
      <nav className="fac-crumbs no-print" aria-label={t.facilitator.nav.label}>
        <Link to="/">{t.facilitator.nav.home}</Link> ·{" "}
        <Link to="/guide" testId="guide-link">
          {t.classroom.guide.link}
        </Link>
      </nav>
      {signIn.offer && (
        <SwitchOffer offer={signIn.offer} onAccept={signIn.acceptOffer} onDecline={signIn.declineOffer} />
      )}
      {state.status === "checking" && <p>{t.access.signIn.checking}</p>}
      {state.status === "none" && <SignedOut onUse={signIn.adoptKey} />}
      {state.status === "refused" && (
        <RefusedKey keyValue={state.key} onForget={signIn.forgetKey} onUse={signIn.adoptKey} />
      )}
      {state.status === "error" && (
        <section className="card">
          <ErrorText message={state.message} />
          <button type="button" onClick={signIn.retry}>
            {t.access.signIn.retry}
          </button>
        </section>
      )}
      {state.status === "ok" && (
        <SignedIn keyValue={state.key} me={state.me} fromLink={signIn.fromLink} onUse={signIn.adoptKey} />
      )}
      {state.status !== "checking" && <ForgetDevice className={state.status === "ok" ? undefined : "fac-signin"} />}
    </main>
  );
}

/** No key in this browser: keys come from the operator only. */
function SignedOut({ onUse }: { onUse: (key: string) => void }) {
  const A = t.access.signIn;
  return (
    <section className="card fac-signin" aria-labelledby="fac-signin-title" data-testid="signin-screen">
      <h1 id="fac-signin-title">{A.title}</h1>
      <p className="lead">
        <strong>{A.ask}</strong>
      </p>
      <p className="hint">{A.why}</p>
      <KeyForm current={null} onUse={onUse} />
    </section>
  );
}

/** A key the server refuses (revoked or rotated): said plainly, and this browser can let go of it. */
function RefusedKey({
  keyValue,
  onForget,
  onUse,
}: {
  keyValue: string;
  onForget: () => void;
  onUse: (key: string) => void;
}) {
  const A = t.access.signIn;
  return (
    <section className="card fac-signin" aria-labelledby="fac-refused-title" data-testid="key-refused">
      <h1 id="fac-refused-title">{A.refusedTitle}</h1>
      <p role="alert" className="error">
        {A.refused}
      </p>
      <button type="button" className="secondary" onClick={onForget} data-testid="forget-key">
        {A.forgetKey}
      </button>
      <KeyForm current={keyValue} onUse={onUse} />
    </section>
  );
}

/** A sign-in link that would replace this browser's key: the user says which to keep. */
function SwitchOffer({ offer, onAccept, onDecline }: { offer: Offer; onAccept: () => void; onDecline: () => void }) {
  const A = t.access.signIn;
  const name = (m: Offer["me"]) => m?.name || t.access.unnamed;
  return (
    <section className="fac-notice" aria-labelledby="fac-switch-title" data-testid="switch-offer">
      <h2 id="fac-switch-title">{A.switchTitle}</h2>
      {offer.me ? (
        <>
          <p>{A.switchText(name(offer.me), name(offer.current))}</p>
          <button type="button" onClick={onAccept} data-testid="switch-accept">
            {A.switchYes}
          </button>{" "}
          <button type="button" className="secondary" onClick={onDecline}>
            {A.switchNo}
          </button>
        </>
      ) : (
        <>
          <p role="alert">{A.switchUnknown}</p>
          <button type="button" className="secondary" onClick={onDecline}>
            {t.common.close}
          </button>
        </>
      )}
    </section>
  );
}

function SignedIn({
  keyValue,
  me,
  fromLink,
  onUse,
}: {
  keyValue: string;
  me: Me;
  fromLink: boolean;
  onUse: (key: string) => void;
}) {
  const [games, setGames] = useState<GameSummary[] | null>(null);
  const [gamesError, setGamesError] = useState<string | null>(null);
  const [scenarios, setScenarios] = useState<Record<string, PublicScenario>>({});
  const keyFieldId = useId();
  const A = t.access.signIn;

  const load = useCallback(async (k: string) => {
    try {
      const list = await api("/api/games", gameList, { token: k });
      list.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      setGames(list);
      setGamesError(null);
      const wanted = [...new Set(list.map((g) => `${g.scenarioId}@${g.scenarioVersion}`))];
      const found = await Promise.all(
        wanted.map((w) => {
          const [id, v] = w.split("@");
          return fetchScenario(id!, Number(v)).then(
            (s) => [w, s] as const,
            () => null,
          );
        }),
      );
      setScenarios(Object.fromEntries(found.filter((x) => x !== null)));
    } catch (err) {
      setGamesError(describeError(err));
    }
  }, []);

  useEffect(() => {
    setGames(null);
    load(keyValue);
    const timer = setInterval(() => load(keyValue), REFRESH_MS);
    return () => clearInterval(timer);
  }, [keyValue, load]);

  return (
    <>
      <div className="fac-heading">
        <div>
          <h1>{T.title}</h1>
          <p className="fac-me" data-testid="signed-in-as">
            {A.signedInAs(me.name || t.access.unnamed)}
            {me.operator && <span className="fac-tag">{A.operator}</span>}
          </p>
        </div>
        <div className="fac-heading-links">
          <Link to="/facilitator/lab" className="button secondary fac-new" testId="lab-link">
            {t.lab.dashboardLink}
          </Link>
          <Link to="/facilitator/new-class" className="button secondary fac-new" testId="new-class-link">
            {t.classes.dashboardLink}
          </Link>
          <Link to="/facilitator/new" className="button fac-new" testId="new-game-link">
            {T.newGame}
          </Link>
        </div>
      </div>
      {fromLink && (
        <p className="fac-ok" role="status" data-testid="signed-in-with-link">
          {A.linkUsed}
        </p>
      )}

      <section className="card" aria-labelledby="fac-key-title">
        <h2 id="fac-key-title">{T.keyTitle}</h2>
        <p className="hint">{T.keyHint}</p>
        <label htmlFor={keyFieldId}>{T.keyLabel}</label>
        <div className="fac-inline">
          <input
            id={keyFieldId}
            readOnly
            value={keyValue}
            data-testid="facilitator-key"
            className="fac-mono"
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton text={keyValue} label={T.copyKey} />
        </div>
        <KeyForm current={keyValue} onUse={onUse} />
      </section>

      {me.operator && <OperatorPanel operatorKey={keyValue} meId={me.id} />}

      <MyScenarios keyValue={keyValue} operator={me.operator} />

      <MyClasses keyValue={keyValue} />

      <section aria-labelledby="fac-games-title">
        <h2 id="fac-games-title">{T.gamesTitle}</h2>
        <ErrorText message={gamesError} />
        {games === null && !gamesError && <p>{t.common.loading}</p>}
        {games?.length === 0 && (
          <p>
            {T.noGames} <Link to="/facilitator/new">{T.newGame}</Link>
          </p>
        )}
        {games && games.length > 0 && (
          <TableWrap label={T.gamesCaption}>
            <table className="fac-table">
              <caption className="visually-hidden">{T.gamesCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{T.colGame}</th>
                  <th scope="col">{T.colScenario}</th>
                  <th scope="col">{T.colStatus}</th>
                  <th scope="col">{T.colSeats}</th>
                  <th scope="col">{T.colActions}</th>
                </tr>
              </thead>
              <tbody>
                {games.map((g) => (
                  <GameRow key={g.gameId} game={g} scenario={scenarios[`${g.scenarioId}@${g.scenarioVersion}`]} />
                ))}
              </tbody>
            </table>
          </TableWrap>
        )}
      </section>

      <section className="card" aria-labelledby="fac-import-title">
        <h2 id="fac-import-title">{T.importTitle}</h2>
        <ImportRecord />
      </section>
    </>
  );
}

function GameRow({ game, scenario }: { game: GameSummary; scenario: PublicScenario | undefined }) {
  const joined = game.seats.filter((s) => s.joined).length;
  const phase = scenario?.phases.find((p) => p.id === game.phase)?.title ?? game.phase;
  const created = new Date(game.createdAt);
  return (
    <tr data-testid={`game-row-${game.gameId}`}>
      <th scope="row">
        <Link to={`/facilitator/games/${game.gameId}`}>{game.title}</Link>
        <div className="hint">
          {T.created} <time dateTime={game.createdAt}>{created.toLocaleString()}</time>
        </div>
      </th>
      <td>{scenario?.title ?? game.scenarioId}</td>
      <td>
        <span className={`fac-status fac-status-${game.status}`}>{T.status[game.status]}</span>
        {game.status === "live" && <div className="hint">{phase}</div>}
      </td>
      <td>{T.seatsJoined(joined, game.seats.length)}</td>
      <td className="fac-actions">
        <Link to={`/facilitator/games/${game.gameId}`}>{T.setup}</Link>
        <ConsoleLink gameId={game.gameId}>{T.console}</ConsoleLink>
        <Link to={`/replay/${game.gameId}`}>{T.replay}</Link>
        {game.status !== "live" && <Link to={`/debrief/${game.gameId}`}>{T.debrief}</Link>}
        <Link to={`/facilitator/cohort/${game.scenarioId}`} testId={`cohort-link-${game.gameId}`}>
          {T.cohort}
        </Link>
      </td>
    </tr>
  );
}
