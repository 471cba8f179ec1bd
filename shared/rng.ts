/**
 * The seeded random generator. Its whole state is one 32-bit number kept in the game state, so
 * that a replay of the same events from the same seed draws the same cards.
 */

/** Turns a seed string into the generator's first state (FNV-1a, then one avalanche round). */
export function seedState(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/** One mulberry32 step: the next state and a number in [0, 1). */
export function nextRandom(state: number): { state: number; value: number } {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return { state: next, value };
}

/** An index in [0, n) and the generator's next state. */
export function randomIndex(state: number, n: number): { state: number; index: number } {
  const { state: next, value } = nextRandom(state);
  return { state: next, index: Math.min(n - 1, Math.floor(value * n)) };
}
