import type { z } from "zod";
import {
  type MoveAck,
  moveAck,
  type ServerMessageName,
  type ServerMessages,
  serverToClient,
} from "../../../shared/contract/index";

/**
 * What arrives on the socket, parsed with the contract (shared/contract/socket.ts) before anything
 * reads it: a message of the wrong shape (a server of another version, a bug) is dropped and
 * reported, never trusted into the view.
 */

export type ServerMessage<K extends ServerMessageName> = ServerMessages[K];

export type Dropped = { name: string; where: string; message: string };
const listeners = new Set<(d: Dropped) => void>();
/** Listens to every dropped message (a test, a status line); returns the unsubscribe. */
export function onDropped(f: (d: Dropped) => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}
function report(name: string, [where, message]: [string, string]) {
  console.warn(`summitry: dropped a malformed "${name}" message (at ${where}: ${message})`);
  for (const f of listeners) f({ name, where, message });
}

function firstIssue(error: z.ZodError): [string, string] {
  const issue = error.issues[0];
  return [issue?.path.join(".") || "the message", issue?.message ?? "invalid"];
}

/** The message parsed by its schema, or null (dropped and reported). */
export function parseServerMessage<K extends ServerMessageName>(name: K, raw: unknown): ServerMessage<K> | null {
  const parsed = serverToClient[name].safeParse(raw);
  if (parsed.success) return parsed.data;
  report(name, firstIssue(parsed.error));
  return null;
}

/** A move's acknowledgement parsed; one of the wrong shape is reported and read for a refusal. */
export function parseAck(raw: unknown): MoveAck {
  const parsed = moveAck.safeParse(raw);
  if (parsed.success) return parsed.data;
  report("move ack", firstIssue(parsed.error));
  return { ok: false, error: { code: "bad_response", message: "The server's answer to the move was not understood." } };
}
