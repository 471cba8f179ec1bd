import fc from "fast-check";
import {
  apply,
  createGame,
  type Decision,
  decide,
  type GameEvent,
  type GameState,
  PRESS,
  type Proposal,
  type Role,
  type Scenario,
  TABLE,
  teamChannel,
} from "../../shared/index";

/**
 * Random games for property tests. A game is driven by a stream of numbers (the "choices"): each
 * step reads a few of them and interprets them against the current state, so the moves adapt to
 * the game (open proposals, the current agenda, the draft's version, the clock) and fast-check can
 * still shrink a failing game by shrinking the stream. Most moves are plausible, and weighted so
 * that games progress to an ending; a share are garbage (wrong types, wrong seats, unknown ids,
 * oversized texts, non-objects).
 */

/** The fake clock's start: every game begins here and only moves forward. */
export const START = 1_700_000_000_000;

/**
 * A stream of choices. Past its end the choices go on from a generator seeded by the whole stream,
 * so that any stream, even an empty one, plays a whole game: fast-check then shrinks a failing
 * game towards a short stream (a short prefix of chosen moves) instead of zeroing thousands of
 * numbers one by one.
 */
export class Choices {
  private i = 0;
  private tail: number;
  constructor(private readonly stream: readonly number[]) {
    let h = 0x811c9dc5 ^ stream.length;
    for (const x of stream) h = Math.imul(h ^ x, 0x01000193);
    this.tail = h >>> 0;
  }

  private next(): number {
    if (this.i < this.stream.length) return this.stream[this.i++]!;
    this.i++;
    // mulberry32
    this.tail = (this.tail + 0x6d2b79f5) >>> 0;
    let t = this.tail;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A whole number in [0, n). */
  int(n: number): number {
    const c = this.next();
    return n <= 1 ? 0 : c % n;
  }

  chance(p: number): boolean {
    return this.int(10_000) < p * 10_000;
  }

  pick<T>(xs: readonly T[]): T {
    if (xs.length === 0) throw new Error("pick from an empty list");
    return xs[this.int(xs.length)]!;
  }

  /** Between min and max distinct elements, in a random order. */
  some<T>(xs: readonly T[], min: number, max: number): T[] {
    const pool = [...xs];
    const n = Math.min(pool.length, min + this.int(max - min + 1));
    const out: T[] = [];
    for (let k = 0; k < n; k++) out.push(pool.splice(this.int(pool.length), 1)[0]!);
    return out;
  }

  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = (Object.entries(weights) as [K, number][]).filter(([, w]) => w > 0);
    const total = entries.reduce((a, [, w]) => a + w, 0);
    let r = (this.int(1_000_000) / 1_000_000) * total;
    for (const [k, w] of entries) {
      if (r < w) return k;
      r -= w;
    }
    return entries[entries.length - 1]![0];
  }
}

/** The choices: a prefix chosen by fast-check (the rest of the game follows from it). */
export const choicesArb = fc.array(fc.noBias(fc.nat()), { maxLength: 3000, size: "max" });
export const seedArb = fc.string({ minLength: 1, maxLength: 12 });
export const gameArb = fc.record({ seed: seedArb, choices: choicesArb });
export type GameInput = { seed: string; choices: number[] };

/** One step as planned: what is sent to `decide`, untrusted. */
export type PlannedStep = { label: string; actor: unknown; move: unknown; at: unknown };

export const F = { facilitator: true } as const;
export const SYSTEM = { system: true } as const;
const seat = (id: string) => ({ seat: id });

const WORDS = [
  "tariffs",
  "soybeans",
  "magnets",
  "quota",
  "crossing",
  "deal",
  "no",
  "maybe",
  "timing",
  "truce",
  "chips",
  "please",
  "later",
  "agreed",
  "counter",
];
const NAMES = ["Ana", "Bo", "Chen", "Dee", "Eli", "Fay", "Gus"];

export type Clock = { now: number };

/** A text: mostly a short phrase, sometimes too long for the scenario, for the hard cap, or blank. */
function text(c: Choices, scenario: Scenario): string {
  const k = c.int(100);
  if (k < 3) return "x".repeat(scenario.rules.chatMaxLength + 1 + c.int(20));
  if (k < 5) return "y".repeat(10_001 + c.int(5_000));
  if (k < 7) return c.pick(["", "   ", "\n\t"]);
  if (k < 8) return "z".repeat(scenario.rules.chatMaxLength);
  const words = Array.from({ length: 1 + c.int(6) }, () => c.pick(WORDS));
  return `${words.join(" ")} #${c.int(1000)}`;
}

/** One effect for a written inject, of any kind, mostly naming ids the game has. */
function effect(c: Choices, sc: Scenario): Record<string, unknown> {
  const side = c.chance(0.97) ? c.pick(sc.sides).id : "noSuchSide";
  const issue = c.pick(sc.issues);
  const by = c.chance(0.97) ? c.int(21) - 10 : 500;
  switch (c.int(5)) {
    case 0:
      return { shiftReservation: { side, by } };
    case 1:
      return { shiftPoints: { side, issue: issue.id, option: c.pick(issue.options).id, by } };
    case 2:
      return { agenda: c.chance(0.5) ? { add: [issue.id] } : { remove: [issue.id] } };
    case 3:
      return { press: { text: `Control press ${c.int(1000)}` } };
    default:
      return { reveal: { to: recipients(c, sc) ?? [side], text: `Written reveal ${c.int(1000)}` } };
  }
}

/** Seats and sides to address a note or a written inject to, sometimes with an unknown one. */
function recipients(c: Choices, scenario: Scenario): string[] | undefined {
  if (c.chance(0.5)) return undefined;
  const ids = [...scenario.roles.map((r) => r.id), ...scenario.sides.map((s) => s.id)];
  const to = c.some(ids, 1, 3);
  if (c.chance(0.05)) to.push(c.pick(["nobody", "observer", "facilitator", "Zed"]));
  if (c.chance(0.02)) return [];
  return to;
}

function channelIds(scenario: Scenario): string[] {
  return [...scenario.sides.map((s) => teamChannel(s.id)), TABLE, PRESS, ...scenario.backchannels.map((b) => b.id)];
}

/** The moves a phase opens, and who acts in it. */
function phaseInfo(state: GameState) {
  const phase = state.scenario.phases[state.phaseIndex]!;
  const opens = (t: string) => (phase.moves as readonly string[]).includes(t);
  const acting = (r: Role) => phase.acting === "all" || phase.acting.includes(r.id);
  return { phase, opens, acting };
}

function settled(state: GameState): number {
  return state.scenario.issues.filter((i) => {
    const o = state.draft.terms[i.id];
    return o !== undefined && o !== i.noDeal;
  }).length;
}

/** Plans the next step from the state. Moves the clock forward. */
export function planStep(state: GameState, c: Choices, clock: Clock): PlannedStep {
  const sc = state.scenario;
  const { opens, acting } = phaseInfo(state);
  const roles = sc.roles;
  const leaders = sc.sides.map((s) => s.leader);
  const openProps = state.proposals.filter((p) => p.status === "open");
  const running = !state.clock.paused && state.clock.endsAt !== null;
  const negotiating = opens("propose") || opens("sign");
  const signable = opens("sign") && settled(state) >= sc.rules.minimumIssues;

  clock.now += c.int(30_000);
  const at = clock.now;

  // The server fires the deadline as soon as the phase's time has run out.
  if (running && state.outcome === null && clock.now >= state.clock.endsAt! && c.chance(0.85)) {
    return { label: "deadline (due)", actor: SYSTEM, move: { type: "deadline" }, at };
  }

  const kind = c.weighted({
    resume: state.clock.paused ? (state.clock.started ? 25 : 300) : 1,
    pause: state.clock.paused ? 0.5 : 2,
    extend: 2,
    advancePhase: negotiating ? 1.2 : 25,
    deadline: negotiating ? 1.2 : 20,
    propose: opens("propose") ? 30 : 2,
    accept: openProps.length > 0 ? 30 : 1,
    reject: openProps.length > 0 ? 4 : 0.5,
    withdraw: openProps.length > 0 ? 4 : 0.5,
    sign: signable ? 60 : 2,
    unsign: state.draft.signedBy.length > 0 ? 3 : 0.5,
    walkAway: opens("walkAway") ? 0.35 : 0.5,
    endGame: 0.12,
    // Rarely, and mostly once signing is near: after it only signing and unsigning are open.
    lastCall: state.lastCall ? 0.3 : signable ? 0.6 : 0.15,
    inject: 2,
    // Control's rulings and undo (rules version 4).
    ruling: 0.8,
    undo: state.undoable ? 0.8 : 0.2,
    drawInject: 2,
    note: 2,
    chat: 12,
    statement: 4,
    seatJoined: 1,
    garbage: 12,
  });

  const facilitatorOrNot = () => (c.chance(0.95) ? F : c.chance(0.5) ? seat(c.pick(roles).id) : SYSTEM);

  switch (kind) {
    case "resume":
    case "pause":
    case "advancePhase":
    case "endGame":
    case "drawInject":
      return { label: kind, actor: facilitatorOrNot(), move: { type: kind }, at };
    case "extend": {
      const minutes = c.chance(0.9) ? 1 + c.int(15) : c.pick<unknown>([0, 16, 2.5, "5", -1]);
      return { label: kind, actor: facilitatorOrNot(), move: { type: "extend", minutes }, at };
    }
    case "lastCall": {
      const minutes = c.chance(0.9) ? 1 + c.int(15) : c.pick<unknown>([0, 16, 1.5, "3"]);
      return { label: kind, actor: facilitatorOrNot(), move: { type: "lastCall", minutes }, at };
    }
    case "deadline": {
      // Mostly once the phase's time has run out (the server's timer), sometimes too early.
      let when = at;
      if (running && c.chance(0.85)) when = Math.max(at, state.clock.endsAt!) + c.int(2_000);
      clock.now = when;
      return { label: kind, actor: c.chance(0.95) ? SYSTEM : F, move: { type: "deadline" }, at: when };
    }
    case "propose": {
      const able = roles.filter((r) => acting(r) && r.portfolio.some((i) => state.agenda.includes(i)));
      const role = able.length > 0 && c.chance(0.9) ? c.pick(able) : c.pick(roles);
      let pool = role.portfolio.filter((i) => state.agenda.includes(i));
      if (pool.length === 0 || c.chance(0.05)) pool = sc.issues.map((i) => i.id);
      const terms: Record<string, string> = {};
      for (const issueId of c.some(pool, 1, 4)) {
        const issue = sc.issues.find((i) => i.id === issueId)!;
        terms[issueId] = c.chance(0.02) ? "noSuchOption" : c.pick(issue.options).id;
      }
      if (c.chance(0.02)) terms.noSuchIssue = "x";
      const move: Record<string, unknown> = { type: "propose", terms };
      if (state.proposals.length > 0 && c.chance(0.15)) move.inReplyTo = c.pick(state.proposals).id;
      else if (c.chance(0.03)) move.inReplyTo = "p999";
      if (c.chance(0.2)) move.note = text(c, sc);
      return { label: kind, actor: seat(role.id), move, at };
    }
    case "accept":
    case "reject": {
      const p = pickProposal(c, state, openProps);
      const able = roles.filter(
        (r) => r.side === p.to && acting(r) && Object.keys(p.terms).every((i) => r.portfolio.includes(i)),
      );
      const role = able.length > 0 && c.chance(0.9) ? c.pick(able) : c.pick(roles);
      const move: Record<string, unknown> = { type: kind, proposalId: p.id };
      if (kind === "reject" && c.chance(0.3)) move.note = text(c, sc);
      return { label: kind, actor: seat(role.id), move, at };
    }
    case "withdraw": {
      const p = pickProposal(c, state, openProps);
      const able = roles.filter((r) => r.side === p.from && (r.id === p.by || leaders.includes(r.id)));
      const role = able.length > 0 && c.chance(0.9) ? c.pick(able) : c.pick(roles);
      return { label: kind, actor: seat(role.id), move: { type: "withdraw", proposalId: p.id }, at };
    }
    case "sign": {
      const unsigned = sc.sides.filter((s) => !state.draft.signedBy.includes(s.id)).map((s) => s.leader);
      const who = unsigned.length > 0 && c.chance(0.95) ? c.pick(unsigned) : c.pick(roles).id;
      const v = state.draft.version;
      const draftVersion = c.chance(0.9) ? v : c.pick([v + 1, v - 1, v + 2]);
      return { label: kind, actor: seat(who), move: { type: "sign", draftVersion }, at };
    }
    case "unsign": {
      const signed = sc.sides.filter((s) => state.draft.signedBy.includes(s.id)).map((s) => s.leader);
      const who = signed.length > 0 && c.chance(0.9) ? c.pick(signed) : c.pick(roles).id;
      return { label: kind, actor: seat(who), move: { type: "unsign" }, at };
    }
    case "walkAway": {
      const who = c.chance(0.9) ? c.pick(leaders) : c.pick(roles).id;
      return { label: kind, actor: seat(who), move: { type: "walkAway" }, at };
    }
    case "inject": {
      const k = c.int(100);
      let move: Record<string, unknown>;
      if (k < 45 && sc.injects.length > 0) move = { type: "inject", injectId: c.pick(sc.injects).id };
      else if (k < 52) move = { type: "inject", injectId: "injNoSuchCard" };
      else if (k < 95) {
        move = { type: "inject", title: `Flash ${c.int(100)}`, text: text(c, sc) };
        const to = recipients(c, sc);
        if (to) move.to = to;
        if (c.chance(0.4)) move.effects = Array.from({ length: 1 + c.int(3) }, () => effect(c, sc));
      } else move = { type: "inject", injectId: sc.injects[0]?.id ?? "x", title: "both" };
      return { label: kind, actor: facilitatorOrNot(), move, at };
    }
    case "ruling": {
      const inDraft = Object.keys(state.draft.terms);
      const strike = inDraft.length > 0 && c.chance(0.3);
      const pool = strike
        ? inDraft
        : state.agenda.length > 0 && c.chance(0.9)
          ? state.agenda
          : sc.issues.map((i) => i.id);
      const issue = c.chance(0.03) ? "noSuchIssue" : c.pick(pool);
      const options = sc.issues.find((i) => i.id === issue)?.options.map((o) => o.id) ?? ["x"];
      const move: Record<string, unknown> = { type: "ruling", kind: strike ? "strike" : "impose", issue };
      if (!strike || c.chance(0.03)) move.option = c.chance(0.03) ? "noSuchOption" : c.pick(options);
      if (c.chance(0.97)) move.reason = `Ruling ${c.int(1000)}: ${c.pick(WORDS)}`;
      return { label: kind, actor: facilitatorOrNot(), move, at };
    }
    case "undo": {
      const move: Record<string, unknown> = { type: "undo" };
      if (c.chance(0.5)) move.reason = `Undo ${c.int(1000)}`;
      return { label: kind, actor: facilitatorOrNot(), move, at };
    }
    case "note": {
      const move: Record<string, unknown> = { type: "note", text: `Control note ${c.int(1000)}: ${text(c, sc)}` };
      const to = recipients(c, sc);
      if (to) move.to = to;
      return { label: kind, actor: facilitatorOrNot(), move, at };
    }
    case "chat": {
      const role = c.pick(roles);
      const own = channelIds(sc).filter(
        (ch) =>
          ch === TABLE ||
          ch === teamChannel(role.side) ||
          sc.backchannels.some((b) => b.id === ch && b.members.includes(role.id)),
      );
      const channel = c.chance(0.7) ? c.pick(own) : c.pick([...channelIds(sc), "team:nobody", "backroom", ""]);
      const actor = c.chance(0.88) ? seat(role.id) : c.chance(0.8) ? F : SYSTEM;
      return { label: kind, actor, move: { type: "chat", channel, text: text(c, sc) }, at };
    }
    case "statement": {
      const speakers = roles.filter((r) => acting(r) || leaders.includes(r.id));
      const actor =
        c.chance(0.1) || speakers.length === 0
          ? c.chance(0.5)
            ? F
            : seat(c.pick(roles).id)
          : seat(c.pick(speakers).id);
      return { label: kind, actor, move: { type: "statement", text: text(c, sc) }, at };
    }
    case "seatJoined": {
      const id = c.chance(0.9) ? c.pick(roles).id : c.pick(["ghost", "facilitator", "observer"]);
      const name = c.chance(0.95) ? c.pick(NAMES) : c.pick(["", "  ", "n".repeat(81)]);
      return { label: kind, actor: c.chance(0.95) ? SYSTEM : F, move: { type: "seatJoined", seat: id, name }, at };
    }
    case "garbage":
      return garbage(state, c, at);
  }
}

function pickProposal(c: Choices, state: GameState, openProps: Proposal[]): Proposal | (Proposal & { fake: true }) {
  if (openProps.length > 0 && c.chance(0.92)) return c.pick(openProps);
  if (state.proposals.length > 0 && c.chance(0.6)) return c.pick(state.proposals);
  const sides = state.scenario.sides;
  return {
    id: `p${state.proposals.length + 1 + c.int(3)}`,
    seq: 0,
    at: 0,
    phase: "x",
    from: sides[0]!.id,
    to: sides[1]!.id,
    by: sides[0]!.leader,
    terms: {},
    inReplyTo: null,
    note: null,
    status: "open",
    closedBy: null,
    closedAt: null,
    closedSeq: null,
    closeNote: null,
    fake: true,
  };
}

/** Malformed input of every kind: unknown types, wrong field types, wrong actors, bad times. */
function garbage(state: GameState, c: Choices, at: number): PlannedStep {
  const sc = state.scenario;
  const role = c.pick(sc.roles).id;
  const issue = c.pick(sc.issues);
  const moves: unknown[] = [
    null,
    undefined,
    42,
    "propose",
    [],
    {},
    { type: 1 },
    { type: "nope" },
    { type: "__proto__" },
    { type: "toString" },
    { type: "constructor" },
    { type: "hasOwnProperty" },
    { type: "propose", terms: "fish" },
    { type: "propose", terms: {} },
    { type: "propose", terms: { [issue.id]: 3 } },
    { type: "propose", terms: { constructor: "x" } },
    { type: "propose", terms: { toString: issue.options[0]!.id } },
    { type: "propose", terms: { [issue.id]: issue.options[0]!.id }, inReplyTo: 5 },
    { type: "propose", terms: { [issue.id]: issue.options[0]!.id }, note: "n".repeat(10_001) },
    { type: "propose", terms: { [issue.id]: issue.options[0]!.id }, extra: true },
    { type: "accept", proposalId: 7 },
    { type: "accept", proposalId: "p999" },
    { type: "accept", proposalId: "constructor" },
    { type: "accept" },
    { type: "reject", proposalId: "p1", note: 3 },
    { type: "withdraw", proposalId: null },
    { type: "sign", draftVersion: -1 },
    { type: "sign", draftVersion: 1.5 },
    { type: "sign", draftVersion: "0" },
    { type: "sign" },
    { type: "unsign", extra: 1 },
    { type: "walkAway", side: sc.sides[0]!.id },
    { type: "chat", channel: TABLE, text: "t".repeat(20_000) },
    { type: "chat", channel: TABLE },
    { type: "chat", channel: "c".repeat(100), text: "hi" },
    { type: "chat", channel: "toString", text: "hi" },
    { type: "chat", channel: "team:", text: "hi" },
    { type: "statement", text: 12 },
    { type: "extend", minutes: 99 },
    { type: "extend", minutes: Number.NaN },
    { type: "inject" },
    { type: "inject", injectId: "x", title: "t" },
    { type: "inject", title: "t", text: "x", to: [] },
    { type: "inject", title: "   ", text: "x" },
    { type: "note", text: "hi", to: [] },
    { type: "note", text: "hi", to: "all" },
    { type: "note", text: "hi", to: ["constructor"] },
    { type: "seatJoined", seat: "facilitator", name: "x" },
    { type: "seatJoined", seat: role },
    { type: "deadline", early: true },
    { type: "drawInject", card: 1 },
    Object.create(null),
    { type: "resume", at: 1 },
  ];
  const actors: unknown[] = [
    null,
    undefined,
    {},
    "facilitator",
    { seat: 5 },
    { seat: "ghost" },
    { seat: "facilitator" },
    { seat: "observer" },
    { seat: "" },
    { facilitator: false },
    { system: "yes" },
    { seat: role, facilitator: true },
    { seat: role, extra: 1 },
    seat(role),
    seat(role),
    F,
    SYSTEM,
  ];
  const times: unknown[] = [at, at, at, Number.NaN, -1, 1.5, Number.POSITIVE_INFINITY, String(at), null, 2 ** 60];
  return { label: "garbage", actor: c.pick(actors), move: c.pick(moves), at: c.pick(times) };
}

export type GameHooks = {
  /** Before `decide`, with the state it will judge. */
  beforeDecide?: (state: GameState, step: PlannedStep, index: number) => void;
  /** After `decide`, with the state it judged. */
  onDecision?: (state: GameState, step: PlannedStep, decision: Decision, index: number) => void;
  /** Replaces `apply` (to freeze the state first, say). */
  apply?: (state: GameState, event: GameEvent) => GameState;
  /** After an accepted event was folded in. */
  afterApply?: (before: GameState, after: GameState, event: GameEvent, events: readonly GameEvent[]) => void;
};

export type GameRecord = {
  scenario: Scenario;
  seed: string;
  state: GameState;
  events: GameEvent[];
  steps: PlannedStep[];
  refused: Record<string, number>;
};

/** How a game ended: an outcome reason, or "unfinished" when it reached the step limit first. */
export const endingOf = (state: GameState): string => state.outcome?.reason ?? "unfinished";

/**
 * Plays a game from a seed and a stream of choices: plan, decide, apply, until the game is over
 * (plus up to three more steps, which must all be refused but seat joins) or reaches `maxSteps`.
 * A failing hook's error is given the last steps, to reproduce it.
 */
export function playGame(
  scenario: Scenario,
  { seed, choices }: GameInput,
  hooks: GameHooks = {},
  maxSteps = 600,
): GameRecord {
  const c = new Choices(choices);
  const clock: Clock = { now: START };
  let state = createGame(scenario, { seed });
  const events: GameEvent[] = [];
  const steps: PlannedStep[] = [];
  const refused: Record<string, number> = {};
  let extra = -1;
  for (let i = 0; i < maxSteps; i++) {
    if (state.outcome !== null) {
      if (extra < 0) extra = c.int(4);
      if (extra-- === 0) break;
    }
    const step = planStep(state, c, clock);
    steps.push(step);
    try {
      hooks.beforeDecide?.(state, step, i);
      const decision = decide(state, step.actor, step.move, step.at as number);
      hooks.onDecision?.(state, step, decision, i);
      if (decision.ok) {
        const before = state;
        state = hooks.apply ? hooks.apply(state, decision.event) : apply(state, decision.event);
        events.push(decision.event);
        hooks.afterApply?.(before, state, decision.event, events);
      } else {
        refused[decision.error.code] = (refused[decision.error.code] ?? 0) + 1;
      }
    } catch (e) {
      if (e instanceof Error) e.message += `\n${transcript(scenario, seed, steps)}`;
      throw e;
    }
  }
  return { scenario, seed, state, events, steps, refused };
}

/** The last steps of a game, to reproduce a failure by hand. */
export function transcript(scenario: Scenario, seed: string, steps: readonly PlannedStep[], last = 12): string {
  const shown = steps.slice(-last).map((s, k) => {
    const n = steps.length - Math.min(last, steps.length) + k;
    const move = JSON.stringify(s.move, (_k, v) =>
      typeof v === "string" && v.length > 60 ? `${v.slice(0, 20)}…(${v.length})` : v,
    );
    return `  #${n} [${s.label}] actor=${JSON.stringify(s.actor)} move=${move} at=${String(s.at)}`;
  });
  return `in a game of ${scenario.id} with seed ${JSON.stringify(seed)}, ${steps.length} steps; the last:\n${shown.join("\n")}`;
}
