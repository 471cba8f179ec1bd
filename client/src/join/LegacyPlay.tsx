import { useEffect, useState } from "react";
import { seatWords } from "../common/LiveSeat";
import { Link, useRouter } from "../core/router";
import { seatPath } from "../core/seatPaths";
import { storage } from "../core/storage";
import { t } from "../texts";
import { NoSeat } from "./NoSeat";

/**
 * `/play/:gameId`, the address of a game before every seat had its own: it goes to the one seat
 * this browser holds in the game, or lets the user choose when it holds several. It never picks
 * one of several by itself.
 */
export function LegacyPlay({ gameId }: { gameId: string }) {
  const { navigate } = useRouter();
  const [seats] = useState(() => storage.seatsOf(gameId));
  const only = seats.length === 1 ? seats[0]! : null;
  useEffect(() => {
    if (only) navigate(seatPath(gameId, only.seat), { replace: true });
  }, [only, gameId, navigate]);
  if (only) return null;
  if (seats.length === 0) {
    return (
      <NoSeat text={t.access.seats.noSeat}>
        <p>
          <Link to="/">{t.access.seats.typeCode}</Link>
        </p>
      </NoSeat>
    );
  }
  return (
    <main className="page narrow" id="main">
      <h1>{t.access.seats.chooserTitle}</h1>
      <HeldSeats gameId={gameId} intro={t.access.seats.chooserText} />
    </main>
  );
}

/** Links to every seat of a game this browser holds, each to its own page. */
export function HeldSeats({ gameId, intro }: { gameId: string; intro: string }) {
  const seats = storage.seatsOf(gameId);
  if (seats.length === 0) return null;
  return (
    <section className="card" data-testid="held-seats">
      <p>{intro}</p>
      <ul>
        {seats.map((s) => (
          <li key={s.seat}>
            <Link to={seatPath(gameId, s.seat)} testId={`held-seat-${s.seat}`}>
              {t.access.seats.open(seatWords(s.seat), s.name)}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
