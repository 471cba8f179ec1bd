import { lastingParts } from "../../shared/view";
import { Encoded } from "./parser";

/** The text of the views' lasting parts (shared/view.ts): kept as long as the parts live. */
const lastingText = new WeakMap<object, string>();

/** A key's JSON and its colon: the views' keys are few and the same in every message. */
const keys = new Map<string, string>();
const keyText = (key: string): string => {
  let text = keys.get(key);
  if (text === undefined) {
    text = `${JSON.stringify(key)}:`;
    // A view's keys are its schema's; a bound, should an object with open keys pass through here.
    if (keys.size < 10_000) keys.set(key, text);
  }
  return text;
};

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
    return this.object(value, depth);
  }

  private object(value: object, depth: number): string {
    // Lasting parts first: most of a view's objects are (its seat, channels, role part).
    let text = lastingText.get(value);
    if (text !== undefined) return text;
    if (lastingParts.has(value)) {
      text = JSON.stringify(value);
      lastingText.set(value, text);
      return text;
    }
    text = this.memo.get(value);
    if (text === undefined) {
      text =
        depth > 0 && !Array.isArray(value)
          ? this.fields(value as Record<string, unknown>, depth - 1)
          : JSON.stringify(value);
      this.memo.set(value, text);
    }
    return text;
  }

  /** `tail`: one more field's text, last (the view's gameId). */
  private fields(obj: Record<string, unknown>, depth: number, tail = ""): string {
    let out = "{";
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      let text: string;
      // JSON.stringify's text of each kind of value, without a call for the common ones.
      switch (typeof v) {
        case "string":
          text = JSON.stringify(v);
          break;
        case "number":
          text = Number.isFinite(v) ? String(v) : "null";
          break;
        case "boolean":
          text = v ? "true" : "false";
          break;
        case "object":
          text = v === null ? "null" : this.object(v, depth);
          break;
        case "undefined":
        case "function":
        case "symbol":
          // What JSON.stringify leaves out of an object.
          continue;
        default:
          text = JSON.stringify(v);
      }
      out += `${out.length === 1 ? "" : ","}${keyText(key)}${text}`;
    }
    if (tail !== "") out += `${out.length === 1 ? "" : ","}${tail}`;
    return `${out}}`;
  }

  /**
   * An `event` message `{ seq, event, view }` ready for the wire (parser.ts), the view with the
   * game's id as its last field (as `{ ...view, gameId }` would have it, without the copy).
   */
  eventMessage(seq: number, event: object, view: object, gameId?: string): Encoded {
    // The view's own fields, then its phase, mine, scorecard and secrets' fields: shared by audience.
    const v =
      gameId === undefined
        ? this.of(view, 2)
        : this.fields(view as Record<string, unknown>, 1, `"gameId":${JSON.stringify(gameId)}`);
    return new Encoded(`{"seq":${seq},"event":${this.of(event)},"view":${v}}`);
  }
}
