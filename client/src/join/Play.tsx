import { lazy, Suspense } from "react";
import { ConnectionBadge } from "../common/ConnectionBadge";
import { Link } from "../core/router";
import { storage } from "../core/storage";
import { useGame } from "../core/useGame";
import { SeatTable } from "../seat/SeatTable";
import { t } from "../texts";

// The facilitator's console and the projector load on demand: a student's phone never downloads them.
const Console = lazy(() => import("../facilitator/Console").then((m) => ({ default: m.Console })));
const Projector = lazy(() => import("../projector/Projector").then((m) => ({ default: m.Projector })));

/** A live game, as the seat this browser holds sees it: a player's table, the console, or the projector. */
export function Play({ gameId }: { gameId: string }) {
  const stored = storage.seat(gameId);
  const game = useGame(stored?.token ?? null);
  if (!stored) {
    return (
      <main className="page narrow" id="main">
        <h1>{t.join.title}</h1>
        <p>
          This browser holds no seat in this game. Open your join link, or <Link to="/">type your code</Link>.
        </p>
      </main>
    );
  }
  if (!game.view) {
    return (
      <main className="page narrow" id="main">
        <ConnectionBadge connection={game.connection} />
        <p>{game.connection === "refused" ? t.connection.refused : t.common.loading}</p>
      </main>
    );
  }
  const props = {
    gameId,
    view: game.view,
    log: game.log,
    connection: game.connection,
    presence: game.presence,
    send: game.send,
  };
  const seat = game.view.seat.id;
  return (
    <Suspense fallback={<p>{t.common.loading}</p>}>
      {seat === "facilitator" ? (
        <Console {...props} />
      ) : seat === "observer" ? (
        <Projector {...props} />
      ) : (
        <SeatTable {...props} />
      )}
    </Suspense>
  );
}
