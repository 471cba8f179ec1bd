import { z } from "zod";
import { rulesInForce } from "./rulesVersions";

/**
 * The one rule for text that arrives from outside (chat, statements, notes, titles, names, seeds,
 * a scenario's prose): no NUL and no lone surrogate, because PostgreSQL refuses both in `text` and
 * `jsonb` and a half of a UTF-16 pair is not a character anyone typed; NFC-normalised, so that
 * "é" typed two ways is one string in the record; and bounded, so nothing oversized reaches the
 * rules. Every schema that takes text builds it here.
 */

// With the u flag a paired surrogate is one code point above U+FFFF, so this range matches only
// halves standing alone (String.prototype.isWellFormed, for older browsers and TypeScript's lib).
const LONE_SURROGATE = /[\ud800-\udfff]/u;

/** Why a string breaks the text rule, or null. */
export function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "text may not hold a NUL character (\\u0000)";
  if (LONE_SURROGATE.test(s)) return "text may not hold a lone surrogate (half of a UTF-16 pair)";
  return null;
}

/** A well-formed string (the rule's first half, for keys, codes and anything not normalised). */
export const wellFormedString = (max: number) =>
  z
    .string()
    .max(max)
    .superRefine((s, ctx) => {
      const problem = textProblem(s);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/**
 * Text by the rule: at most `max` characters, well formed, NFC-normalised; `trim` trims it first,
 * `min` counts what is left. Normalising is a rule of version 2 on (rulesVersions.ts): a game of
 * version 1 keeps its text as it was sent, so its record's hashes and its decisions still hold.
 */
export function textSchema(options: { max: number; min?: number; trim?: boolean }) {
  let s = wellFormedString(options.max).overwrite((t) => (rulesInForce().nfcText ? t.normalize("NFC") : t));
  if (options.trim) s = s.trim();
  if (options.min !== undefined) s = s.min(options.min);
  return s;
}

/** The largest whole number a PostgreSQL `integer` column (int4) holds: every count, seq and version. */
export const INT4_MAX = 2_147_483_647;
