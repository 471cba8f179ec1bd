import type { Effect, GameState } from "../../../shared/index";
import type { RecordEvent } from "../replay/record";

/** One of Control's interventions (rules version 4): a ruling, a written inject with effects, or an undo. */
export type Intervention = {
  seq: number;
  at: number;
  kind: "ruling" | "inject" | "undo";
  /** As the feed named it: the ruling's term, the inject's headline, the undone action's title. */
  title: string;
  /** The ruling's or the undo's stated reason, or the inject's text; null when an undo gave none. */
  reason: string | null;
  /** A written inject's effects (none for a ruling or an undo). */
  effects: Effect[];
  /** The action an undo compensated, by seq. */
  undoes: number | null;
};

/**
 * Control's interventions in a record, in order, for the debrief: read from the events (what was
 * decided) and the final state's feed (what each was called when it was told). Deck cards are the
 * scenario's and are told on the timeline; these are Control's own adjudications.
 */
export function interventionsOf(events: readonly RecordEvent[], final: Pick<GameState, "feed">): Intervention[] {
  const titleAt = (seq: number, kind: string) => final.feed.find((f) => f.seq === seq && f.kind === kind)?.title ?? "";
  const out: Intervention[] = [];
  for (const e of events) {
    const base = { seq: e.seq, at: e.at, effects: [], undoes: null };
    if (e.type === "ruling") {
      out.push({ ...base, kind: "ruling", title: titleAt(e.seq, "ruling"), reason: e.payload.reason });
    } else if (e.type === "undo") {
      const reason = e.payload.reason ?? null;
      out.push({ ...base, kind: "undo", title: titleAt(e.seq, "undo"), reason, undoes: e.payload.undoes });
    } else if (e.type === "inject" && e.payload.effects) {
      const { title = "", text = "", effects } = e.payload;
      out.push({ ...base, kind: "inject", title, reason: text, effects });
    }
  }
  return out;
}
