import { readFileSync } from "node:fs";
import type { GameRecordDocument } from "../../shared/contract/record";
import { hashChain } from "../../shared/hashChain";
import { apply, createGame, decide, type RecordedEvent, type Scenario } from "../../shared/index";
import { tinyScenario } from "../../shared/scenarios/index";

/**
 * Records built move by move through the rules of a chosen version, hashed as that version hashes
 * them: what a server of that version would have exported. Every move must be allowed.
 */

export type Step = { actor: unknown; move: unknown; at: number };

export function recordUnder(
  scenario: Scenario,
  seed: string,
  rulesVersion: number,
  steps: Step[],
  options: { writeVersion?: boolean } = {},
): GameRecordDocument & { events: RecordedEvent[] } {
  const chain = hashChain();
  let state = createGame(scenario, { seed, rulesVersion });
  let previous = chain.genesisHash(scenario, seed, rulesVersion);
  const events: RecordedEvent[] = [];
  for (const step of steps) {
    const d = decide(state, step.actor, step.move, step.at);
    if (!d.ok) throw new Error(`${JSON.stringify(step.move)} refused: ${d.error.code} ${d.error.message}`);
    const base = { seq: events.length + 1, ...d.event };
    previous = chain.eventHash(previous, base);
    const recorded = { ...base, hash: previous };
    events.push(recorded);
    state = apply(state, recorded);
  }
  return {
    format: "summitry-game",
    formatVersion: 1,
    gameId: `v${rulesVersion}-record`,
    // A record from before versions existed has no rulesVersion at all.
    ...(options.writeVersion === false ? {} : { rulesVersion }),
    scenario,
    seed,
    events,
  };
}

const SYS = { system: true } as const;
const F = { facilitator: true } as const;
export const T0 = 1_790_000_000_000;

// "é" as e + COMBINING ACUTE ACCENT (NFD), which version 2 turns into the one character U+00E9.
export const DECOMPOSED = "Cafe\u0301 de\u0301tente";

/**
 * A game exported by a version-1 server (before issue #9's text rule): its scenario's title, a
 * player's name, a chat and a facilitator's note hold text that is not NFC, kept as typed.
 */
export function versionOneRecord() {
  const scenario: Scenario = { ...tinyScenario, title: `Tiny Summit: ${DECOMPOSED}` };
  return recordUnder(
    scenario,
    "v1-seed",
    1,
    [
      { actor: SYS, move: { type: "seatJoined", seat: "n-fish", name: "Chloe\u0301" }, at: T0 },
      { actor: F, move: { type: "resume" }, at: T0 + 1_000 },
      { actor: { seat: "n-fish" }, move: { type: "chat", channel: "team:north", text: DECOMPOSED }, at: T0 + 2_000 },
      { actor: F, move: { type: "note", text: `Note: ${DECOMPOSED}` }, at: T0 + 3_000 },
      { actor: F, move: { type: "advancePhase" }, at: T0 + 4_000 },
      {
        actor: { seat: "n-fish" },
        move: { type: "propose", terms: { fish: "north" }, note: DECOMPOSED },
        at: T0 + 5_000,
      },
    ],
    { writeVersion: false },
  );
}

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");

/** The frozen export of today's server (tests/fixtures/), a fresh copy each time. */
export function frozenRecord(): GameRecordDocument & { events: RecordedEvent[]; rulesVersion: number } {
  return JSON.parse(fixture("record-v2-great-rebalancing.json"));
}

/**
 * A genuine export of a version-1 server (the code of commit f30df2f, before issue #9): no
 * rulesVersion; its scenario's title, its players' names and its texts are not NFC, and an
 * objective's id is `valueOf`, a name version 2 refuses.
 */
export function versionOneExport(): GameRecordDocument & { events: RecordedEvent[] } {
  return JSON.parse(fixture("record-v1-not-nfc.json"));
}
