import { useRef, useState } from "react";
import type { GameProps } from "../core/gameProps";
import type { Model } from "./model";
import { explain } from "./reasons";

/**
 * Sends moves for one area of the screen and keeps that area's last refusal, in words, so it is
 * shown next to the control that caused it.
 */
export function useMove(send: GameProps["send"], m: Model) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const model = useRef(m);
  model.current = m;
  const run = async (move: Record<string, unknown>): Promise<boolean> => {
    setPending(true);
    setError(null);
    const ack = await send(move);
    setPending(false);
    if (!ack.ok) {
      setError(explain(model.current, ack.error, move));
      return false;
    }
    return true;
  };
  return { run, error, pending, clear: () => setError(null) };
}
