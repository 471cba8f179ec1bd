import type { Logger } from "pino";
import type { Config } from "./config";
import type { Database } from "./db/connect";
import type { GameStore } from "./db/gameStore";
import type { ScenarioRegistry } from "./games/scenarios";
import type { GameService } from "./games/service";
import type { Limits } from "./limits/limits";
import type { Metrics } from "./metrics";

/** What the routes and the gateway share: built once in app.ts, no module-level singletons. */
export type AppContext = {
  config: Config;
  db: Database;
  store: GameStore;
  service: GameService;
  scenarios: ScenarioRegistry;
  log: Logger;
  metrics: Metrics;
  limits: Limits;
  gateway: {
    disconnectSeat(gameId: string, seatId: string): void;
    disconnectGame(gameId: string): void;
    /** Tells the facilitator who is there now (a bot just seated counts). */
    publishPresence(gameId: string): Promise<void>;
  };
};
