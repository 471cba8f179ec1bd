import { z } from "zod";
import { type Actor, actorSchema, type MoveOf, type MoveType, moveSchemas, moveTypes } from "../moves";
import { idSchema } from "../scenario/schema";

/**
 * An event is a decided move: the move's own fields as its payload, plus what deciding fixed (the
 * id a proposal gets, the card a draw turned up). The server stamps `at`, the store `seq` and
 * `hash`. Because the payload holds the move, every event can be run through the rules again.
 *
 * The event is a union on `type` derived from `moveSchemas` (shared/moves.ts): a new move there is
 * a new event here, and every `switch` over an event's type that misses it fails to compile.
 */

/**
 * What an event's payload holds beyond its move: what `decide` adds, and the played card's public
 * title and text that a seat's copy of a drawn card carries (visibility.ts). `moveOfEvent` drops
 * these to get the move back.
 */
const added = {
  propose: { proposalId: idSchema },
  drawInject: { injectId: idSchema, title: z.string().optional(), text: z.string().optional() },
  // The seq of the action an undo compensates (rules version 4): fixed when decided, so a record says
  // what each undo undid without folding the game to find out.
  undo: { undoes: z.int().min(1) },
} as const;
type Added = typeof added;
// The same, looked up by any move type (widened, not cast).
const addedOf: Partial<Record<MoveType, z.ZodRawShape>> = added;

type MoveShape<T extends MoveType> = (typeof moveSchemas)[T]["shape"];
type PayloadShape<T extends MoveType> = Omit<MoveShape<T>, "type"> &
  (T extends keyof Added ? Added[T] : Record<never, never>);
type PayloadSchema<T extends MoveType> = z.ZodObject<PayloadShape<T>, z.core.$strict>;

const atSchema = z.int().min(0);
/** An event's sequence number in its game, from 1. */
export const seqSchema = z.int().min(1);
/** A link of the hash chain: lowercase hex SHA-256. */
export const hashSchema = z.string().regex(/^[0-9a-f]{64}$/);

type EventShape<T extends MoveType> = {
  type: z.ZodLiteral<T>;
  actor: typeof actorSchema;
  at: typeof atSchema;
  payload: PayloadSchema<T>;
};

/**
 * A move's payload schema: its fields without `type` (taken from the shape, since zod refuses
 * `.omit()` on the inject move's refined object), plus what deciding adds. The inject move's
 * either-or refinement is not repeated: a seat's copy of a played card holds both its id and its
 * text, and an imported event is decided again by the rules anyway.
 */
function payloadSchema<T extends MoveType>(type: T): PayloadSchema<T> {
  const { type: _type, ...fields } = moveSchemas[type].shape;
  return z.strictObject({ ...fields, ...(addedOf[type] ?? {}) }) as unknown as PayloadSchema<T>;
}

function eventSchemaOf<T extends MoveType>(type: T): z.ZodObject<EventShape<T>, z.core.$strict> {
  return z.strictObject({ type: z.literal(type), actor: actorSchema, at: atSchema, payload: payloadSchema(type) });
}

/** One schema per event type. */
export const eventSchemas = Object.fromEntries(moveTypes.map((t) => [t, eventSchemaOf(t)])) as unknown as {
  [T in MoveType]: z.ZodObject<EventShape<T>, z.core.$strict>;
};

export type EventType = MoveType;
export const eventTypeSchema = z.keyof(z.object(moveSchemas));

/** The event of one type. */
export type EventOf<T extends MoveType> = z.infer<(typeof eventSchemas)[T]>;
/** Any event: a union on `type`, so a switch over it narrows the payload. */
export type GameEvent = { [T in MoveType]: EventOf<T> }[MoveType];
/** What an event of type T adds to its move's fields. */
export type PayloadOf<T extends MoveType> = EventOf<T>["payload"];

/**
 * The event union with `extra` fields on every member (a stored event's `seq` and `hash`, a seen
 * event's optional hash): a union cannot be `.extend`ed, so each member is.
 */
export function eventSchemaWith<X extends z.ZodRawShape>(extra: X) {
  type Member = z.ZodObject<EventShape<MoveType> & X, z.core.$strict>;
  const members = moveTypes.map((t) => eventSchemas[t].extend(extra)) as unknown as [Member, ...Member[]];
  type Event = { [T in MoveType]: EventOf<T> & z.infer<z.ZodObject<X>> }[MoveType];
  // Input as output: the text schemas only normalise strings, so what is sent has the event's shape.
  return z.discriminatedUnion("type", members) as unknown as z.ZodType<Event, Event>;
}

export const gameEventSchema = eventSchemaWith({});

/** An event as stored and exported. */
export const recordedEventSchema = eventSchemaWith({ seq: seqSchema, hash: hashSchema });
export type RecordedEvent = z.infer<typeof recordedEventSchema>;

/** The event a move makes: its fields as the payload, plus what deciding fixed (`added`). */
export function eventOfMove<T extends MoveType>(
  move: MoveOf<T>,
  actor: Actor,
  at: number,
  extra: Omit<PayloadOf<T>, keyof MoveOf<T>>,
): EventOf<T> {
  const { type, ...fields } = move;
  // The one place the payload is assembled: its type is what eventSchemas says for T.
  return { type, actor, at, payload: { ...fields, ...extra } } as unknown as EventOf<T>;
}

/** The move an event was decided from (the inverse of `eventOfMove`). */
export function moveOfEvent(event: Pick<GameEvent, "type" | "payload">): Record<string, unknown> {
  const payload: Record<string, unknown> = { ...event.payload };
  for (const key of Object.keys(addedOf[event.type] ?? {})) delete payload[key];
  return { type: event.type, ...payload };
}
