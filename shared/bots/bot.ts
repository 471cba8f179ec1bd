import { z } from "zod";
import type { Move } from "../moves";
import { nextRandom, seedState } from "../rng";
import type { Terms } from "../scenario/schema";
import { completeTerms, type SeatScoring, seatWorthWithoutDeal, settledCount } from "../score";
import type { Proposal } from "../state";
import type { View } from "../viewSchema";
import { type BotTime, lastPhaseFor, timeOf } from "./clock";
import { guessOtherSide } from "./guess";
import { bestOffer } from "./search";
import { actingRoles, mayAnswer, rangeOn, type Seat, seatOf, standingOf, worthOn } from "./seat";
import { aspiration, type BotStrategy } from "./strategy";
import { chatLine, proposalNote, rejectNote } from "./talk";

/**
 * One bot turn: given its seat's view (nothing else of the game), the time and what it remembers,
 * the move it sends (or none) and when it wants to be asked again. Pure and seeded: the same view,
 * time and memory give the same turn.
 */

export const botMemorySchema = z.object({
  /** The bot's own generator (rng.ts). */
  rng: z.int().min(0).max(0xffff_ffff),
  /** A fixed number per bot and game that breaks ties between equal offers, so games differ. */
  salt: z.int().min(0).max(0xffff_ffff),
  /** Its own pace: it does not move again before this time (ms). */
  readyAt: z.number(),
  /** The phases in which it has chatted (once a phase at most). */
  talked: z.array(z.string()).max(64),
  /** Moves it has sent. */
  sent: z.int().min(0),
});
export type BotMemory = z.infer<typeof botMemorySchema>;

export function newBotMemory(seed: string): BotMemory {
  return { rng: seedState(seed), salt: seedState(`salt:${seed}`), readyAt: 0, talked: [], sent: 0 };
}

/** Why a bot did what it did: a code, never a figure (its figures are its side's secrets). */
export type BotReason =
  | "over"
  | "unplayable"
  | "paused"
  | "waiting"
  | "sign"
  | "accept"
  | "walkAway"
  | "reject"
  | "withdraw"
  | "propose"
  | "chat"
  | "nothing";

export type BotTurn = {
  move: Move | null;
  memory: BotMemory;
  /** Ask again at this time (ms) even if nothing happens; null: only after the next event. */
  wakeAt: number | null;
  reason: BotReason;
};

/** How long a bot takes between moves, as a share of the phase's length (drawn from its generator). */
const THINK = [0.025, 0.06] as const;
/** How long an idle bot waits before looking again, as a share of the phase's length. */
const IDLE = [0.12, 0.2] as const;
/** A proposal to the bot's side below its target is rejected once this share of the phase has passed. */
const REJECT_AFTER = 0.08;
/** A bot replaces its own open proposal with a new offer after this share of the phase. */
const REOFFER_AFTER = 0.12;
/** A leader walks away in the last phase that allows it, once this share of it has passed. */
export const WALK_AT = 0.85;
/** …or this share, when that phase is also the last one in which packages still move. */
export const WALK_AT_WHILE_NEGOTIATING = 0.97;
/** Chance, per phase, that a bot says something. */
const TALK = 0.2;
const MIN_PAUSE_MS = 1_000;

export function botTurn(strategy: BotStrategy, view: View, now: number, memory: BotMemory): BotTurn {
  const seat = seatOf(view);
  if (!seat) return { move: null, memory, wakeAt: null, reason: view.outcome ? "over" : "unplayable" };
  if (view.phase.paused) return { move: null, memory, wakeAt: null, reason: "paused" };
  if (now < memory.readyAt) return { move: null, memory, wakeAt: memory.readyAt, reason: "waiting" };

  let rng = memory.rng;
  const rand = () => {
    const r = nextRandom(rng);
    rng = r.state;
    return r.value;
  };
  const time = timeOf(seat, now);
  const pause = (share: readonly [number, number]) =>
    Math.max(MIN_PAUSE_MS, Math.round(time.phaseMs * (share[0] + (share[1] - share[0]) * rand())));
  const decision = decideTurn(strategy, seat, time, now, memory, rand);
  if (!decision) {
    // A seat with nothing it may do in this phase waits for the next event (the phase's end is one).
    const canAct = seat.scope.length > 0 || (seat.isLeader && (seat.opens("sign") || seat.opens("walkAway")));
    let wakeAt = canAct ? now + pause(IDLE) : null;
    // A leader who may walk away looks again when the time to do so comes.
    const walkAt = walkTime(seat, time, now);
    if (wakeAt !== null && walkAt !== null && walkAt > now) wakeAt = Math.min(wakeAt, walkAt);
    return { move: null, memory: { ...memory, rng }, wakeAt, reason: "nothing" };
  }
  // A withdrawal makes room for the offer that follows it at once.
  const readyAt = now + (decision.reason === "withdraw" ? MIN_PAUSE_MS : pause(THINK));
  const talked = decision.reason === "chat" ? [...memory.talked, seat.phase.id].slice(-64) : memory.talked;
  return {
    move: decision.move,
    memory: { ...memory, rng, readyAt, talked, sent: memory.sent + 1 },
    wakeAt: readyAt,
    reason: decision.reason,
  };
}

type Decision = { move: Move; reason: BotReason };

function decideTurn(
  strategy: BotStrategy,
  seat: Seat,
  time: BotTime,
  now: number,
  memory: BotMemory,
  rand: () => number,
): Decision | null {
  const { view } = seat;
  const a = aspiration(strategy, seat, time.t);
  const targetOn = (issueIds: readonly string[]) => {
    const r = rangeOn(seat, issueIds);
    return r.floor + a * (r.max - r.floor);
  };
  const allIssues = seat.scenario.issues.map((i) => i.id);
  const draftWorth = worthOn(seat, completeTerms(seat.scenario, view.draft.terms));
  const signable = settledCount(seat.scenario, view.draft.terms) >= seat.scenario.rules.minimumIssues;

  // 1. A leader signs a draft worth more than walking away, and at least its target on all issues.
  if (
    seat.isLeader &&
    seat.opens("sign") &&
    signable &&
    !view.draft.signedBy.includes(seat.side) &&
    draftWorth > seat.reservation &&
    draftWorth >= targetOn(allIssues) - 1e-9
  ) {
    return { move: { type: "sign", draftVersion: view.draft.version }, reason: "sign" };
  }

  // 2. Accept an open proposal to its side worth its target (for a leader, the draft it would sign
  // counts too: a package that completes a draft worth its target is worth accepting). Of several,
  // the one that leaves the draft best for it. One that changes nothing in the draft is left alone:
  // accepting it would only clear the signatures.
  const answerable = view.proposals.filter(
    (p) =>
      p.status === "open" && p.to === seat.side && mayAnswer(seat, p.terms) && changesDraft(view.draft.terms, p.terms),
  );
  const targetAll = targetOn(allIssues);
  const acceptable = answerable
    .filter((p) => worthOn(seat, p.terms) >= targetOn(Object.keys(p.terms)) - 1e-9 || completesDeal(seat, p, targetAll))
    .map((p) => ({ p, after: worthOn(seat, completeTerms(seat.scenario, { ...view.draft.terms, ...p.terms })) }))
    .sort((x, y) => y.after - x.after || standingOf(seat, y.p.terms) - standingOf(seat, x.p.terms));
  if (acceptable.length > 0) return { move: { type: "accept", proposalId: acceptable[0]!.p.id }, reason: "accept" };

  // 3. A leader walks away late in the last phase it may, if nothing on the table is worth more
  // than that, and walking away costs its role no more than letting the time run out.
  const walkAt = walkTime(seat, time, now);
  if (
    walkAt !== null &&
    walkAt <= now &&
    !(signable && draftWorth > seat.reservation) &&
    walkingAwayCostsNothing(seat)
  ) {
    return { move: { type: "walkAway" }, reason: "walkAway" };
  }

  // 4. Reject a proposal below its target that has waited long enough (it frees the other side's slot).
  const stale = answerable.filter((p) => seat.opens("reject") && now - p.at >= time.phaseMs * REJECT_AFTER);
  if (stale.length > 0) {
    const p = stale[0]!;
    return {
      move: { type: "reject", proposalId: p.id, note: rejectNote(seat, Object.keys(p.terms)) },
      reason: "reject",
    };
  }

  // 5. Offer a package on the issues it holds, near its target, best for the other side as it guesses.
  const offer = makeOffer(seat, time, now, memory, targetOn);
  if (offer) return offer;

  // 6. Say something, once a phase at most.
  if (!memory.talked.includes(seat.phase.id) && rand() < TALK) {
    const line = chatLine(seat, rand());
    if (line) return { move: { type: "chat", channel: line.channel, text: line.text }, reason: "chat" };
  }
  return null;
}

/** When a leader may walk away: late in the last phase that allows it (null: not its to do in this phase). */
function walkTime(seat: Seat, time: BotTime, now: number): number | null {
  if (!seat.isLeader || !seat.opens("walkAway") || !lastPhaseFor(seat, "walkAway")) return null;
  const at = time.t < 1 ? WALK_AT_WHILE_NEGOTIATING : WALK_AT;
  return now + Math.ceil((at - time.inPhase) * time.phaseMs);
}

function completesDeal(seat: Seat, p: Proposal, target: number): boolean {
  if (!seat.isLeader) return false;
  const after = { ...seat.view.draft.terms, ...p.terms };
  if (settledCount(seat.scenario, after) < seat.scenario.rules.minimumIssues) return false;
  const worth = worthOn(seat, completeTerms(seat.scenario, after));
  return worth > seat.reservation && worth >= target - 1e-9;
}

function walkingAwayCostsNothing(seat: Seat): boolean {
  const scoring: SeatScoring = { ...seat.view, scenario: seat.scenario };
  return seatWorthWithoutDeal(scoring, seat.side).role >= seatWorthWithoutDeal(scoring, null).role;
}

function makeOffer(
  seat: Seat,
  time: BotTime,
  now: number,
  memory: BotMemory,
  targetOn: (issueIds: readonly string[]) => number,
): Decision | null {
  if (!seat.opens("propose") || seat.scope.length === 0) return null;
  const { view } = seat;
  const issueIds = offerIssues(seat);
  if (issueIds.length === 0) return null;
  const lastTheirs = view.proposals.findLast(
    (p) => p.from === seat.otherSide && Object.keys(p.terms).some((i) => issueIds.includes(i)),
  );
  const bonus = (issueId: string, k: number) => {
    const option = seat.issues.get(issueId)?.options[k];
    let b = noise(memory.salt, issueIds.indexOf(issueId), k) * 0.02;
    if (option !== undefined && view.draft.terms[issueId] === option) b += 0.05;
    if (option !== undefined && lastTheirs?.terms[issueId] === option) b += 0.05;
    return b;
  };
  const sideOpen = view.proposals.filter((p) => p.status === "open" && p.from === seat.side);
  const mine = sideOpen.filter((p) => p.by === seat.role.id);
  // Its own open offer stands for a while; a minister whose side has no room left waits. Either
  // way there is no new offer to work out.
  if (mine.length > 0 && now - mine[0]!.at < time.phaseMs * REOFFER_AFTER) return null;
  const full = sideOpen.length >= seat.scenario.rules.maxOpenProposalsPerSide;
  if (mine.length === 0 && full && !seat.isLeader) return null;

  const offer = bestOffer(seat, issueIds, targetOn(issueIds), guessOtherSide(seat), bonus);
  if (!offer || !changesDraft(view.draft.terms, offer.terms)) return null;
  if (sideOpen.some((p) => sameTerms(p.terms, offer.terms))) return null;
  // An offer the other side has already turned down waits until the bot's target or guess moves.
  if (view.proposals.some((p) => p.from === seat.side && p.status === "rejected" && sameTerms(p.terms, offer.terms))) {
    return null;
  }
  // Room for the new offer: its own old one goes first; else the leader takes back its side's oldest.
  if (mine.length > 0) return { move: { type: "withdraw", proposalId: mine[0]!.id }, reason: "withdraw" };
  if (full) return { move: { type: "withdraw", proposalId: sideOpen[0]!.id }, reason: "withdraw" };
  const inReplyTo = lastTheirs?.id;
  return {
    move: {
      type: "propose",
      terms: offer.terms,
      ...(inReplyTo ? { inReplyTo } : {}),
      note: proposalNote(seat, Object.keys(offer.terms), inReplyTo),
    },
    reason: "propose",
  };
}

/**
 * The issues of its offer: those it holds that someone acting on the other side can accept in one
 * package (a proposal is accepted whole, by one role whose portfolio covers it). A leader offers
 * to the other side's widest portfolio (its leader's, usually); a minister to its counterpart
 * minister's, the other leader's if no minister shares its issues.
 */
function offerIssues(seat: Seat): string[] {
  const leader = seat.scenario.sides.find((s) => s.id === seat.otherSide)?.leader;
  let best: string[] = [];
  let bestIsLeader = true;
  for (const r of actingRoles(seat, seat.otherSide)) {
    const overlap = seat.scope.filter((i) => r.portfolio.includes(i));
    if (overlap.length === 0) continue;
    const isLeader = r.id === leader;
    const better = seat.isLeader
      ? overlap.length > best.length
      : (bestIsLeader && !isLeader) || (bestIsLeader === isLeader && overlap.length > best.length) || best.length === 0;
    if (better) {
      best = overlap;
      bestIsLeader = isLeader;
    }
  }
  return best;
}

/** Whether accepting these terms would change the draft (write an option it does not hold). */
function changesDraft(draft: Terms, terms: Terms): boolean {
  return Object.entries(terms).some(([issue, option]) => draft[issue] !== option);
}

function sameTerms(a: Terms, b: Terms): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}

/** A fixed number in [0, 1) for a bot's salt, an issue (by its place) and an option. */
function noise(salt: number, issue: number, option: number): number {
  let h = (salt ^ Math.imul(issue + 1, 0x9e3779b1) ^ Math.imul(option + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}
