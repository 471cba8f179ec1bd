import { Encoded } from "./parser";

/**
 * JSON for many messages that share parts (issue #13): the views of one event's seats hold the
 * same phase, draft, proposals, side parts and secrets by reference (shared/view.ts `viewsOf`),
 * so each shared object is stringified once per event and spliced into every message that holds
 * it. The text is exactly JSON.stringify's (same keys, same order: both follow Object.keys), so a
 * client parses what it always parsed.
 *
 * One instance per event: the objects of a live game's state change in place between events
 * (shared/apply.ts `liveFold`), so their text is kept no longer than one event's fan-out.
 */
export class SharedJson {
  private readonly memo = new Map<object, string>();

  /** `value`'s JSON; objects `depth` levels down are spliced from their parts. */
  of(value: unknown, depth = 0): string {
    if (typeof value !== "object" || value === null) return JSON.stringify(value) ?? "null";
    let text = this.memo.get(value);
    if (text === undefined) {
      text =
        depth > 0 && !Array.isArray(value)
          ? this.fields(value as Record<string, unknown>, depth - 1)
          : JSON.stringify(value);
      this.memo.set(value, text);
    }
    return text;
  }

  private fields(obj: Record<string, unknown>, depth: number): string {
    let out = "";
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      // What JSON.stringify leaves out of an object.
      if (v === undefined || typeof v === "function" || typeof v === "symbol") continue;
      out += `${out === "" ? "" : ","}${JSON.stringify(key)}:${this.of(v, depth)}`;
    }
    return `{${out}}`;
  }

  /** An `event` message `{ seq, event, view }` ready for the wire (parser.ts). */
  eventMessage(seq: number, event: object, view: object): Encoded {
    // The view's own fields, then its phase, mine, scorecard and secrets' fields: shared by audience.
    return new Encoded(`{"seq":${seq},"event":${this.of(event)},"view":${this.of(view, 2)}}`);
  }
}
