import { useEffect } from "react";
import { LiveSeat } from "../common/LiveSeat";
import { Link, useRouter } from "../core/router";
import { seatPath } from "../core/seatPaths";
import { useStoredSeat } from "../core/useStoredSeat";
import { SeatTable } from "../seat/SeatTable";
import { t } from "../texts";
import { NoSeat } from "./NoSeat";

/**
 * `/play/:gameId/:seatId`: one player's table, with the token stored for exactly that seat. The
 * console and the projector have addresses of their own; a link that names them here is sent there.
 */
export function SeatPage({ gameId, seatId }: { gameId: string; seatId: string }) {
  const { navigate } = useRouter();
  const special = seatId === "facilitator" || seatId === "observer";
  useEffect(() => {
    if (special) navigate(seatPath(gameId, seatId), { replace: true });
  }, [special, gameId, seatId, navigate]);
  const stored = useStoredSeat(gameId, seatId);
  if (special) return null;
  if (!stored) {
    return (
      <NoSeat text={t.access.seats.noSeat}>
        <p>
          <Link to="/">{t.access.seats.typeCode}</Link>
        </p>
      </NoSeat>
    );
  }
  return (
    <LiveSeat key={stored.token} gameId={gameId} seatId={seatId} token={stored.token} refused={t.connection.refused}>
      {(props) => <SeatTable {...props} />}
    </LiveSeat>
  );
}
