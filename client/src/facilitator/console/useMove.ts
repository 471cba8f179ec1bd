import { useCallback, useState } from "react";
import type { GameProps } from "../../core/gameProps";
import { refusal } from "../errors";

/**
 * Sends one control's moves and keeps that control's refusal, so it can be shown in words right
 * next to the control that caused it.
 */
export function useMove(send: GameProps["send"]) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = useCallback(
    async (move: Record<string, unknown>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      const ack = await send(move);
      setBusy(false);
      if (!ack.ok) setError(refusal(ack.error));
      return ack.ok;
    },
    [send],
  );
  return { run, busy, error, clear: () => setError(null) };
}
