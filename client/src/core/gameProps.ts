import type { ClientView } from "./mergeView";
import type { Ack, Connection, LogEntry } from "./useGame";

/** What every live screen (seat table, facilitator console, projector) is given. */
export type GameProps = {
  gameId: string;
  view: ClientView;
  log: LogEntry[];
  connection: Connection;
  send: (move: unknown) => Promise<Ack>;
};
