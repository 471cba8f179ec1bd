import type { GameService } from "../games/service";
import { Buckets } from "./buckets";
import type { LimitsConfig } from "./config";
import { SeatNames } from "./names";
import { SocketSlots } from "./sockets";
import { Turns } from "./turns";

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Every limit of this process, built once in app.ts and shared by the routes and the gateway
 * (AppContext.limits). Keys never hold a secret as it was sent: tokens, keys and codes are keyed
 * by their SHA-256 (as the database keeps them), addresses as they are.
 */
export class Limits {
  /** One budget per seat of a game (a role, "facilitator", "observer"): all its sockets and HTTP. */
  readonly moves: Buckets;
  /** `resume` per token, across its sockets. */
  readonly resumes: Buckets;
  readonly resumeReads: Turns;
  readonly resumePage: number;
  readonly sockets: SocketSlots;
  readonly names: SeatNames;
  /** `failures`: joins with a code that opens nothing, per address and (key "*") from everyone. */
  readonly joins: { byCode: Buckets; byAddress: Buckets; failures: { byAddress: Buckets; all: Buckets } };
  readonly writes: {
    byAddress: Buckets;
    games: { minute: Buckets; day: Buckets };
    uploads: { minute: Buckets; day: Buckets };
    imports: { minute: Buckets; day: Buckets };
  };

  constructor(
    config: LimitsConfig & { MOVES_PER_SECOND: number; MOVE_BURST: number },
    service: GameService,
    now: () => number = Date.now,
  ) {
    this.moves = new Buckets(config.MOVES_PER_SECOND, config.MOVE_BURST, now);
    this.resumes = new Buckets(config.RESUMES_PER_MINUTE / 60, config.RESUME_BURST, now);
    this.resumeReads = new Turns(config.RESUME_READS_AT_ONCE);
    this.resumePage = config.RESUME_PAGE_EVENTS;
    this.sockets = new SocketSlots(config.SOCKETS_PER_TOKEN);
    this.names = new SeatNames(service, config.NAMES_PER_SEAT);
    this.joins = {
      byCode: Buckets.per(config.JOINS_PER_MINUTE_PER_CODE, MINUTE, now),
      byAddress: Buckets.per(config.JOINS_PER_MINUTE_PER_ADDRESS, MINUTE, now),
      failures: {
        byAddress: Buckets.per(config.JOIN_FAILURES_PER_MINUTE_PER_ADDRESS, MINUTE, now),
        all: Buckets.per(config.JOIN_FAILURES_PER_MINUTE, MINUTE, now),
      },
    };
    const pair = (perMinute: number, perDay: number) => ({
      minute: Buckets.per(perMinute, MINUTE, now),
      day: Buckets.per(perDay, DAY, now),
    });
    this.writes = {
      byAddress: Buckets.per(config.WRITES_PER_MINUTE_PER_ADDRESS, MINUTE, now),
      games: pair(config.GAMES_PER_MINUTE_PER_KEY, config.GAMES_PER_DAY_PER_KEY),
      uploads: pair(config.UPLOADS_PER_MINUTE_PER_KEY, config.UPLOADS_PER_DAY_PER_KEY),
      imports: pair(config.IMPORTS_PER_MINUTE_PER_KEY, config.IMPORTS_PER_DAY_PER_KEY),
    };
  }

  /** 0 if this seat may move now (and one is taken), else the wait in ms. */
  takeMove(gameId: string, seat: string): number {
    return this.moves.take(`${gameId}\u0000${seat}`);
  }
}
