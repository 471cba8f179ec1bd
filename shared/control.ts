import type { PayloadOf } from "./contract/events";
import { own } from "./own";
import { rulesOf } from "./rulesVersions";
import type { Effect } from "./scenario/schema";
import { acceptedDraft } from "./score";
import type { Draft, GameState, Undoable } from "./state";

/**
 * Control's rulings and their undo (rules version 4), for apply.ts: what a ruling makes of the
 * draft, what an action leaves for an undo to restore, and the opposite of an effect. Pure.
 */

/** The record without `key` (an own key; the others kept as they are). */
const without = (record: Record<string, string>, key: string) =>
  Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

/**
 * The draft after a ruling (a new version: the standing signatures clear, as for any change), the
 * feed's title for it in the scenario's words, and the undo that would restore the term it replaced.
 */
export function ruled(
  state: GameState,
  ruling: PayloadOf<"ruling">,
  seq: number,
): { draft: Draft; title: string; undoable: Undoable } {
  const { draft, scenario } = state;
  const issue = scenario.issues.find((i) => i.id === ruling.issue)!;
  const phase = scenario.phases[state.phaseIndex]!.id;
  const changed =
    ruling.kind === "impose"
      ? acceptedDraft(draft, { [issue.id]: ruling.option! }, phase)
      : { terms: without(draft.terms, issue.id), settledIn: without(draft.settledIn, issue.id) };
  const option = issue.options.find((o) => o.id === ruling.option);
  const title = option ? `${issue.title}: ${option.label}` : `${issue.title}: struck from the draft`;
  const next: Draft = { version: draft.version + 1, signedBy: [], ...changed };
  return {
    draft: next,
    title,
    undoable: {
      seq,
      title,
      to: null,
      phaseIndex: state.phaseIndex,
      draftVersion: next.version,
      term: {
        issue: issue.id,
        option: own(draft.terms, issue.id) ?? null,
        settledIn: own(draft.settledIn, issue.id) ?? null,
      },
      effects: [],
    },
  };
}

/** The draft with a ruling's term put back as it was (a new version, so signatures clear again). */
export function undoRuling(draft: Draft, term: NonNullable<Undoable["term"]>): Draft {
  const terms = without(draft.terms, term.issue);
  const settledIn = without(draft.settledIn, term.issue);
  if (term.option !== null) terms[term.issue] = term.option;
  if (term.settledIn !== null) settledIn[term.issue] = term.settledIn;
  return { version: draft.version + 1, terms, settledIn, signedBy: [] };
}

/**
 * The state after an inject Control played (`after`, from `before`), noting it as the action an undo
 * would compensate when its effects changed what an undo can change back: points and walk-aways
 * (the shifts as made) and the agenda (the issues it really added or removed). A press statement or
 * a reveal cannot be unsaid, so an inject of only those leaves the last action as it was. Versions
 * before 4 have no undo, and their states stay as they always folded.
 */
export function undoableAfter(
  before: GameState,
  after: GameState,
  action: { seq: number; title: string; to: string[] | null; effects: readonly Effect[] },
): GameState {
  if (!rulesOf(after.rulesVersion).controlRulings) return after;
  const shifts = action.effects.filter((e) => "shiftReservation" in e || "shiftPoints" in e);
  const add = after.agenda.filter((id) => !before.agenda.includes(id));
  const remove = before.agenda.filter((id) => !after.agenda.includes(id));
  const agenda: Effect[] =
    add.length + remove.length === 0
      ? []
      : [{ agenda: { ...(add.length ? { add } : {}), ...(remove.length ? { remove } : {}) } }];
  const effects = [...shifts, ...agenda];
  if (effects.length === 0) return after;
  return {
    ...after,
    undoable: {
      seq: action.seq,
      title: action.title,
      to: action.to,
      phaseIndex: before.phaseIndex,
      draftVersion: null,
      term: null,
      effects,
    },
  };
}

/** The effect that takes `effect` back: a shift by the opposite amount, the agenda's additions removed and removals restored. */
export function opposite(effect: Effect): Effect {
  if ("shiftReservation" in effect)
    return { shiftReservation: { ...effect.shiftReservation, by: -effect.shiftReservation.by } };
  if ("shiftPoints" in effect) return { shiftPoints: { ...effect.shiftPoints, by: -effect.shiftPoints.by } };
  if ("agenda" in effect) {
    const { add, remove } = effect.agenda;
    return { agenda: { ...(remove ? { add: remove } : {}), ...(add ? { remove: add } : {}) } };
  }
  // Said is said: a press statement or a reveal has no opposite (undoableAfter keeps none).
  return effect;
}
