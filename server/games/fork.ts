import type { RecordedEvent } from "../../shared/index";
import { type ChainStart, rechain } from "./record";

/**
 * What a fork copies of a record's events up to the fork's point: all but the `seatJoined`
 * events (issue 11: the new game's seats start empty, with new codes, so the old players' names
 * stay with the old game), renumbered from 1 and re-chained from the genesis so the fork's own
 * record verifies. Every other event keeps its order, time, actor, type and payload. The rules
 * never read who joined a seat or an event's seq (decide keys a seat by its role), so each copied
 * event is decided exactly as it was in the original.
 */
export function forkedEvents(start: ChainStart, events: readonly RecordedEvent[]): RecordedEvent[] {
  const kept = events.filter((e) => e.type !== "seatJoined").map((e, i) => ({ ...e, seq: i + 1 }));
  return rechain(start, kept);
}
