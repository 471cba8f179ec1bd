import { canRead, channelsOf } from "./channels";
import { deckLeft } from "./judge";
import { proposalsChangedBy } from "./proposalIndex";
import { publicScenario } from "./scenario/public";
import type { Scenario } from "./scenario/schema";
import { effectiveScenario, holds, scoreOf, scoresFor, signedEnding } from "./score";
import type { FeedItem, GameState } from "./state";
import type { CompactView, SeatRef, View } from "./viewSchema";

/**
 * What a seat may see (GAME.md, "Visibility"). A seat is a role id, "facilitator" or "observer".
 * Everything a view holds is chosen here, field by field, so that a secret reaches a seat only
 * where this file puts it.
 */

export type ViewOptions = {
  /**
   * false: the compact view that travels with each event: no channel histories, only the
   * proposals this event made or closed, only this event's feed items, and none of what never
   * changes during a game (the public scenario, briefs, objectives, the deck's texts), and no
   * seat's names or joins (a `seatJoined` event carries the name it adds). Its cost does not grow with the
   * game; the client keeps the rest from `state` and the events.
   */
  histories?: boolean;
};

/**
 * Parts of views that never change once made (a seat's reference, the channels it reads, a
 * role's compact part): made once per scenario and shared by every view of every event, so an
 * encoder may keep their text as long as the objects live (server/socket/encodeShared.ts).
 * Nothing may change them: they are frozen.
 */
export const lastingParts = new WeakSet<object>();
const lasting = <T extends object>(part: T): T => {
  lastingParts.add(Object.freeze(part));
  return part;
};
const madeFor = new WeakMap<Scenario, Map<string, object>>();
/** A lasting part of this scenario's, made once under `key`. */
function lastingPart<T extends object>(scenario: Scenario, key: string, make: () => T): T {
  let parts = madeFor.get(scenario);
  if (!parts) {
    parts = new Map();
    madeFor.set(scenario, parts);
  }
  let part = parts.get(key) as T | undefined;
  if (!part) {
    part = lasting(make());
    parts.set(key, part);
  }
  return part;
}

export function isRevealedTo(state: GameState, seat: string): boolean {
  return seat === "facilitator" || (state.outcome !== null && state.scenario.rules.revealAtEnd);
}

export function seatRef(scenario: Scenario, seat: string): SeatRef {
  return lastingPart(scenario, `seat\u0000${seat}`, (): SeatRef => {
    if (seat === "facilitator") return { id: "facilitator" };
    if (seat === "observer") return { id: "observer" };
    const role = scenario.roles.find((r) => r.id === seat);
    if (!role) throw new Error(`viewFor: no seat "${seat}"`);
    return { id: seat, side: role.side, role: role.id };
  });
}

/** Whether a feed item (inject, note, reveal) is addressed to this seat. */
export function feedVisible(scenario: Scenario, item: Pick<FeedItem, "to">, seat: string, revealed: boolean): boolean {
  if (revealed || item.to === null) return true;
  if (seat === "observer" || seat === "facilitator") return false;
  const side = scenario.roles.find((r) => r.id === seat)?.side;
  return item.to.includes(seat) || (side !== undefined && item.to.includes(side));
}

/**
 * The channels a seat reads, without their histories: the same list for every event of a game
 * (it changes only when the game's end opens everything), so made once per scenario and seat.
 */
function channelsFor(scenario: Scenario, seat: string, revealed: boolean): View["channels"] {
  return lastingPart(scenario, `channels\u0000${revealed ? "1" : "0"}${seat}`, () =>
    channelsOf(scenario)
      .filter((ch) => revealed || canRead(scenario, ch, seat))
      .map((ch) => lasting({ id: ch.id, title: ch.title, kind: ch.kind, members: ch.members })),
  );
}

/** What a seat's views take of the scenario that never changes: found once per scenario and seat. */
type SeatParts = {
  ref: SeatRef;
  /** The channels it reads, before the game's end and once everything is revealed. */
  channels: { closed: View["channels"]; revealed: View["channels"] };
  role: Scenario["roles"][number] | undefined;
  /** A role's compact private part (`mine.role` and `secrets.roles` in a compact view). */
  compactRole: { id: string } | undefined;
};
const seatPartsMade = new WeakMap<Scenario, Map<string, SeatParts>>();
function seatParts(scenario: Scenario, seat: string): SeatParts {
  let bySeat = seatPartsMade.get(scenario);
  if (!bySeat) {
    bySeat = new Map();
    seatPartsMade.set(scenario, bySeat);
  }
  let parts = bySeat.get(seat);
  if (!parts) {
    const role = scenario.roles.find((r) => r.id === seat);
    parts = {
      ref: seatRef(scenario, seat),
      channels: { closed: channelsFor(scenario, seat, false), revealed: channelsFor(scenario, seat, true) },
      role,
      compactRole: role && lastingPart(scenario, `role\u0000${role.id}`, () => ({ id: role.id })),
    };
    bySeat.set(seat, parts);
  }
  return parts;
}

/** A compact view's feed when its event added nothing a seat sees: most events. */
const NO_FEED = lasting([]) as unknown as FeedItem[];

/** The feed items event `seq` added: at the end, since the feed is appended in seq order. */
function feedOf(feed: FeedItem[], seq: number): FeedItem[] {
  let i = feed.length;
  while (i > 0 && feed[i - 1]!.seq >= seq) i--;
  return feed.slice(i).filter((f) => f.seq === seq);
}

export function viewFor(state: GameState, seat: string, options?: { histories?: true }): View;
export function viewFor(state: GameState, seat: string, options: { histories: false }): CompactView;
export function viewFor(state: GameState, seat: string, options?: ViewOptions): View | CompactView;
export function viewFor(state: GameState, seat: string, options: ViewOptions = {}): View | CompactView {
  return viewsOf(state, options)(seat);
}

/**
 * The views of many seats at one state: what is the same for a whole audience (the phase, the
 * draft, the proposals, a side's private part and scorecard, the revealed secrets, the outcome)
 * is built once and shared by reference among the seats' views, and the scores are computed once
 * for the state, not once per seat. The gateway builds an event's views for every seat with one
 * of these and encodes each shared part once (server/socket/encodeShared.ts).
 */
export function viewsOf(state: GameState, options?: { histories?: true }): (seat: string) => View;
export function viewsOf(state: GameState, options: { histories: false }): (seat: string) => CompactView;
export function viewsOf(state: GameState, options?: ViewOptions): (seat: string) => View | CompactView;
export function viewsOf(state: GameState, options: ViewOptions = {}): (seat: string) => View | CompactView {
  const histories = options.histories ?? true;
  const { scenario } = state;
  const phase = scenario.phases[state.phaseIndex]!;
  const once = <T>(make: () => T): (() => T) => {
    let made: { value: T } | null = null;
    return () => {
      made ??= { value: make() };
      return made.value;
    };
  };
  const perKey = <T>(make: (key: string) => T): ((key: string) => T) => {
    const made = new Map<string, T>();
    return (key) => {
      if (!made.has(key)) made.set(key, make(key));
      return made.get(key)!;
    };
  };
  const effective = once(() => effectiveScenario(state));
  const ending = once(() => signedEnding(state));
  const live = once(() => scoresFor(effective(), ending()));

  // A copy: a live game's list grows in place (apply.ts liveFold), and a view may be sent later.
  const proposals = once(() => (histories ? state.proposals.slice() : proposalsChangedBy(state.proposals, state.seq)));
  const feedItems = once(() => (histories ? state.feed : feedOf(state.feed, state.seq)));

  const sidePrivate = perKey((sideId) => {
    const make = () => {
      const side = effective().sides.find((s) => s.id === sideId)!;
      return {
        id: side.id,
        ...(histories ? { brief: side.brief } : {}),
        reservation: side.reservation,
        points: Object.fromEntries(effective().issues.map((i) => [i.id, [...(i.points[side.id] ?? [])]])),
      };
    };
    // With no control action's shifts, a side's compact part is the scenario's, the same at
    // every event: made once, and its text kept by the encoder.
    return !histories && effective() === scenario ? lastingPart(scenario, `side\u0000${sideId}`, make) : make();
  });
  const rolePrivate = perKey((roleId) => {
    const parts = seatParts(scenario, roleId);
    const role = parts.role!;
    return histories ? { id: role.id, brief: role.brief, objectives: role.objectives } : parts.compactRole!;
  });
  const sideScore = perKey((sideId) => ({
    id: sideId,
    draft: live().sides[sideId]!,
    reservation: sidePrivate(sideId).reservation,
  }));

  const secrets = once(
    (): NonNullable<View["secrets"]> => ({
      sides: scenario.sides.map((s) => sidePrivate(s.id)),
      roles: scenario.roles.map((r) => rolePrivate(r.id)),
      ...(histories ? { injects: scenario.injects } : {}),
      deck: deckLeft(scenario.injects, state.played),
      // Copies, as every list a view takes from the state: a live game's grow in place
      // (apply.ts liveFold), and a view may be encoded after the next event (an HTTP reply, a resume).
      played: state.played.slice(),
      scores: scoreOf(state, { effective: effective(), live: live() }),
      // Control's action an undo would compensate (rules version 4): its shifts are secrets too.
      ...(state.undoable !== undefined ? { undoable: state.undoable } : {}),
    }),
  );

  const outcome = once((): View["outcome"] =>
    state.outcome
      ? {
          agreement: state.outcome.agreement,
          terms: state.outcome.terms,
          scores: { ...state.outcome.scores.sides, roles: state.outcome.scores.roles },
          reason: state.outcome.reason,
          walkedAwayBy: state.outcome.walkedAwayBy,
        }
      : null,
  );

  const c = state.clock;
  const phaseView = once(() => ({
    id: phase.id,
    index: state.phaseIndex,
    title: phase.title,
    endsAt: c.endsAt,
    paused: c.paused,
    started: c.started,
    remainingMs: c.remainingMs,
    extendedMinutes: c.extendedMinutes,
    agenda: state.agenda,
    // Every seat sees a last call: the clock's endsAt is then the game's end.
    ...(state.lastCall ? { lastCall: state.lastCall } : {}),
  }));
  // Only in the whole view: the seats' ids, sides and titles never change during a game, and their
  // names and joins grow with every join (a seatJoined event carries what it adds). Joins are
  // public as their events are (every seat sees seatJoined); their seqs let a screen credit a
  // message only to those on the seat when it was sent (seatPeople.ts).
  const seats = once(() =>
    scenario.roles.map((r) => ({
      id: r.id,
      side: r.side,
      title: r.title,
      names: (state.seats[r.id] ?? []).slice(),
      joins: (state.joins[r.id] ?? []).slice(),
    })),
  );
  const publicPart = once(() => publicScenario(scenario));

  return (seat) => {
    const parts = seatParts(scenario, seat);
    const ref = parts.ref;
    const revealed = isRevealedTo(state, seat);

    const readable = revealed ? parts.channels.revealed : parts.channels.closed;
    const channels = histories
      ? readable.map((ch) => ({ ...ch, messages: state.messages.filter((m) => m.channel === ch.id) }))
      : readable;
    const added = feedItems();
    const feed =
      !histories && added.length === 0 ? NO_FEED : added.filter((f) => feedVisible(scenario, f, seat, revealed));

    let mine: View["mine"] = null;
    let scorecard: View["scorecard"] = null;
    if ("role" in ref) {
      mine = { side: sidePrivate(ref.side), role: rolePrivate(ref.role) };
      const role = parts.role!;
      scorecard = {
        side: sideScore(ref.side),
        role: {
          id: ref.role,
          draft: live().roles[ref.role]!,
          objectives: role.objectives.map((o) => ({
            id: o.id,
            holds: holds(effective(), o.when, ending()),
            points: o.points,
          })),
        },
      };
    }

    return {
      seq: state.seq,
      scenarioId: scenario.id,
      scenarioVersion: scenario.version,
      rulesVersion: state.rulesVersion,
      seat: ref,
      phase: phaseView(),
      draft: state.draft,
      proposals: proposals(),
      channels,
      feed,
      ...(histories ? { seats: seats(), scenario: publicPart() } : {}),
      mine,
      scorecard,
      secrets: revealed ? secrets() : null,
      outcome: outcome(),
      revealed,
    };
  };
}
