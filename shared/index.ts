/**
 * The rules module: pure functions over plain data, shared by the server (to decide), the web
 * client (to explain) and the replay (to fold). No I/O, no clock, no Node or browser API.
 * The scenario files live in `shared/scenarios/` and are deliberately not exported from here: the
 * web client imports this file, and a bundle holding the default scenario would hand every student
 * the other side's points.
 */

export { type Analysis, analyze, fullPackage, type GameFigures, gameFigures, scoreTerms } from "./analyze";
export { apply, createGame, fold, folder, liveFold, replay } from "./apply";
export { canonicalJson } from "./canonical";
export { type ChannelInfo, canRead, channelsOf, findChannel, PRESS, TABLE, teamChannel } from "./channels";
export { checkMove, tableOfView } from "./checkMove";
export { concessionCurves } from "./concessions";
export {
  type ErrorCode,
  type ErrorDetails,
  errorCodeSchema,
  errorCodes,
  errorDetailsSchemas,
  type RuleErrorOf,
  ruleError,
  ruleErrorSchema,
} from "./contract/ruleErrors";
export { type Decision, decide, tableOf } from "./decide";
export {
  type CardFace,
  describeEvent,
  type EventAbout,
  type EventFacts,
  type EventSetting,
  type EventWords,
  settingOf,
} from "./describe";
export {
  type EventOf,
  type EventType,
  eventOfMove,
  eventSchemas,
  eventSchemaWith,
  eventTypeSchema,
  type GameEvent,
  gameEventSchema,
  hashSchema,
  moveOfEvent,
  type PayloadOf,
  type RecordedEvent,
  recordedEventSchema,
  seqSchema,
} from "./events";
export { deckLeft, judge, MAX_EXTEND_MINUTES, type Table } from "./judge";
export {
  type Actor,
  actorSchema,
  facilitatorMoveTypes,
  type Move,
  type MoveOf,
  type MoveType,
  moveSchema,
  moveSchemas,
  moveTypes,
  parseMove,
  type RuleError,
  systemMoveTypes,
} from "./moves";
export { nextRandom, randomIndex, seedState } from "./rng";
export { agendaInPlay } from "./scenario/agenda";
export { formatPath, type Problem } from "./scenario/crossCheck";
export { type ParseScenarioResult, parseScenario, scenarioJsonSchema } from "./scenario/parse";
export { type PublicScenario, publicScenario, publicScenarioSchema } from "./scenario/public";
export * from "./scenario/schema";
export { changedPhaseMinutes, type PlanMinutes, planMinutes } from "./scenario/timing";
export {
  acceptedDraft,
  agreedEnding,
  completeTerms,
  type Ending,
  effectiveScenario,
  endingWithoutDeal,
  type HeldObjective,
  holds,
  isSettled,
  noDealEnding,
  objectivesHeld,
  pointsFor,
  roleScore,
  type ScoredIssue,
  type ScoreReport,
  type SeatScoring,
  type SeatWorth,
  scoreOf,
  scoresFor,
  seatWorthIfAccepted,
  seatWorthWithoutDeal,
  settledCount,
  settledIssues,
  sidePoints,
  sideScore,
  signedEnding,
} from "./score";
export { type Join, joinSchema, onSeatAt } from "./seatPeople";
export { type GameSetup, gameSetupSchema, setupScenario } from "./setup";
export * from "./state";
export { feedVisible, isRevealedTo, seatRef, type ViewOptions, viewFor, viewsOf } from "./view";
export * from "./viewSchema";
export { eventFor } from "./visibility";
