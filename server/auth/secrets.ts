import { createHash, randomBytes } from "node:crypto";

/**
 * Keys, tokens and join codes: random, at least 128 bits, stored only as SHA-256 hashes (a
 * high-entropy secret needs no slow hash: there is nothing to guess).
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

/** A join code: 130 random bits in 26 base32 characters, grouped for reading: XXXXX-XXXXX-…-X. */
export function newJoinCode(): string {
  const raw = base32(randomBytes(17)).slice(0, 26);
  return raw.match(/.{1,5}/g)!.join("-");
}

/** Codes are compared without their dashes and case, as people type them. */
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
