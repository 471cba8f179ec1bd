import { hashSecret, newSecret } from "../auth/secrets";
import type { GameService, SubmitResult } from "./service";

/**
 * Puts a name on a seat the way a join does: the `seatJoined` event and a token for the seat in
 * one statement (neither without the other), so the record, every view, the export and the game's
 * summary ("joined") all say the seat is taken. A bot's token is never handed to anyone: it only
 * marks the seat as held. Returns the token (a practising student's) with the event's answer.
 */
export async function takeSeat(
  service: GameService,
  gameId: string,
  seatId: string,
  name: string,
): Promise<{ token: string; result: SubmitResult }> {
  const token = newSecret("gt");
  const result = await service.submit(
    gameId,
    { system: true },
    { type: "seatJoined", seat: seatId, name },
    { tokenHash: hashSecret(token), seatId, name },
  );
  return { token, result };
}
