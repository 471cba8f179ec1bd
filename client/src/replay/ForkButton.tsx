import { useId, useState } from "react";
import { createdGame } from "../../../shared/contract/index";
import { api } from "../core/api";
import { saveCodes } from "../core/gameCodes";
import { useRouter } from "../core/router";
import { storage } from "../core/storage";
import { withFacilitatorToken } from "../facilitator/access";
import { describeError } from "../facilitator/errors";
import { t } from "../texts";

const T = t.replay.fork;

/**
 * Forks a game at an event: a new game (new seats, new codes) whose record is this one's first
 * `atSeq` events, so a class can replay a turning point differently. Facilitator only; opens the
 * new game's set-up, where the seats' links are.
 */
export function ForkButton({ gameId, defaultSeq, maxSeq }: { gameId: string; defaultSeq?: number; maxSeq?: number }) {
  const { navigate } = useRouter();
  const [value, setValue] = useState(String(defaultSeq ?? maxSeq ?? 0));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = useId();
  const n = Number(value);
  const invalid = value.trim() === "" || !Number.isInteger(n) || n < 0 || (maxSeq !== undefined && n > maxSeq);

  const fork = async (e: React.FormEvent) => {
    e.preventDefault();
    if (invalid) return;
    setBusy(true);
    setError(null);
    try {
      const created = await withFacilitatorToken(gameId, (token) =>
        api(`/api/games/${encodeURIComponent(gameId)}/fork`, createdGame, {
          method: "POST",
          token,
          body: { atSeq: n },
        }),
      );
      storage.setSeat(created.gameId, { token: created.facilitatorToken, seat: "facilitator" });
      saveCodes(created.gameId, { joinCodes: created.joinCodes, observerCode: created.observerCode });
      navigate(`/facilitator/games/${encodeURIComponent(created.gameId)}`);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };

  return (
    <form className="rp-fork" onSubmit={fork} data-testid="fork-form">
      <label htmlFor={inputId}>{T.label}</label>
      <p className="hint" id={`${inputId}-hint`}>
        {T.hint(maxSeq)}
      </p>
      <div className="rp-inline">
        <input
          id={inputId}
          type="number"
          inputMode="numeric"
          min={0}
          max={maxSeq}
          step={1}
          value={value}
          onChange={(e) => setValue(e.target.value)}
          aria-describedby={`${inputId}-hint`}
          aria-invalid={invalid}
          data-testid="fork-seq"
        />
        <button type="submit" disabled={invalid || busy} data-testid="fork-button">
          {busy ? T.working : T.submit}
        </button>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </form>
  );
}
