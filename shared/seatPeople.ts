import { z } from "zod";

/**
 * Who was on a seat at a given moment. A seat is shared by whoever joins it with its code, and
 * people join during the game: a chat line, a statement or a proposal made at seq s is credited
 * to those who had joined the seat by then, never to someone who came later (issue 11). Every
 * screen that names a seat's people beside what the seat did asks this one rule.
 */

/** One arrival on a seat: the name it recorded and the seq of its `seatJoined` event. */
export const joinSchema = z.object({ name: z.string(), seq: z.int().min(1) });
export type Join = z.infer<typeof joinSchema>;

/**
 * The names on the seat as of `seq` (joins at or before it), in join order: the seat's `names`
 * as they stood then. Joins are kept in seq order (the fold appends them), so this is a prefix.
 */
export function onSeatAt(joins: readonly Join[] | undefined, seq: number): string[] {
  const out: string[] = [];
  for (const j of joins ?? []) {
    if (j.seq > seq) break;
    out.push(j.name);
  }
  return out;
}
