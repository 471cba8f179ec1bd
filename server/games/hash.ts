import { createHash } from "node:crypto";
import { hashChain } from "../../shared/hashChain";

/**
 * The record's hash chain (shared/hashChain.ts: what is hashed, in what order, from what genesis),
 * with node:crypto's SHA-256 as its digest: the same digests as the pure one the browser uses
 * (tests/hashChain.test.ts), several times faster on a long import.
 */

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export const { genesisHash, eventHash, eventHashOf } = hashChain(sha256);
export type { HashedFields } from "../../shared/hashChain";
