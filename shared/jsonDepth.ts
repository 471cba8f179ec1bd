/**
 * How deep a value that arrived as JSON nests. Checked, without recursion, before anything walks
 * it recursively (zod, JSON.stringify, canonical hashing): a payload nested 20,000 deep would
 * otherwise end in a RangeError. No document of Summitry's nests past a few dozen levels (a
 * scenario's conditions are the deepest, at most 8 conditions deep).
 */
export const MAX_JSON_DEPTH = 64;

/** The path to the first place deeper than `max`, or null when the value nests at most `max` deep. */
export function tooDeep(value: unknown, max = MAX_JSON_DEPTH): (string | number)[] | null {
  type Frame = { value: unknown; depth: number; key: string | number | null; parent: Frame | null };
  const stack: Frame[] = [{ value, depth: 0, key: null, parent: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (typeof v !== "object" || v === null || ArrayBuffer.isView(v) || v instanceof ArrayBuffer) continue;
    const depth = frame.depth + 1;
    if (depth > max) {
      const path: (string | number)[] = [];
      for (let f: Frame | null = frame; f?.key !== null && f; f = f.parent) path.unshift(f.key);
      return path;
    }
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push({ value: v[i], depth, key: i, parent: frame });
    else
      for (const k of Object.keys(v))
        stack.push({ value: (v as Record<string, unknown>)[k], depth, key: k, parent: frame });
  }
  return null;
}

/**
 * The first string (or key) in a JSON value that breaks `check`, with its path; null when none.
 * Iterative like `tooDeep` (whose limit it expects to have passed), paths built only on a find.
 */
export function firstBadString(
  value: unknown,
  check: (s: string) => string | null,
): { path: (string | number)[]; problem: string } | null {
  type Frame = { value: unknown; key: string | number | null; parent: Frame | null };
  const pathOf = (frame: Frame, last?: string) => {
    const path: (string | number)[] = last === undefined ? [] : [last];
    for (let f: Frame | null = frame; f && f.key !== null; f = f.parent) path.unshift(f.key);
    return path;
  };
  const stack: Frame[] = [{ value, key: null, parent: null }];
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const v = frame.value;
    if (typeof v === "string") {
      const problem = check(v);
      if (problem) return { path: pathOf(frame), problem };
      continue;
    }
    if (typeof v !== "object" || v === null || ArrayBuffer.isView(v)) continue;
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) stack.push({ value: v[i], key: i, parent: frame });
    else
      for (const k of Object.keys(v)) {
        const problem = check(k);
        if (problem) return { path: pathOf(frame, k), problem: `a key: ${problem}` };
        stack.push({ value: (v as Record<string, unknown>)[k], key: k, parent: frame });
      }
  }
  return null;
}
