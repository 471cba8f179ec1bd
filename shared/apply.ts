import { PRESS } from "./channels";
import { opposite, ruled, undoableAfter, undoRuling } from "./control";
import type { GameEvent } from "./events";
import { deckLeft } from "./judge";
// Scenario ids key the shifts: looked up as own keys only (own.ts).
import { own as ownKey } from "./own";
import { proposalPosition, replaced } from "./proposalIndex";
import { randomIndex } from "./rng";
import { currentRulesVersion } from "./rulesVersions";
import type { Effect, Inject, Scenario } from "./scenario/schema";
import { acceptedDraft, type Ending, effectiveScenario, noDealEnding, scoresFor, signedEnding } from "./score";
import { type GameState, initialState, type OutcomeReason, type Proposal } from "./state";

/**
 * The reducer: folds one decided event into the state. Pure: it never mutates its input (changed
 * parts are copied, the rest shared), never reads a clock (time comes from `event.at`) and draws
 * randomness only from the generator kept in the state.
 */
export function apply(state: GameState, event: GameEvent): GameState {
  return step(state, event, null);
}

/**
 * What a fold has made itself, and so may append to in place (docs/performance.md): arrays it
 * copied from its input or created (never the input's own, which a caller may still hold or have
 * frozen). With a journal, every change in place is also written down so that it can be undone
 * (a live game's dry run, liveFold below).
 */
type Owned = { arrays: WeakSet<unknown[]>; journal: (() => void)[] | null };

/** The array with `item` at its end: in place when this fold made the array, else a copy it then owns. */
function append<T>(arr: T[], item: T, own: Owned | null): T[] {
  if (own?.arrays.has(arr)) {
    const length = arr.length;
    arr.push(item);
    own.journal?.push(() => {
      arr.length = length;
    });
    return arr;
  }
  const copy = arr.slice();
  copy.push(item);
  own?.arrays.add(copy);
  return copy;
}

/** An array this fold owns with the same items (the array itself if already owned). */
function owned<T>(arr: T[], own: Owned): T[] {
  if (own.arrays.has(arr)) return arr;
  const copy = arr.slice();
  own.arrays.add(copy);
  return copy;
}

/**
 * `events.reduce(apply, state)`, equal to it in every part, in time linear in the events: the
 * histories (messages, proposals, feed, played, joiners) are copied once, then appended to in
 * place. Only the final state is handed out, so no caller ever sees an array change under it.
 */
export function fold(state: GameState, events: Iterable<GameEvent>): GameState {
  const f = folder(state);
  for (const e of events) f.apply(e);
  return f.state;
}

/**
 * A fold driven one event at a time, for a caller that needs to look at each state on the way (a
 * record's verification decides every event against the state before it). `state` is the game
 * now: read it before the next `apply`, never keep it, since the next event may append to its
 * arrays. Keep a version with `apply` from shared/ instead.
 */
export function folder(start: GameState): { readonly state: GameState; apply(event: GameEvent): void } {
  const own: Owned = { arrays: new WeakSet(), journal: null };
  let state = start;
  return {
    get state() {
      return state;
    },
    apply(event: GameEvent) {
      state = step(state, event, own);
    },
  };
}

/**
 * A live game's fold (server/games/service.ts): each stored event applied in constant time however
 * long the game has run, its histories appended to in place rather than copied (a copy of 60,000
 * messages per chat made every move cost more than the one before). `dryRun` tells what an event
 * would make of the state (the head stored in the same statement as the event) and takes every
 * change back before it returns, so until the event is stored no reader sees it.
 *
 * Every state it hands out shares its arrays with the next: a reader reads a state when it gets
 * it (a view, a snapshot's text), never keeps one across another event and reads it later.
 */
export function liveFold(): {
  apply(state: GameState, event: GameEvent): GameState;
  dryRun<T>(state: GameState, event: GameEvent, look: (next: GameState) => T): T;
} {
  const own: Owned = { arrays: new WeakSet(), journal: null };
  return {
    apply(state, event) {
      return step(state, event, own);
    },
    dryRun(state, event, look) {
      const journal: (() => void)[] = [];
      own.journal = journal;
      try {
        return look(step(state, event, own));
      } finally {
        own.journal = null;
        for (let i = journal.length - 1; i >= 0; i--) journal[i]!();
      }
    },
  };
}

function step(state: GameState, event: GameEvent, own: Owned | null): GameState {
  const seq = state.seq + 1;
  const at = event.at;
  const next: GameState = { ...state, seq, at };
  const seat = "seat" in event.actor ? event.actor.seat : null;
  const from = seat ?? "control";

  // Over the event union: a new event type without its case here fails to compile (the default).
  switch (event.type) {
    case "propose": {
      const m = event.payload;
      const role = roleOf(state.scenario, seat!);
      const to = state.scenario.sides.find((s) => s.id !== role.side)!.id;
      const proposals = append(
        state.proposals,
        {
          id: m.proposalId,
          seq,
          at,
          phase: phaseId(state),
          from: role.side,
          to,
          by: role.id,
          terms: m.terms,
          inReplyTo: m.inReplyTo ?? null,
          note: m.note ?? null,
          status: "open",
          closedBy: null,
          closedAt: null,
          closedSeq: null,
          closeNote: null,
        },
        own,
      );
      next.proposals = proposals;
      return next;
    }
    case "accept":
    case "reject":
    case "withdraw": {
      const id = event.payload.proposalId;
      const status = event.type === "accept" ? "accepted" : event.type === "reject" ? "rejected" : "withdrawn";
      const index = proposalPosition(state.proposals, id);
      const proposal = state.proposals[index]!;
      const closed: Proposal = {
        ...proposal,
        status,
        closedBy: seat,
        closedAt: at,
        closedSeq: seq,
        closeNote: (event.type === "reject" ? event.payload.note : undefined) ?? null,
      };
      if (own) {
        // Replaced in place in a list this fold owns (its index, proposalIndex.ts, told).
        const proposals = owned(state.proposals, own);
        proposals[index] = closed;
        replaced(proposals, index);
        own.journal?.push(() => {
          proposals[index] = proposal;
          replaced(proposals, index);
        });
        next.proposals = proposals;
      } else {
        next.proposals = state.proposals.map((x, i) => (i === index ? closed : x));
      }
      if (event.type === "accept") {
        // The one settledIn rule, which the live scorecard also reads (score.ts).
        const { terms, settledIn } = acceptedDraft(state.draft, proposal.terms, phaseId(state));
        next.draft = { version: state.draft.version + 1, terms, signedBy: [], settledIn };
      }
      return next;
    }
    case "chat":
      next.messages = append(
        state.messages,
        { seq, at, channel: event.payload.channel, from, text: event.payload.text },
        own,
      );
      return next;
    case "statement":
      next.messages = append(state.messages, { seq, at, channel: PRESS, from, text: event.payload.text }, own);
      return next;
    case "sign": {
      const side = roleOf(state.scenario, seat!).side;
      next.draft = { ...state.draft, signedBy: [...state.draft.signedBy, side] };
      if (state.scenario.sides.every((s) => next.draft.signedBy.includes(s.id))) {
        return end(next, "signed", signedEnding(next), at);
      }
      return next;
    }
    case "unsign": {
      const side = roleOf(state.scenario, seat!).side;
      next.draft = { ...state.draft, signedBy: state.draft.signedBy.filter((s) => s !== side) };
      return next;
    }
    case "walkAway": {
      const side = roleOf(state.scenario, seat!).side;
      return end(next, "walkAway", noDealEnding(next, side), at);
    }
    case "endGame":
      return end(next, "endGame", noDealEnding(next, null), at);
    case "lastCall": {
      // The clock now runs to the last call's end, from whatever was left of the phase; the
      // server arms that deadline as any other (service.ts), so a restart keeps it.
      const ms = event.payload.minutes * 60_000;
      next.lastCall = { at, minutes: event.payload.minutes };
      next.clock = { ...state.clock, started: true, paused: false, endsAt: at + ms, remainingMs: ms };
      return next;
    }
    case "advancePhase":
    case "deadline": {
      // At a last call's end the game ends, whichever phase it was called in.
      if (state.lastCall || state.phaseIndex + 1 >= state.scenario.phases.length) {
        return end(next, event.type, noDealEnding(next, null), at);
      }
      return enterPhase(next, state.phaseIndex + 1, at, own);
    }
    case "pause": {
      const remainingMs = Math.max(0, (state.clock.endsAt ?? at) - at);
      next.clock = { ...state.clock, paused: true, endsAt: null, remainingMs };
      return next;
    }
    case "resume":
      next.clock = { ...state.clock, started: true, paused: false, endsAt: at + state.clock.remainingMs };
      return next;
    case "extend": {
      const { minutes } = event.payload;
      const ms = minutes * 60_000;
      const c = state.clock;
      next.clock = {
        ...c,
        extendedMinutes: c.extendedMinutes + minutes,
        remainingMs: c.paused ? c.remainingMs + ms : c.remainingMs,
        endsAt: c.endsAt === null ? null : c.endsAt + ms,
      };
      return next;
    }
    case "inject":
    case "drawInject": {
      if (event.type === "drawInject") {
        const left = deckLeft(state.scenario.injects, state.played);
        next.rng = randomIndex(state.rng, left.length).state;
      }
      const { injectId } = event.payload;
      if (typeof injectId === "string") {
        const card = state.scenario.injects.find((i) => i.id === injectId)!;
        const fired = fireInject(next, card, seq, at, own);
        return undoableAfter(next, fired, { seq, title: card.title, to: null, effects: card.effects });
      }
      // A written inject (the move's refinement: no card id means a title and a text).
      if (event.type !== "inject") return next;
      const { title = "", text = "", to, effects = [] } = event.payload;
      next.feed = append(state.feed, { seq, at, kind: "inject", injectId: null, title, text, to: to ?? null }, own);
      const done = applyEffects(next, effects, { injectId: null, title }, seq, at, own);
      return undoableAfter(next, done, { seq, title, to: to ?? null, effects });
    }
    case "ruling": {
      const { draft, title, undoable } = ruled(state, event.payload, seq);
      next.draft = draft;
      next.undoable = undoable;
      next.feed = append(
        state.feed,
        { seq, at, kind: "ruling", injectId: null, title, text: event.payload.reason, to: null },
        own,
      );
      return next;
    }
    case "undo": {
      // A compensating event: the action's record stays; what it changed is changed back.
      const last = state.undoable!;
      if (last.term) next.draft = undoRuling(state.draft, last.term);
      next.feed = append(
        state.feed,
        { seq, at, kind: "undo", injectId: null, title: last.title, text: event.payload.reason ?? "", to: last.to },
        own,
      );
      const undone = applyEffects(
        next,
        last.effects.map(opposite),
        { injectId: null, title: last.title },
        seq,
        at,
        own,
      );
      undone.undoable = null;
      return undone;
    }
    case "note":
      next.feed = append(
        state.feed,
        { seq, at, kind: "note", injectId: null, title: null, text: event.payload.text, to: event.payload.to ?? null },
        own,
      );
      return next;
    case "seatJoined": {
      const { seat: id, name } = event.payload;
      next.seats = { ...state.seats, [id]: append(state.seats[id] ?? [], name, own) };
      next.joins = { ...state.joins, [id]: append(state.joins[id] ?? [], { name, seq }, own) };
      return next;
    }
    default: {
      // Unreachable for a typed event; an untyped one (a record from elsewhere) still stops here.
      const unknown: never = event;
      throw new Error(`apply: unknown event type ${typeOf(unknown)}`);
    }
  }
}

/**
 * The state before any event (GAME.md: `initial(scenario, seed)`), with the first phase's scheduled
 * injects fired; under the current rules version unless the game's own is given (rulesVersions.ts).
 */
export function createGame(scenario: Scenario, options: { seed: string; rulesVersion?: number }): GameState {
  const state = initialState(scenario, options.seed, options.rulesVersion ?? currentRulesVersion());
  return fireScheduled(state, 0, 0, null);
}

/** `state = events.reduce(apply, createGame(scenario, { seed }))` */
export function replay(scenario: Scenario, seed: string, events: readonly GameEvent[]): GameState {
  return fold(createGame(scenario, { seed }), events);
}

/** The type an untyped event claims, for the error that refuses it. */
const typeOf = (event: unknown) =>
  typeof event === "object" && event !== null && "type" in event ? String(event.type) : typeof event;

const phaseId = (state: GameState) => state.scenario.phases[state.phaseIndex]!.id;

function roleOf(scenario: Scenario, seat: string) {
  return scenario.roles.find((r) => r.id === seat)!;
}

function enterPhase(state: GameState, index: number, at: number, own: Owned | null): GameState {
  const phase = state.scenario.phases[index]!;
  const remainingMs = phase.minutes * 60_000;
  const next: GameState = {
    ...state,
    phaseIndex: index,
    agenda: [...phase.agenda],
    clock: {
      ...state.clock,
      remainingMs,
      endsAt: state.clock.paused ? null : at + remainingMs,
      extendedMinutes: 0,
    },
  };
  return fireScheduled(next, state.seq, at, own);
}

function fireScheduled(state: GameState, seq: number, at: number, own: Owned | null): GameState {
  const phase = state.scenario.phases[state.phaseIndex]!;
  let next = state;
  for (const inj of state.scenario.injects) {
    if (typeof inj.when === "object" && inj.when.scheduled === phase.id && !next.played.includes(inj.id)) {
      next = fireInject(next, inj, seq, at, own);
    }
  }
  return next;
}

function fireInject(state: GameState, card: Inject, seq: number, at: number, own: Owned | null): GameState {
  const next: GameState = {
    ...state,
    played: append(state.played, card.id, own),
    feed: append(
      state.feed,
      { seq, at, kind: "inject", injectId: card.id, title: card.title, text: card.text, to: null },
      own,
    ),
  };
  return applyEffects(next, card.effects, { injectId: card.id, title: card.title }, seq, at, own);
}

/**
 * A deck card's effects, a written inject's (rules version 4) and an undo's opposites, applied the
 * one way. `source` names what a reveal came from (a card's id, or null for a written inject).
 */
function applyEffects(
  state: GameState,
  effects: readonly Effect[],
  source: { injectId: string | null; title: string },
  seq: number,
  at: number,
  own: Owned | null,
): GameState {
  const next: GameState = { ...state };
  for (const effect of effects) {
    if ("shiftReservation" in effect) {
      const { side, by } = effect.shiftReservation;
      next.shifts = {
        ...next.shifts,
        reservation: { ...next.shifts.reservation, [side]: (ownKey(next.shifts.reservation, side) ?? 0) + by },
      };
    } else if ("shiftPoints" in effect) {
      const { side, issue, option, by } = effect.shiftPoints;
      const sidePts = ownKey(next.shifts.points, side) ?? {};
      const issuePts = ownKey(sidePts, issue) ?? {};
      next.shifts = {
        ...next.shifts,
        points: {
          ...next.shifts.points,
          [side]: { ...sidePts, [issue]: { ...issuePts, [option]: (ownKey(issuePts, option) ?? 0) + by } },
        },
      };
    } else if ("reveal" in effect) {
      next.feed = append(
        next.feed,
        { seq, at, kind: "reveal", ...source, text: effect.reveal.text, to: effect.reveal.to },
        own,
      );
    } else if ("agenda" in effect) {
      const add = effect.agenda.add ?? [];
      const remove = effect.agenda.remove ?? [];
      // Keep the scenario's issue order so boards do not reshuffle.
      next.agenda = next.scenario.issues
        .map((i) => i.id)
        .filter((id) => (next.agenda.includes(id) || add.includes(id)) && !remove.includes(id));
    } else if ("press" in effect) {
      next.messages = append(next.messages, { seq, at, channel: PRESS, from: "control", text: effect.press.text }, own);
    }
  }
  return next;
}

function end(state: GameState, reason: OutcomeReason, ending: Ending, at: number): GameState {
  const scores = scoresFor(effectiveScenario(state), ending);
  return {
    ...state,
    clock: { ...state.clock, paused: true, remainingMs: 0, endsAt: null },
    outcome: {
      agreement: ending.agreement,
      terms: ending.terms,
      scores,
      reason,
      walkedAwayBy: ending.walkedAwayBy,
      seq: state.seq,
      at,
    },
  };
}
