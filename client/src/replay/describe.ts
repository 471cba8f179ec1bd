import {
  describeEvent as describe,
  type EventWords,
  type GameEvent,
  type GameState,
  settingOf,
} from "../../../shared/index";
import { rulingSentence, undoSentence } from "../common/controlWords";
import { t } from "../texts";
import { phaseTitle, roleTitle, seatLabel, sideName, termsText } from "./labels";

const T = t.replay.events;

/** The replay's words for the shared describer (shared/describe.ts), naming ids from the record's scenario. */
function replayWords(after: GameState): EventWords<string> {
  const s = after.scenario;
  return {
    propose: (f, a) => T.propose(who(after, a.actor), f.proposalId, termsText(s, f.terms)),
    accept: (f, a) => T.accept(who(after, a.actor), f.proposalId, termsText(s, f.terms)),
    reject: (f, a) => T.reject(who(after, a.actor), f.proposalId, termsText(s, f.terms)),
    withdraw: (f, a) => T.withdraw(who(after, a.actor), f.proposalId, termsText(s, f.terms)),
    chat: (f, a) => {
      const { channel } = f;
      const title =
        channel === "table"
          ? T.table
          : channel.startsWith("team:")
            ? T.team(sideName(s, channel.slice(5)))
            : (s.backchannels.find((b) => b.id === channel)?.title ?? channel);
      return T.chat(who(after, a.actor), title, f.text);
    },
    statement: (f, a) => T.statement(who(after, a.actor), f.text),
    sign: (f, a) => T.sign(who(after, a.actor), f.draftVersion),
    unsign: (_f, a) => T.unsign(who(after, a.actor)),
    walkAway: (_f, a) => T.walkAway(who(after, a.actor)),
    advancePhase: (f, a) => (f.ended ? T.endedBy(a.type) : T.phase(a.type, phaseTitle(s, f.phase))),
    // A deadline that ends a last call (rules version 3) may fall in any phase, not only the last.
    deadline: (f, a) =>
      f.ended ? (after.lastCall ? T.lastCallOver : T.endedBy(a.type)) : T.phase(a.type, phaseTitle(s, f.phase)),
    pause: () => T.pause,
    resume: (f) => (f.first ? T.start : T.resume),
    extend: (f) => T.extend(f.minutes),
    inject: (f) => T.inject(false, f.title),
    drawInject: (f) => T.inject(true, f.title),
    note: (f) => T.note(f.text),
    endGame: () => T.endGame,
    lastCall: (f) => T.lastCall(f.minutes),
    ruling: (f) => rulingSentence(s, f),
    undo: undoSentence,
    seatJoined: (f) => T.seatJoined(f.name, roleTitle(s, f.seat)),
  };
}

function who(after: GameState, actor: GameEvent["actor"]): string {
  if ("seat" in actor) return seatLabel(after.scenario, after.joins, actor.seat, after.seq);
  return "facilitator" in actor ? T.control : T.system;
}

/**
 * One event in a sentence, for the replay's "what happened here" line. `event` is the event as
 * the chosen seat saw it (null when it could not see it); `before` and `after` are the game on
 * either side of it.
 */
export function describeEvent(event: GameEvent | null, before: GameState, after: GameState): string {
  if (!event) return T.hidden;
  return describe(event, settingOf(before, after), replayWords(after));
}
