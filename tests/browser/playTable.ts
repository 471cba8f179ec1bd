import { expect } from "vitest";
import { http } from "../support/server";

/** A game as POST /api/games or one table of POST /api/classes tells it. */
export type Created = { gameId: string; facilitatorToken: string; joinCodes: Record<string, string> };

/**
 * Both leaders of a default-scenario game seated through the HTTP join, and a `move` that posts
 * one move and expects it accepted: how the report's and the cohort's browser tests play a game
 * in a second, through the same endpoints a seat uses.
 */
export async function seatLeaders(url: string, g: Created) {
  const join = async (seat: string) =>
    (await http(url, "POST", `/api/games/${g.gameId}/join`, { body: { code: g.joinCodes[seat], name: seat } })).body
      .token as string;
  const us = await join("us-president");
  const cn = await join("cn-president");
  const move = async (token: string, body: unknown) => {
    const r = await http(url, "POST", `/api/games/${g.gameId}/moves`, { token, body });
    expect(r.body, JSON.stringify(body)).toMatchObject({ ok: true });
  };
  const f = g.facilitatorToken;
  // The clock started and the game brought to the round where terms are proposed.
  await move(f, { type: "resume" });
  await move(f, { type: "advancePhase" });
  await move(f, { type: "advancePhase" });
  return { us, cn, f, move };
}
