import { ruleError } from "./contract/ruleErrors";
import { eventOfMove, type GameEvent } from "./events";
import { deckLeft, judge, type Table } from "./judge";
import { actorSchema, parseMove, type RuleError } from "./moves";
import { randomIndex } from "./rng";
import { isKnownRulesVersion, underRules } from "./rulesVersions";
import type { GameState } from "./state";

export type Decision = { ok: true; event: GameEvent } | { ok: false; error: RuleError };

/** The table the rules judge, as the full state shows it. */
export function tableOf(state: GameState): Table {
  return {
    scenario: state.scenario,
    phaseIndex: state.phaseIndex,
    agenda: state.agenda,
    clock: state.clock,
    draft: state.draft,
    proposals: state.proposals,
    over: state.outcome !== null,
    seats: Object.keys(state.seats),
    injects: state.scenario.injects,
    played: state.played,
    lastCall: state.lastCall ?? null,
    undoable: state.undoable ?? null,
  };
}

/**
 * Judges a move (untrusted input: it is parsed here) by an actor at the server's time `at`, and
 * returns the event it produces or the rule it breaks. Never throws, never changes the state.
 */
export function decide(state: GameState, actor: unknown, move: unknown, at: number): Decision {
  // By the game's own rules version (rulesVersions.ts), whichever is current: text and id schemas
  // and the judge read it while this runs. A version this build does not know (a game a newer
  // server stored) is not judged by the wrong rules.
  if (!isKnownRulesVersion(state.rulesVersion)) {
    return { ok: false, error: ruleError("internal", `this server does not know rules version ${state.rulesVersion}`) };
  }
  return underRules(state.rulesVersion, () => decideNow(state, actor, move, at));
}

function decideNow(state: GameState, actor: unknown, move: unknown, at: number): Decision {
  const who = actorSchema.safeParse(actor);
  if (!who.success) return { ok: false, error: ruleError("invalid_actor", "unknown kind of actor") };
  if (!Number.isSafeInteger(at) || at < 0) {
    return { ok: false, error: ruleError("invalid_time", "the time is not a whole number of milliseconds") };
  }
  const parsed = parseMove(move);
  if (!parsed.ok) return parsed;
  const m = parsed.move;
  const broken = judge(tableOf(state), who.data, m, at);
  if (broken) return { ok: false, error: broken };

  const by = who.data;
  if (m.type === "propose") {
    return { ok: true, event: eventOfMove(m, by, at, { proposalId: `p${state.proposals.length + 1}` }) };
  }
  if (m.type === "drawInject") {
    const left = deckLeft(state.scenario.injects, state.played);
    // The judge refused an empty deck (deck_empty), so there is a card to draw.
    return { ok: true, event: eventOfMove(m, by, at, { injectId: left[randomIndex(state.rng, left.length).index]! }) };
  }
  if (m.type === "undo") {
    // The judge refused an undo with nothing to undo, so there is an action to name.
    return { ok: true, event: eventOfMove(m, by, at, { undoes: state.undoable!.seq }) };
  }
  return { ok: true, event: eventOfMove(m, by, at, {}) };
}
