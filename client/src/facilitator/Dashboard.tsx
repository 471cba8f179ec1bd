import { useCallback, useEffect, useId, useState } from "react";
import type { PublicScenario } from "../../../shared/index";
import { api } from "../core/api";
import { Link } from "../core/router";
import { storage } from "../core/storage";
import { ImportRecord } from "../replay/ImportRecord";
import { t } from "../texts";
import { ensureFacilitatorKey } from "./access";
import { ConsoleLink } from "./ConsoleLink";
import { CopyButton } from "./CopyButton";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";
import { KeyForm } from "./KeyForm";
import { fetchScenario } from "./scenarios";
import type { GameSummary } from "./types";
import "./facilitator.css";
import { TableWrap } from "./TableWrap";

const REFRESH_MS = 15_000;
const T = t.facilitator.dashboard;

/** The facilitator's home: the key this browser keeps, and the games it owns, newest first. */
export function Dashboard() {
  const [key, setKey] = useState<string | null>(() => storage.facilitatorKey());
  const [keyError, setKeyError] = useState<string | null>(null);
  const [games, setGames] = useState<GameSummary[] | null>(null);
  const [gamesError, setGamesError] = useState<string | null>(null);
  const [scenarios, setScenarios] = useState<Record<string, PublicScenario>>({});
  const keyFieldId = useId();

  useEffect(() => {
    ensureFacilitatorKey().then(setKey, (err) => setKeyError(describeError(err)));
  }, []);

  const load = useCallback(async (k: string) => {
    try {
      const list = await api<GameSummary[]>("GET", "/api/games", { token: k });
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
    if (!key) return;
    load(key);
    const timer = setInterval(() => load(key), REFRESH_MS);
    return () => clearInterval(timer);
  }, [key, load]);

  return (
    <main className="page fac" id="main">
      <nav className="fac-crumbs no-print" aria-label={t.facilitator.nav.label}>
        <Link to="/">{t.facilitator.nav.home}</Link>
      </nav>
      <div className="fac-heading">
        <h1>{T.title}</h1>
        <Link to="/facilitator/new" className="button fac-new" testId="new-game-link">
          {T.newGame}
        </Link>
      </div>

      <section className="card" aria-labelledby="fac-key-title">
        <h2 id="fac-key-title">{T.keyTitle}</h2>
        <p className="hint">{T.keyHint}</p>
        <label htmlFor={keyFieldId}>{T.keyLabel}</label>
        <div className="fac-inline">
          <input
            id={keyFieldId}
            readOnly
            value={key ?? ""}
            placeholder={key ? undefined : t.common.loading}
            data-testid="facilitator-key"
            className="fac-mono"
            onFocus={(e) => e.currentTarget.select()}
          />
          {key && <CopyButton text={key} label={T.copyKey} />}
        </div>
        <ErrorText message={keyError} />
        <KeyForm
          current={key}
          onUse={(k) => {
            storage.setFacilitatorKey(k);
            setKey(k);
            setGames(null);
          }}
        />
      </section>

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
    </main>
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
