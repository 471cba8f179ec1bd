import { z } from "zod";
import { actorSchema, type MoveType, moveSchemas } from "./moves";

/**
 * An event is a decided move: the move's own fields as its payload, plus what deciding fixed
 * (the id a proposal gets, the card a draw turned up). The server stamps `at`, the store `seq`
 * and `hash`. Because the payload holds the move, every event can be run through the rules again.
 */

// Derived fields: everything else in a payload is the move as sent.
const derived: Partial<Record<MoveType, string[]>> = {
  propose: ["proposalId"],
  drawInject: ["injectId"],
};

export const eventTypeSchema = z.enum(Object.keys(moveSchemas) as [MoveType, ...MoveType[]]);

export const gameEventSchema = z.strictObject({
  type: eventTypeSchema,
  actor: actorSchema,
  at: z.int().min(0),
  payload: z.record(z.string(), z.unknown()),
});
export type GameEvent = z.infer<typeof gameEventSchema>;

/** An event as stored and exported. */
export const recordedEventSchema = gameEventSchema.extend({
  seq: z.int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type RecordedEvent = z.infer<typeof recordedEventSchema>;

/** The move an event was decided from (the inverse of `decide`'s event building). */
export function moveOfEvent(event: Pick<GameEvent, "type" | "payload">): Record<string, unknown> {
  const payload = { ...event.payload };
  for (const key of derived[event.type] ?? []) delete payload[key];
  return { type: event.type, ...payload };
}
