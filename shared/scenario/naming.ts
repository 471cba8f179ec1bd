/**
 * How a problem names what it is about: by id, where the document gives one, beside its JSON path
 * (`role "cn-commerce"` rather than only `$.roles[3]`). Used on the raw document, by parse.ts for
 * the schema's messages and crossCheck.ts for its own, so every read is defensive.
 */

export type Key = PropertyKey;

/** The document's value at `path`, or `absent` where the path leaves it. */
export const absent = Symbol("absent");
export function at(doc: unknown, path: readonly Key[]): unknown {
  let v = doc;
  for (const key of path) {
    if (typeof v !== "object" || v === null || !Object.hasOwn(v, key)) return absent;
    v = (v as Record<Key, unknown>)[key];
  }
  return v;
}

// What an item of each list of the format is called in a message.
const KINDS: Record<string, string> = {
  sides: "side",
  roles: "role",
  issues: "issue",
  options: "option",
  phases: "phase",
  backchannels: "backchannel",
  injects: "inject",
  objectives: "objective",
  timingPlans: "timing plan",
};

/** What an item of the list `list` is called ("role" for `roles`), or null for a list that has none. */
export const kindOf = (list: Key | undefined): string | null =>
  typeof list === "string" && Object.hasOwn(KINDS, list) ? KINDS[list]! : null;

// An id is named only if it is one (the schema's pattern): a 10,000-character "id" is the schema's
// to refuse, not to be copied into every message about the things inside it.
const NAMEABLE = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;

/** The id of the item at `path` (a list's index) as a message quotes it, or null. */
export function idAt(doc: unknown, path: readonly Key[]): string | null {
  const id = at(doc, [...path, "id"]);
  return typeof id === "string" && NAMEABLE.test(id) ? JSON.stringify(id) : null;
}

/**
 * The things `path` runs through, named by id where the document gives one: `role "cn-commerce"`,
 * `role "s-fish", objective "obj-s-fish-any"`; the whole scenario at the top; null where no item
 * on the way has an id to give (its position is in the path already).
 */
export function ownerOf(doc: unknown, path: readonly Key[]): string | null {
  if (path.length === 0) return "the scenario";
  const names: string[] = [];
  path.forEach((key, i) => {
    const kind = kindOf(path[i - 1]);
    const id = typeof key === "number" && kind ? idAt(doc, path.slice(0, i + 1)) : null;
    if (id) names.push(`${kind} ${id}`);
  });
  return names.length > 0 ? names.join(", ") : null;
}

/** A message prefixed with the things its path runs through (not the one whose id is at fault). */
export function named(doc: unknown, path: readonly Key[], message: string): string {
  const owner = path.at(-1) === "id" ? ownerOf(doc, path.slice(0, -2)) : ownerOf(doc, path);
  return owner && owner !== "the scenario" ? `${owner}: ${message}` : message;
}
