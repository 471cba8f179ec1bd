/**
 * Negotiating bots (issue #12; docs/bots.md): pure, seeded players of one seat that see only that
 * seat's view and move through the same `decide` as people.
 *
 * ## A bot in a live game (the server's side)
 *
 * ```ts
 * import { botTurn, newBotMemory, botMemorySchema, botStrategySchema } from "../shared/bots/index";
 *
 * const strategy = botStrategySchema.parse(input);          // "boulware" | "linear" | … (from the facilitator)
 * let memory = newBotMemory(`${gameId}:${seat}`);           // JSON: store it with the seat, botMemorySchema.parse to read back
 *
 * // After each event of the game, and at the time the last turn asked for (wakeAt):
 * const turn = botTurn(strategy, viewFor(state, seat), Date.now(), memory);
 * memory = turn.memory;                                     // always keep it, moved or not
 * if (turn.move) decide(state, { seat }, turn.move, now);   // then apply and broadcast, as a person's move
 * // turn.wakeAt: ask again then if nothing happens first (null: only after the next event)
 * ```
 *
 * - Give it the full view (`viewFor(state, seat)`, histories on): an event's compact view has no
 *   scenario, and the bot then does nothing (`reason: "unplayable"`). Nothing else of the game is
 *   passed or read; `view.secrets` is never looked at.
 * - `now` is the server's time in ms, as `decide` takes it; the bot paces itself from it (a move,
 *   then a pause of 2.5–6% of the phase), so calling it often is harmless: before it is ready it
 *   answers `reason: "waiting"` with the time it will be.
 * - A refused move (another move came first) changes nothing; the next event asks again.
 * - `turn.reason` is a code, never a figure, safe for a log line.
 *
 * ## Games and playtests with no server
 *
 * `playBotGame(scenario, seed, { default: "linear", beijing: "boulware" })` plays a whole game on a
 * simulated clock (the record is `result.events`); `playtest(scenario, { games: 500, seed })` the
 * distribution of 500 (agreement, scores, frontier and Nash distances, issues, walk-aways, injects).
 * Both are pure and synchronous: a Web Worker runs them as Node does.
 */

export {
  type BotMemory,
  type BotReason,
  type BotTurn,
  botMemorySchema,
  botTurn,
  newBotMemory,
  WALK_AT,
  WALK_AT_WHILE_NEGOTIATING,
} from "./bot";
export { type BotTime, timeOf } from "./clock";
export {
  BOT_START,
  type BotGameOptions,
  type BotGameResult,
  type BotRefusal,
  playBotGame,
  resolveStrategies,
  type StrategyPlan,
  type TurnRecord,
} from "./play";
export { type InjectEffect, type PlaytestOptions, type PlaytestReport, pairings, playtest } from "./playtest";
export { rangeOn, type Seat, seatOf, standingOf, worthOn } from "./seat";
export { type Summary, summarize } from "./stats";
export {
  aspiration,
  type BotStrategy,
  botStrategies,
  botStrategySchema,
  concessionOfOtherSide,
  STRATEGY_PARAMS,
  type StrategyParams,
} from "./strategy";
