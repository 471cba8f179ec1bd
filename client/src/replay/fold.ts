import { apply, createGame, type GameState } from "../../../shared/index";
import { t } from "../texts";
import type { GameRecord, RecordEvent } from "./record";

/**
 * The record folded with the rules module: `state(seq)` is the game after event `seq` (0: before
 * any). Every state is not kept: a chat appends to a copied array, so keeping them all would cost
 * the square of the game's length. A checkpoint every CHECKPOINT events is kept instead, and any
 * moment is at most that many `apply` calls away.
 */

const CHECKPOINT = 32;

/** `control`: a ruling or an undo by Control (rules version 4). */
export type MarkKind = "phase" | "inject" | "control" | "end";
export type Mark = { seq: number; kind: MarkKind; label: string };

export type Folded = {
  /** How many events fold cleanly (all of them unless `error`). */
  count: number;
  events: RecordEvent[];
  final: GameState;
  /** The phase index after each seq, 0..count. */
  phaseAt: number[];
  /** Phase changes, injects, Control's rulings and undos, and the end: the timeline's landmarks. */
  marks: Mark[];
  /** The first event the rules could not fold, if any (the replay stops just before it). */
  error: { seq: number; message: string } | null;
  state: (seq: number) => GameState;
};

export function foldRecord(record: GameRecord): Folded {
  const { scenario } = record;
  // Under the game's own rules version, as the server folded it.
  const start = createGame(scenario, { seed: record.seed, rulesVersion: record.rulesVersion });
  const checkpoints: GameState[] = [start];
  const phaseAt: number[] = [start.phaseIndex];
  const marks: Mark[] = [];
  let state = start;
  let error: Folded["error"] = null;
  let count = 0;
  for (const event of record.events) {
    const expected = state.seq + 1;
    if (event.seq !== expected) {
      error = { seq: event.seq, message: `expected event ${expected}, found ${event.seq}` };
      break;
    }
    let next: GameState;
    try {
      next = apply(state, event);
    } catch (err) {
      error = { seq: event.seq, message: err instanceof Error ? err.message : String(err) };
      break;
    }
    if (next.phaseIndex !== state.phaseIndex) {
      marks.push({ seq: next.seq, kind: "phase", label: scenario.phases[next.phaseIndex]?.title ?? "" });
    }
    if (next.played.length > state.played.length || event.type === "inject" || event.type === "drawInject") {
      const cards = next.played.slice(state.played.length);
      const titles = cards.map((id) => scenario.injects.find((i) => i.id === id)?.title ?? id);
      // A card written on the spot has no deck entry: its own title names it.
      const written = event.type === "inject" && event.payload.title !== undefined ? [event.payload.title] : [];
      const label = [...titles, ...written].join(", ");
      if (label) marks.push({ seq: next.seq, kind: "inject", label });
    }
    if (event.type === "ruling" || event.type === "undo") {
      // Named as the feed named it: the ruling's term, or the undone action's title.
      const item = next.feed.find((f) => f.seq === next.seq && f.kind === event.type);
      marks.push({ seq: next.seq, kind: "control", label: controlMark(event.type, item?.title ?? "") });
    }
    if (next.outcome && !state.outcome) marks.push({ seq: next.seq, kind: "end", label: "" });
    state = next;
    count++;
    phaseAt.push(state.phaseIndex);
    if (count % CHECKPOINT === 0) checkpoints.push(state);
  }
  const events = record.events.slice(0, count);
  const final = state;
  const at = (seq: number): GameState => {
    const s = Math.max(0, Math.min(count, Math.round(seq)));
    if (s === count) return final;
    const k = Math.floor(s / CHECKPOINT);
    let st = checkpoints[k]!;
    for (let i = k * CHECKPOINT; i < s; i++) st = apply(st, events[i]!);
    return st;
  };
  return { count, events, final, phaseAt, marks, error, state: at };
}

const controlMark = (type: "ruling" | "undo", title: string) =>
  type === "ruling" ? t.control.timeline.ruling(title) : t.control.timeline.undo(title);
