import { useEffect, useState } from "react";
import { storage } from "../core/storage";
import type { LogEntry } from "../core/useGame";
import { joinFlash } from "../join/joinFlash";
import { t } from "../texts";

/**
 * Who else holds this seat, said politely: right after joining, the names already on it (the
 * join's `holders`); later, anyone else who joins it (a `seatJoined` event for this seat under
 * another name). A seat may be shared on purpose (a team on one role), so this informs, and a
 * player who did not expect company knows to tell the facilitator.
 */
export function SeatCompany({ gameId, seatId, log }: { gameId: string; seatId: string; log: LogEntry[] }) {
  const [holders, setHolders] = useState<string[]>(() => joinFlash.peek(gameId, seatId));
  const [dismissed, setDismissed] = useState(0);
  // The join's news is shown on this visit only.
  useEffect(() => {
    joinFlash.clear(gameId, seatId);
  }, [gameId, seatId]);
  const mine = storage.seat(gameId, seatId)?.name;
  const joined = log.flatMap(({ event }) =>
    event.type === "seatJoined" && event.payload.seat === seatId && event.payload.name !== mine
      ? [event.payload.name]
      : [],
  );
  const fresh = joined.slice(dismissed);
  return (
    <div aria-live="polite" data-testid="seat-company">
      {holders.length > 0 && (
        <div className="notice" data-testid="seat-holders">
          <p>{t.access.seats.alsoHeld(holders)}</p>
          <button type="button" className="secondary" onClick={() => setHolders([])}>
            {t.access.seats.dismiss}
          </button>
        </div>
      )}
      {fresh.length > 0 && (
        <div className="notice" data-testid="seat-joined-notice">
          {fresh.map((name, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the same name may join twice; the order never changes
            <p key={i}>{t.access.seats.alsoJoined(name)}</p>
          ))}
          <button type="button" className="secondary" onClick={() => setDismissed(joined.length)}>
            {t.access.seats.dismiss}
          </button>
        </div>
      )}
    </div>
  );
}
