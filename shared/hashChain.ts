import { canonicalJson } from "./canonical";
import { rulesOf } from "./rulesVersions";
import { sha256Hex } from "./sha256";

/**
 * The record's hash chain (GAME.md, "Determinism and the record"), in one place for the server,
 * the worker and the browser: each event's hash is SHA-256 over the previous hash followed by the
 * canonical JSON of { seq, at, actor, type, payload }; the first event chains to the genesis hash,
 * SHA-256 of the canonical { scenario, seed } (rules version 1) or { rulesVersion, scenario, seed }
 * (version 2 on), so that a record's version cannot be changed without breaking its chain.
 *
 * The digest is a parameter: the pure one here by default, node:crypto's on the server (faster, and
 * held to the same digests by tests/hashChain.test.ts).
 */

export type Digest = (text: string) => string;

export type HashedFields = { seq: number; at: number; actor: unknown; type: string; payload: unknown };

/** The text the genesis hash is the digest of. */
export function genesisText(scenario: unknown, seed: string, rulesVersion: number): string {
  return rulesOf(rulesVersion).versionInGenesis
    ? canonicalJson({ rulesVersion, scenario, seed })
    : canonicalJson({ scenario, seed });
}

/** The text an event's hash is the digest of. */
export function eventText(previous: string, e: HashedFields): string {
  return eventTextOf(previous, {
    seq: e.seq,
    at: e.at,
    type: e.type,
    actorJson: canonicalJson(e.actor),
    payloadJson: canonicalJson(e.payload),
  });
}

/** An event's fields with its actor and payload as canonical JSON already (what the store keeps). */
export type HashedParts = { seq: number; at: number; type: string; actorJson: string; payloadJson: string };

/**
 * The same text from parts already encoded: the canonical JSON of { seq, at, actor, type, payload }
 * is those keys in sorted order (actor, at, payload, seq, type), so the server hashes the very
 * bytes it stores (issue #13) instead of encoding the payload once for each.
 */
export function eventTextOf(previous: string, p: HashedParts): string {
  return `${previous}{"actor":${p.actorJson},"at":${canonicalJson(p.at)},"payload":${p.payloadJson},"seq":${canonicalJson(p.seq)},"type":${canonicalJson(p.type)}}`;
}

export type HashChain = {
  genesisHash(scenario: unknown, seed: string, rulesVersion: number): string;
  eventHash(previous: string, e: HashedFields): string;
  eventHashOf(previous: string, p: HashedParts): string;
};

export function hashChain(digest: Digest = sha256Hex): HashChain {
  return {
    genesisHash: (scenario, seed, rulesVersion) => digest(genesisText(scenario, seed, rulesVersion)),
    eventHash: (previous, e) => digest(eventText(previous, e)),
    eventHashOf: (previous, p) => digest(eventTextOf(previous, p)),
  };
}

/** The first event whose hash does not follow from the ones before it, or null if the chain holds. */
export function brokenLink(
  chain: HashChain,
  record: {
    scenario: unknown;
    seed: string;
    rulesVersion: number;
    events: readonly (HashedFields & { hash: string })[];
  },
): { seq: number; index: number } | null {
  let previous = chain.genesisHash(record.scenario, record.seed, record.rulesVersion);
  for (let i = 0; i < record.events.length; i++) {
    const e = record.events[i]!;
    previous = chain.eventHash(previous, e);
    if (previous !== e.hash) return { seq: e.seq, index: i };
  }
  return null;
}
