import type { ClientView } from "./mergeView";
import type { Ack, Connection, LogEntry, Presence } from "./useGame";

/** What every live screen (seat table, facilitator console, projector) is given. */
export type GameProps = {
  gameId: string;
  view: ClientView;
  log: LogEntry[];
  connection: Connection;
  /** Who is connected: the facilitator's console receives it; null elsewhere. */
  presence: Presence | null;
  send: (move: unknown) => Promise<Ack>;
};
