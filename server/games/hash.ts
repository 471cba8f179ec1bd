import { createHash } from "node:crypto";
import { canonicalJson } from "../../shared/canonical";
import type { Scenario } from "../../shared/index";

/**
 * The record's hash chain (GAME.md, "Determinism and the record"): each event's hash is SHA-256
 * over the previous hash followed by the canonical JSON of { seq, at, actor, type, payload }; the
 * first event chains to the hash of the canonical { scenario, seed }.
 */

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

export function genesisHash(scenario: Scenario, seed: string): string {
  return sha256(canonicalJson({ scenario, seed }));
}

export type HashedFields = { seq: number; at: number; actor: unknown; type: string; payload: unknown };

export function eventHash(previous: string, e: HashedFields): string {
  return sha256(previous + canonicalJson({ seq: e.seq, at: e.at, actor: e.actor, type: e.type, payload: e.payload }));
}
