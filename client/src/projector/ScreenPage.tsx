import { LiveSeat } from "../common/LiveSeat";
import { useStoredSeat } from "../core/useStoredSeat";
import { NoSeat } from "../join/NoSeat";
import { t } from "../texts";
import { Projector } from "./Projector";

/**
 * `/screen/:gameId`: the classroom screen, with the observer token this browser holds for the
 * game. It opens the observer's seat only, whatever else the browser holds: the console and the
 * players' seats in other tabs never reach this page.
 */
export function ScreenPage({ gameId }: { gameId: string }) {
  const stored = useStoredSeat(gameId, "observer");
  if (!stored) return <NoSeat text={t.access.seats.noScreen} />;
  return (
    <LiveSeat
      key={stored.token}
      gameId={gameId}
      seatId="observer"
      token={stored.token}
      refused={t.connection.refusedScreen}
    >
      {(props) => <Projector {...props} />}
    </LiveSeat>
  );
}
