import type { EventOf, EventType, GameEvent } from "./events";
import type { Actor } from "./moves";
import type { Terms } from "./scenario/schema";
import type { FeedItem, GameState } from "./state";

/**
 * The one event describer: what an event says, with what the game around it settles (the terms of
 * the proposal an answer closes, the card a draw turned up, whether a phase change ended the game),
 * handed to the output's own words. The CSV export, the command-line replay, the replay screen and
 * a seat's missed-events list each supply an `EventWords`, a function per event type; a new event
 * type is a compile error in each until it says something.
 *
 * It reads only the event it is given and a public setting (proposals, the phase, the clock, the
 * outcome, a played card's title and text, never its effects): a caller that may not show an
 * event to its viewer passes the event as that viewer sees it (visibility.ts), or none.
 */

/** A played card's public face; its effects stay with the control cell. */
export type CardFace = { id: string; title: string; text: string };
type Nothing = Record<never, never>;
type PhaseFacts = {
  /** The phase the event opened (the last one, when it ended the game). */
  phase: string;
  /** The event ended the game: the last phase ran out or was closed. */
  ended: boolean;
};
type InjectFacts = {
  /** The scenario's card, for a deck or scheduled card; null for one written on the spot. */
  card: CardFace | null;
  /** The card's title and text, or the written inject's. */
  title: string;
  text: string;
  /** A written inject's addressees (seat or side ids); null: everyone. */
  to: string[] | null;
};

/** Each event type's facts. Ids stay ids: the words decide how to name them. */
export type EventFacts = {
  propose: { proposalId: string; terms: Terms; note: string | null };
  accept: { proposalId: string; terms: Terms; draftVersion: number };
  reject: { proposalId: string; terms: Terms; note: string | null };
  withdraw: { proposalId: string; terms: Terms };
  chat: { channel: string; text: string };
  statement: { text: string };
  sign: { draftVersion: number; allSigned: boolean };
  unsign: Nothing;
  walkAway: Nothing;
  advancePhase: PhaseFacts;
  pause: Nothing;
  resume: { first: boolean };
  extend: { minutes: number };
  inject: InjectFacts;
  drawInject: InjectFacts;
  note: { text: string; to: string[] | null };
  endGame: Nothing;
  lastCall: { minutes: number };
  /** Control's ruling on the draft (rules version 4): `option` null for a strike. */
  ruling: { kind: "impose" | "strike"; issue: string; option: string | null; reason: string; draftVersion: number };
  /** Control's undo: the action it compensates, by seq and (when the viewer saw it) by its feed title. */
  undo: { undoes: number; title: string | null; reason: string | null };
  deadline: PhaseFacts;
  seatJoined: { seat: string; name: string };
};

/** Who an event is by, and its type (for words shared by several types). */
export type EventAbout<T extends EventType = EventType> = { type: T; actor: Actor };

/** An output's words: for every event type, what to make of its facts. */
export type EventWords<R> = { [T in EventType]: (facts: EventFacts[T], about: EventAbout<T>) => R };

/**
 * What the describer reads around an event, from the game's states (`settingOf`) or from a seat's
 * view: public facts only.
 */
export type EventSetting = {
  /** Proposals by id, for the terms an answer closes. */
  proposals: readonly { id: string; terms: Terms }[];
  /** The scenario's cards, to name a played one by its id (only `id`, `title` and `text` are read). */
  cards: readonly CardFace[];
  /** The phase after the event. */
  phase: string;
  /** Whether the event ended the game. */
  ended: boolean;
  /** Whether the clock had been started before the event. */
  started: boolean;
  /** The draft's version after the event. */
  draftVersion: number;
  /** The feed as the viewer sees it, to name the action an undo compensates by its title. */
  feed: readonly Pick<FeedItem, "seq" | "kind" | "title">[];
};

/**
 * The setting from the game on either side of the event. `after` may share arrays with `before`,
 * as a folder's states do: only `before`'s clock and outcome are read.
 */
export function settingOf(before: Pick<GameState, "clock" | "outcome">, after: GameState): EventSetting {
  return {
    proposals: after.proposals,
    cards: after.scenario.injects,
    phase: after.scenario.phases[after.phaseIndex]?.id ?? "",
    ended: after.outcome !== null && before.outcome === null,
    started: before.clock.started,
    draftVersion: after.draft.version,
    feed: after.feed,
  };
}

/** Describes `event` in `words`. */
export function describeEvent<R>(event: GameEvent, setting: EventSetting, words: EventWords<R>): R {
  const say = <T extends EventType>(e: EventOf<T>, facts: EventFacts[T]): R =>
    words[e.type](facts, { type: e.type, actor: e.actor });
  const terms = (id: string) => setting.proposals.find((x) => x.id === id)?.terms ?? {};
  const phase = (): PhaseFacts => ({ phase: setting.phase, ended: setting.ended });
  const card = (id: string | undefined): CardFace | null => {
    const found = id === undefined ? undefined : setting.cards.find((i) => i.id === id);
    return found ? { id: found.id, title: found.title, text: found.text } : null;
  };

  switch (event.type) {
    case "propose": {
      const p = event.payload;
      return say(event, { proposalId: p.proposalId, terms: p.terms, note: p.note ?? null });
    }
    case "accept": {
      const id = event.payload.proposalId;
      return say(event, { proposalId: id, terms: terms(id), draftVersion: setting.draftVersion });
    }
    case "reject": {
      const id = event.payload.proposalId;
      return say(event, { proposalId: id, terms: terms(id), note: event.payload.note ?? null });
    }
    case "withdraw":
      return say(event, { proposalId: event.payload.proposalId, terms: terms(event.payload.proposalId) });
    case "chat":
      return say(event, { channel: event.payload.channel, text: event.payload.text });
    case "statement":
      return say(event, { text: event.payload.text });
    case "sign":
      return say(event, { draftVersion: event.payload.draftVersion, allSigned: setting.ended });
    case "unsign":
    case "walkAway":
    case "pause":
    case "endGame":
      return say(event, {});
    case "advancePhase":
    case "deadline":
      return say(event, phase());
    case "resume":
      return say(event, { first: !setting.started });
    case "extend":
    case "lastCall":
      return say(event, { minutes: event.payload.minutes });
    case "inject": {
      const p = event.payload;
      const face = card(p.injectId);
      return say(event, {
        card: face,
        title: face?.title ?? p.title ?? p.injectId ?? "",
        text: face?.text ?? p.text ?? "",
        to: face ? null : (p.to ?? null),
      });
    }
    case "drawInject": {
      const p = event.payload;
      const face = card(p.injectId);
      return say(event, {
        card: face,
        title: face?.title ?? p.title ?? p.injectId,
        text: face?.text ?? p.text ?? "",
        to: null,
      });
    }
    case "note":
      return say(event, { text: event.payload.text, to: event.payload.to ?? null });
    case "seatJoined":
      return say(event, { seat: event.payload.seat, name: event.payload.name });
    case "ruling": {
      const p = event.payload;
      return say(event, {
        kind: p.kind,
        issue: p.issue,
        option: p.option ?? null,
        reason: p.reason,
        draftVersion: setting.draftVersion,
      });
    }
    case "undo": {
      const p = event.payload;
      // The undone action's item (a ruling's or an inject's, never a reveal: those are the seats').
      const item = setting.feed.find((f) => f.seq === p.undoes && (f.kind === "ruling" || f.kind === "inject"));
      return say(event, { undoes: p.undoes, title: item?.title ?? null, reason: p.reason ?? null });
    }
    default: {
      const unknown: never = event;
      return unknown;
    }
  }
}
