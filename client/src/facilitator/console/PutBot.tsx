import { useId, useState } from "react";
import { botAdded, botStrategyNames, botStrategySchema } from "../../../../shared/contract/index";
import { ApiFailure, api } from "../../core/api";
import { storage } from "../../core/storage";
import { bots } from "../../texts/bots";
import { ErrorText } from "../ErrorText";

const T = bots.putBot;

/**
 * "Put a bot here" on an empty seat: the strategy chosen, then POST /api/games/:gameId/bots with
 * this browser's facilitator token. The bot's `seatJoined` then arrives like anyone's, and the
 * seat shows its name instead of this control.
 */
export function PutBot({ gameId, seatId, seatTitle }: { gameId: string; seatId: string; seatTitle: string }) {
  const [strategy, setStrategy] = useState<string>("linear");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  return (
    <form
      className="con-put-bot"
      data-testid={`put-bot-${seatId}`}
      onSubmit={async (e) => {
        e.preventDefault();
        const token = storage.seat(gameId, "facilitator")?.token;
        if (!token) {
          setError(T.noToken);
          return;
        }
        setBusy(true);
        setError(null);
        try {
          await api(`/api/games/${encodeURIComponent(gameId)}/bots`, botAdded, {
            method: "POST",
            token,
            body: { seat: seatId, strategy: botStrategySchema.parse(strategy) },
          });
        } catch (err) {
          setError(err instanceof ApiFailure ? err.error.message : (err as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <label htmlFor={`${id}-strategy`} className="visually-hidden">
        {T.label(seatTitle)}
      </label>
      <select
        id={`${id}-strategy`}
        value={strategy}
        onChange={(e) => setStrategy(e.target.value)}
        data-testid={`put-bot-strategy-${seatId}`}
      >
        {Object.entries(botStrategyNames).map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
      <button type="submit" className="secondary" disabled={busy} title={T.hint}>
        {T.put}
      </button>
      <ErrorText message={error} />
    </form>
  );
}
