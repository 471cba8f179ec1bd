import { useCallback, useEffect, useState } from "react";
import { type GameSummary, gameSummary, seatCodeAnswer } from "../../../shared/contract/index";
import { api } from "../core/api";
import { type GameCodes, loadCodes, saveCodes } from "../core/gameCodes";
import { Link } from "../core/router";
import { seatPath } from "../core/seatPaths";
import { storage } from "../core/storage";
import { ExportLinks } from "../replay/ExportLinks";
import { ForkButton } from "../replay/ForkButton";
import { t } from "../texts";
import { withFacilitatorToken } from "./access";
import { ConsoleLink } from "./ConsoleLink";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";
import { FacilitatorTokenReset } from "./FacilitatorTokenReset";
import { SeatCard } from "./SeatCard";
import { StudentAddress } from "./StudentAddress";
import { useScenario } from "./scenarios";
import { useStudentOrigin } from "./useStudentOrigin";
import "./facilitator.css";

const REFRESH_MS = 4000;
const T = t.facilitator.setup;

/**
 * A game's set-up: a join link and QR code per seat and for the projector, and who has joined.
 * Keyed by the game: a fork navigates from one set-up to another without unmounting, and every
 * piece of state here (the codes above all) belongs to one game, never carried to the next.
 */
export function Setup({ gameId }: { gameId: string }) {
  return <GameSetup key={gameId} gameId={gameId} />;
}

function GameSetup({ gameId }: { gameId: string }) {
  const [game, setGame] = useState<GameSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [codes, setCodes] = useState<GameCodes | null>(() => loadCodes(gameId));

  const load = useCallback(async () => {
    try {
      const g = await withFacilitatorToken(gameId, (token) =>
        api(`/api/games/${encodeURIComponent(gameId)}`, gameSummary, { token }),
      );
      setGame(g);
      setError(null);
    } catch (err) {
      setError(describeError(err));
    }
  }, [gameId]);

  useEffect(() => {
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);

  const scenario = useScenario(game?.scenarioId, game?.scenarioVersion);
  const students = useStudentOrigin(gameId);

  const reset = async (seatId: string) => {
    const { code } = await withFacilitatorToken(gameId, (token) =>
      api(`/api/games/${encodeURIComponent(gameId)}/seats/${encodeURIComponent(seatId)}/reset`, seatCodeAnswer, {
        method: "POST",
        token,
      }),
    );
    const before = loadCodes(gameId) ?? { joinCodes: {}, observerCode: "" };
    const next: GameCodes =
      seatId === "observer"
        ? { ...before, observerCode: code }
        : { ...before, joinCodes: { ...before.joinCodes, [seatId]: code } };
    saveCodes(gameId, next);
    setCodes(next);
    load();
  };

  const seats = game?.seats ?? [];
  const joined = seats.filter((s) => s.joined).length;
  const missing = game !== null && (!codes || seats.some((s) => !codes.joinCodes[s.id]) || !codes.observerCode);
  const role = (id: string) => scenario?.roles.find((r) => r.id === id);
  const sides = scenario?.sides ?? [];

  return (
    <main className="page fac" id="main">
      <nav className="fac-crumbs no-print" aria-label={t.facilitator.nav.label}>
        <Link to="/facilitator">{t.facilitator.nav.dashboard}</Link>
      </nav>
      <div className="fac-heading">
        <div>
          <h1>{game?.title ?? T.title}</h1>
          {scenario && <p className="hint">{T.subtitle(scenario.title)}</p>}
        </div>
        <div className="fac-heading-links">
          <Link to={`/facilitator/games/${gameId}/sheets`} className="button secondary" testId="sheets-link">
            {T.sheets}
          </Link>
          {game && (
            <Link
              to={`/handout/${encodeURIComponent(game.scenarioId)}?version=${game.scenarioVersion}`}
              className="button secondary"
              testId="handout-link"
            >
              {t.classroom.handout.link}
            </Link>
          )}
          <span className="fac-button-like">
            <ConsoleLink gameId={gameId} testId="console-link">
              {T.console}
            </ConsoleLink>
          </span>
        </div>
      </div>
      <ErrorText message={error} />
      {!game && !error && <p>{t.common.loading}</p>}
      {game && (
        <section className="card no-print" aria-labelledby="fac-record-title">
          <h2 id="fac-record-title">{T.recordTitle}</h2>
          <p className="hint">{T.recordHint}</p>
          <p>
            <Link to={`/replay/${gameId}`}>{T.replay}</Link>
            {game.status !== "live" && (
              <>
                {" · "}
                <Link to={`/debrief/${gameId}`}>{T.debrief}</Link>
              </>
            )}
          </p>
          <ExportLinks gameId={gameId} />
          <ForkButton gameId={gameId} />
        </section>
      )}
      {game && <FacilitatorTokenReset gameId={gameId} />}

      {game && (
        <>
          <p className="fac-joined-count" aria-live="polite">
            <strong>{T.joinedCount(joined, seats.length)}</strong>
            {game.status !== "live" && <span> · {T.notLive}</span>}
          </p>
          <p className="hint" id="setup-reset-hint">
            {T.intro}
          </p>
          {missing && (
            <div className="fac-notice" role="note">
              <p>
                <strong>{T.missingTitle}</strong> {T.missingText}
              </p>
            </div>
          )}

          <StudentAddress where={students} />

          <section aria-labelledby="setup-observer-title" className="fac-observer">
            <h2 id="setup-observer-title">{T.observerTitle}</h2>
            <p className="hint">{T.observerHint}</p>
            <ProjectorHere gameId={gameId} code={codes?.observerCode || null} />
            <SeatCard
              gameId={gameId}
              seatId="observer"
              title={T.observerSeat}
              code={codes?.observerCode || null}
              origin={students.origin}
              joined={null}
              linkTestId="observer-link"
              resetHintId="setup-reset-hint"
              onReset={reset}
            />
          </section>

          {(sides.length ? sides : [{ id: "", name: T.seatsTitle }]).map((side) => {
            const ofSide = seats.filter((s) => !side.id || role(s.id)?.side === side.id);
            if (!ofSide.length) return null;
            return (
              <section key={side.id || "all"} aria-labelledby={`setup-side-${side.id}`} className="fac-side">
                <h2 id={`setup-side-${side.id}`}>{T.sideSeats(side.name)}</h2>
                <div className="fac-seat-grid">
                  {ofSide.map((s) => (
                    <SeatCard
                      key={s.id}
                      gameId={gameId}
                      seatId={s.id}
                      title={role(s.id)?.title ?? s.id}
                      code={codes?.joinCodes[s.id] ?? null}
                      origin={students.origin}
                      joined={s.joined}
                      linkTestId={`seat-link-${s.id}`}
                      resetHintId="setup-reset-hint"
                      onReset={reset}
                    />
                  ))}
                </div>
              </section>
            );
          })}
        </>
      )}
    </main>
  );
}

/** The projector on this laptop: its own page, with its own observer token (joined once if need be). */
function ProjectorHere({ gameId, code }: { gameId: string; code: string | null }) {
  const held = storage.seat(gameId, "observer") !== null;
  if (!held && !code) return null;
  const to = held ? seatPath(gameId, "observer") : `/join/${encodeURIComponent(gameId)}#${encodeURIComponent(code!)}`;
  return (
    <p>
      <Link to={to} testId="open-projector">
        {T.openProjector}
      </Link>{" "}
      <span className="hint">{T.openProjectorHint}</span>
    </p>
  );
}
