import { useEffect, useState } from "react";
import { ensureFacilitatorToken } from "./access";

/** The game's facilitator token (stored, or fetched with the key), or the reason there is none. */
export function useFacilitatorToken(gameId: string): { token: string | null; error: unknown } {
  const [state, setState] = useState<{ token: string | null; error: unknown }>({ token: null, error: null });
  useEffect(() => {
    let live = true;
    ensureFacilitatorToken(gameId).then(
      (token) => live && setState({ token, error: null }),
      (error) => live && setState({ token: null, error }),
    );
    return () => {
      live = false;
    };
  }, [gameId]);
  return state;
}
