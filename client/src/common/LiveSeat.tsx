import { type ReactNode, useEffect, useRef } from "react";
import type { GameProps } from "../core/gameProps";
import type { ClientView } from "../core/mergeView";
import { useGame } from "../core/useGame";
import { t } from "../texts";
import { ConnectionBadge } from "./ConnectionBadge";
import { TableLabel, useTableTitle } from "./TableTitle";

/** What a page is called in words, for its messages: the console, the projector, or a seat by id. */
export const seatWords = (seatId: string) =>
  seatId === "facilitator"
    ? t.access.seats.console
    : seatId === "observer"
      ? t.access.seats.projector
      : t.access.seats.seat(seatId);

/** What a seat's page is called in its browser tab: the console, the projector, or the seat's role. */
const pageWords = (seatId: string, view: ClientView | null) =>
  seatId === "facilitator"
    ? t.classes.pages.console
    : seatId === "observer"
      ? t.classes.pages.projector
      : (view?.seats.find((s) => s.id === seatId)?.title ?? null);

/**
 * One seat's live game, on the page whose address names that seat. The view is shown only if the
 * server says it is that seat's: a token stored under the wrong name (an old browser, a hand-edited
 * value) shows an error and never another seat's screen, so a projector can never turn into a
 * console. The wrapper names the seat shown, for tests and for support.
 */
export function LiveSeat({
  gameId,
  seatId,
  token,
  refused,
  onRefused,
  children,
}: {
  gameId: string;
  seatId: string;
  token: string;
  /** What to say when the server refuses the token. */
  refused: string;
  /** Called once when the server refuses the token (the console then asks the key for a new one). */
  onRefused?: () => void;
  children: (props: GameProps) => ReactNode;
}) {
  const game = useGame(token);
  const table = useTableTitle(gameId, token, pageWords(seatId, game.view));
  const refusedRef = useRef(onRefused);
  refusedRef.current = onRefused;
  useEffect(() => {
    if (game.connection === "refused") refusedRef.current?.();
  }, [game.connection]);
  if (!game.view) {
    return (
      <main className="page narrow" id="main">
        <ConnectionBadge connection={game.connection} />
        {game.connection === "refused" ? (
          <p role="alert" className="error" data-testid="seat-refused">
            {refused}
          </p>
        ) : (
          <p>{t.common.loading}</p>
        )}
      </main>
    );
  }
  const shown = game.view.seat.id;
  if (shown !== seatId) {
    return (
      <main className="page narrow" id="main">
        <h1>{t.join.title}</h1>
        <p role="alert" className="error" data-testid="seat-mismatch">
          {t.access.seats.mismatch(seatWords(seatId), seatWords(shown))}
        </p>
      </main>
    );
  }
  return (
    <div className="live-seat" data-testid="live-seat" data-seat={shown}>
      <TableLabel title={table} />
      {/* Refused for good under an open page (a code reset, a deleted game): the last view stays
          readable, but nothing will reconnect, so the page says so and what to do. */}
      {game.connection === "refused" && (
        <p role="alert" className="error" data-testid="seat-refused">
          {refused}
        </p>
      )}
      {children({
        gameId,
        view: game.view,
        log: game.log,
        connection: game.connection,
        presence: game.presence,
        send: game.send,
      })}
    </div>
  );
}
