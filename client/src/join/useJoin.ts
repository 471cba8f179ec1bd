import { useState } from "react";
import { joined, joinedAnywhere } from "../../../shared/contract/index";
import { ApiFailure, api } from "../core/api";
import { useRouter } from "../core/router";
import { seatPath } from "../core/seatPaths";
import { storage } from "../core/storage";
import { t } from "../texts";
import { joinFlash } from "./joinFlash";

/**
 * Joining a seat with a code and a name, from a join link (the game is known) or from a code
 * typed on the front page (`/api/join` finds the game): the token is kept under that seat's own
 * name, beside any other seat this browser holds, and the player lands on that seat's page.
 */
export function useJoin(gameId: string | null, initialCode = "") {
  const { navigate } = useRouter();
  const [code, setCode] = useState(initialCode);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function join(e: React.FormEvent) {
    e.preventDefault();
    // The field's `required` lets a name of spaces through; the server would refuse it after trimming.
    if (name.trim() === "") {
      setError(t.join.blankName);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const body = { code: code.trim(), name: name.trim() };
      // With the game known from the link, or by the code alone (`/api/join` names the game).
      const j = gameId
        ? { ...(await api(`/api/games/${encodeURIComponent(gameId)}/join`, joined, { method: "POST", body })), gameId }
        : await api("/api/join", joinedAnywhere, { method: "POST", body });
      const id = j.gameId;
      storage.setSeat(id, { token: j.token, seat: j.seat.id, name: body.name });
      // The projector's link is meant for many screens: only a player's seat tells who else holds it.
      if (j.seat.id !== "observer")
        joinFlash.set(
          id,
          j.seat.id,
          j.holders.filter((n) => n !== body.name),
        );
      navigate(seatPath(id, j.seat.id));
    } catch (err) {
      setError(
        err instanceof ApiFailure && err.error.code === "invalid_code" ? t.join.badCode : (err as Error).message,
      );
    } finally {
      setBusy(false);
    }
  }

  return { code, setCode, name, setName, error, busy, join };
}
