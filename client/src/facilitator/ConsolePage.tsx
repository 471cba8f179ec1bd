import { useEffect, useRef, useState } from "react";
import { LiveSeat } from "../common/LiveSeat";
import { Link } from "../core/router";
import { useFacilitatorKey, useStoredSeat } from "../core/useStoredSeat";
import { NoSeat } from "../join/NoSeat";
import { t } from "../texts";
import { renewFacilitatorToken } from "./access";
import { Console } from "./Console";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";

/**
 * `/console/:gameId`: the control cell's console, with this browser's facilitator token for the
 * game, or one fetched with the key that owns it (another device, or after a reset elsewhere).
 */
export function ConsolePage({ gameId }: { gameId: string }) {
  const stored = useStoredSeat(gameId, "facilitator");
  const key = useFacilitatorKey();
  const [error, setError] = useState<string | null>(null);
  // A refused token (reset on another device) is replaced with the key at most once per page.
  const renewed = useRef(false);

  useEffect(() => {
    if (stored || !key) return;
    let live = true;
    // The fetched token is stored, and the stored seat above follows it.
    renewFacilitatorToken(gameId).catch((err) => live && setError(describeError(err)));
    return () => {
      live = false;
    };
  }, [stored, key, gameId]);

  if (!stored) {
    if (key && !error) return <p>{t.common.loading}</p>;
    return (
      <NoSeat text={t.access.seats.noConsole}>
        <ErrorText message={error} />
        <p>
          <Link to="/facilitator">{t.access.seats.dashboard}</Link>
        </p>
      </NoSeat>
    );
  }
  return (
    <LiveSeat
      key={stored.token}
      gameId={gameId}
      seatId="facilitator"
      token={stored.token}
      refused={error ?? t.access.seats.consoleRefused}
      onRefused={() => {
        if (!key || renewed.current) return;
        renewed.current = true;
        renewFacilitatorToken(gameId).catch((err) => setError(describeError(err)));
      }}
    >
      {(props) => <Console {...props} />}
    </LiveSeat>
  );
}
