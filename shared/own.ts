/**
 * A record's own value for a key, or undefined: never one `Object.prototype` lends it. Scenario
 * ids key most of the rules' records (terms, points, shifts, scores), and `terms.constructor` on
 * a plain object is a function, not "no option chosen". The id schema refuses those names as
 * well (scenario/schema.ts, RESERVED_ID_NAMES); this keeps a scenario stored before that rule
 * playing and scoring correctly.
 */
export function own<T>(record: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return record !== undefined && Object.hasOwn(record, key) ? record[key] : undefined;
}
