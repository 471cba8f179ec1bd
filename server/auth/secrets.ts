import { createHash, randomBytes } from "node:crypto";

/**
 * Keys and tokens: random, at least 128 bits, stored only as SHA-256 hashes (a high-entropy
 * secret needs no slow hash: there is nothing to guess). Join codes are short enough to type and
 * are kept safe by the join limits instead (docs/join-codes.md).
 */

// Crockford's base32: no I, L, O or U, so a code read aloud or typed from a projector survives.
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

function base32(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** A bearer secret: a prefix that says what it is, then 192 random bits. */
export function newSecret(prefix: "fk" | "gt" | "iv"): string {
  return `${prefix}_${randomBytes(24).toString("base64url")}`;
}

/**
 * What a join code is written in: digits and capitals without the look-alikes 0/O, 1/I/L and U/V,
 * so a code read off a projector or a printed card is typed right the first time. (A typed O, I
 * or L still folds to 0 or 1 below, as the older Crockford codes need; neither is in this set.)
 */
export const CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ";
export const CODE_LENGTH = 10;

/**
 * A join code: 10 characters of 29 (48.6 bits), grouped for reading, "K7QM4-XRT9D". A student
 * types it in seconds; guessing one is a matter of years under the join limits (docs/join-codes.md
 * has the arithmetic). Every character is drawn uniformly: bytes at or above the largest multiple
 * of 29 are thrown away rather than folded in, which would favour the first letters.
 */
export function newJoinCode(): string {
  const limit = 256 - (256 % CODE_ALPHABET.length);
  let out = "";
  while (out.length < CODE_LENGTH) {
    for (const byte of randomBytes(CODE_LENGTH * 2)) {
      if (byte < limit && out.length < CODE_LENGTH) out += CODE_ALPHABET[byte % CODE_ALPHABET.length];
    }
  }
  return `${out.slice(0, 5)}-${out.slice(5)}`;
}

/**
 * Codes are compared without their spaces, dashes and case, as people type them; O, I and L read
 * as 0 and 1. Older 26-character codes (issue #11 made them short) fold the same way, so games
 * made before keep their codes.
 */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, "").replace(/[IL]/g, "1").replace(/O/g, "0");
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function hashCode(code: string): string {
  return hashSecret(`code:${normaliseCode(code)}`);
}

export function newId(prefix: string): string {
  return `${prefix}${base32(randomBytes(10)).toLowerCase()}`;
}
