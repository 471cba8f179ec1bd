import { useState } from "react";
import { ApiFailure, api } from "../core/api";
import { useRouter } from "../core/router";
import { storage } from "../core/storage";
import { t } from "../texts";

type Joined = { gameId?: string; token: string; seat: { id: string } };

/**
 * Joining a seat with a code and a name, from a join link (the game is known) or from a code
 * typed on the front page (`/api/join` finds the game): the token is kept for that game and the
 * player lands on its table.
 */
export function useJoin(gameId: string | null, initialCode = "") {
  const { navigate } = useRouter();
  const [code, setCode] = useState(initialCode);
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function join(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { code: code.trim(), name: name.trim() };
      const j = await api<Joined>("POST", gameId ? `/api/games/${gameId}/join` : "/api/join", { body });
      const id = gameId ?? j.gameId!;
      storage.setSeat(id, { token: j.token, seat: j.seat.id, name: body.name });
      navigate(`/play/${id}`);
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
