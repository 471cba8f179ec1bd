import { createHash } from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { foldRecord } from "../client/src/replay/fold";
import { eventHash, genesisHash } from "../server/games/hash";
import { verifyRecord } from "../server/games/record";
import { parseRecord } from "../shared/contract/record";
import { brokenLink, hashChain } from "../shared/hashChain";
import { checkMove, createGame, decide, fold, scoreOf, viewFor } from "../shared/index";
import { currentRulesVersion, type RuleSet, registerRulesVersion, rulesOf } from "../shared/rulesVersions";
import { tinyScenario } from "../shared/scenarios/index";
import { sha256Hex } from "../shared/sha256";
import {
  DECOMPOSED,
  frozenRecord,
  recordUnder,
  T0,
  versionOneExport,
  versionOneRecord,
} from "./support/versionedRecord";

// The record and its rules version: one hash chain for server and browser; a frozen export that
// verifies, replays and scores as recorded for ever; a version-1 record (text not NFC) that still
// verifies; and a simulated rule change that leaves the games created before it as they were.

const nodeSha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describe("one hash chain", () => {
  it("the pure SHA-256 gives node:crypto's digest for any text (lone surrogates as U+FFFD, as Node does)", () => {
    for (const s of ["", "abc", "a".repeat(55), "a".repeat(56), "a".repeat(64), "é\u0301😀\ud800x\udc00"]) {
      expect(sha256Hex(s), JSON.stringify(s)).toBe(nodeSha256(s));
    }
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => sha256Hex(s) === nodeSha256(s)),
      { numRuns: 400 },
    );
  });

  it("the server's chain (node:crypto) and the browser's (pure) link the frozen record alike", () => {
    const record = frozenRecord();
    const pure = hashChain();
    expect(genesisHash(record.scenario, record.seed, 2)).toBe(pure.genesisHash(record.scenario, record.seed, 2));
    let previous = genesisHash(record.scenario, record.seed, 2);
    for (const e of record.events) {
      expect(pure.eventHash(previous, e)).toBe(eventHash(previous, e));
      previous = e.hash;
    }
    expect(brokenLink(pure, record)).toBeNull();
  });

  it("version 2's genesis covers the version: the same record claimed as version 1 breaks at its first event", () => {
    const record = { ...frozenRecord(), rulesVersion: 1 };
    expect(brokenLink(hashChain(), record)).toEqual({ seq: 1, index: 0 });
    expect(verifyRecord(record)).toMatchObject({ ok: false, code: "hash_mismatch", seq: 1 });
    // Version 1's genesis is today's hash of { scenario, seed } alone, so version-1 games keep their hashes.
    expect(genesisHash(record.scenario, record.seed, 1)).toBe(nodeSha256(canonical(record)));
  });
});

/** Version 1's genesis text, written out: canonical JSON of { scenario, seed }. */
function canonical(record: { scenario: unknown; seed: string }): string {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sortKeys({ scenario: record.scenario, seed: record.seed }));
}

describe("the frozen export (tests/fixtures/record-v2-great-rebalancing.json)", () => {
  // Written by hand from the record: if any of these changes, a rule changed without a new version.
  const SIDES = { washington: 77, beijing: 68 };
  const ROLES = {
    "us-president": 83,
    "us-treasury": 85,
    "us-commerce": 81,
    "us-nsa": 77,
    "cn-president": 68,
    "cn-vice-premier": 76,
    "cn-commerce": 72,
    "cn-foreign": 72,
    "cn-security": 71,
  };

  it("is a rich game of the default scenario, under rules version 2", () => {
    const record = frozenRecord();
    expect(record.rulesVersion).toBe(2);
    expect(record.scenario).toMatchObject({ id: "great-rebalancing" });
    const types = new Set(record.events.map((e) => e.type));
    for (const t of ["seatJoined", "chat", "note", "propose", "reject", "accept", "withdraw", "inject", "drawInject"]) {
      expect(types, t).toContain(t);
    }
    expect(record.events.filter((e) => e.type === "sign")).toHaveLength(2);
  });

  it("verifies: every hash and every decision of the rules", () => {
    const verified = verifyRecord(frozenRecord());
    expect(verified).toMatchObject({ ok: true, rulesVersion: 2 });
  });

  it("scores as recorded, by the server's verification, a plain fold and the browser's replay", () => {
    const record = frozenRecord();
    const verified = verifyRecord(record);
    if (!verified.ok) throw new Error(verified.message);
    const outcome = verified.state.outcome!;
    expect(outcome).toMatchObject({
      agreement: true,
      reason: "signed",
      seq: 28,
      scores: { sides: SIDES, roles: ROLES },
    });
    expect(verified.state.played).toEqual(["inj-talks-open", "inj-weak-growth", "inj-chip-letter"]);

    const read = parseRecord(record);
    if (!read.ok) throw new Error(read.problem.message);
    const folded = fold(createGame(read.record.scenario, { seed: record.seed, rulesVersion: 2 }), record.events);
    expect(folded).toEqual(verified.state);
    const replayed = foldRecord(read.record);
    expect(replayed.error).toBeNull();
    expect(replayed.count).toBe(28);
    expect(replayed.final).toEqual(verified.state);
    expect(scoreOf(replayed.final)).toMatchObject({ over: true, sides: SIDES });
  });

  it("refuses the record once any event in it is changed", () => {
    const record = frozenRecord();
    const chat = record.events.find((e) => e.type === "chat")!;
    if (chat.type !== "chat") throw new Error("no chat");
    chat.payload.text = "Changed.";
    expect(verifyRecord(record)).toMatchObject({ ok: false, code: "hash_mismatch", seq: chat.seq });
  });
});

describe("a version-1 server's own export (tests/fixtures/record-v1-not-nfc.json)", () => {
  it("verifies under version 1 and scores as the version-1 server scored it", () => {
    const doc = versionOneExport();
    expect("rulesVersion" in doc).toBe(false);
    const verified = verifyRecord(doc);
    if (!verified.ok) throw new Error(`${verified.code}: ${verified.message}`);
    expect(verified.rulesVersion).toBe(1);
    // The version-1 server's own fold of this record gave these (its code, run on the fixture).
    expect(verified.state.outcome).toMatchObject({
      agreement: true,
      reason: "signed",
      seq: 17,
      terms: { fish: "split", border: "daytime", statement: "friendly" },
      scores: {
        sides: { north: 11, south: 14 },
        roles: { "n-lead": 14, "n-fish": 13, "n-aide": 11, "s-lead": 14, "s-fish": 15 },
      },
    });
  });

  it("keeps its text as typed (not NFC) and its objective named valueOf", () => {
    const verified = verifyRecord(versionOneExport());
    if (!verified.ok) throw new Error(verified.message);
    expect(verified.scenario.title).toBe(`Tiny Summit: ${DECOMPOSED}`);
    expect(verified.scenario.title.normalize("NFC")).not.toBe(verified.scenario.title);
    expect(verified.state.seats["n-fish"]).toEqual(["Chloe\u0301"]);
    expect(verified.state.messages.find((m) => m.channel === "team:north")?.text).toBe(DECOMPOSED);
    expect(verified.scenario.roles.find((r) => r.id === "n-fish")?.objectives.map((o) => o.id)).toEqual(["valueOf"]);
  });

  it("claimed for version 2, its scenario breaks version 2's id rule", () => {
    expect(verifyRecord({ ...versionOneExport(), rulesVersion: 2 })).toMatchObject({
      ok: false,
      code: "invalid_scenario",
      details: { problems: [{ path: "$.roles[1].objectives[0].id" }] },
    });
  });
});

describe("a version-1 record with text that is not NFC, built by the rules of version 1", () => {
  it("has no rulesVersion, and reads as version 1 with its text exactly as typed", () => {
    const doc = versionOneRecord();
    expect("rulesVersion" in doc).toBe(false);
    const read = parseRecord(doc);
    if (!read.ok) throw new Error(read.problem.message);
    expect(read.record.rulesVersion).toBe(1);
    expect(read.record.scenario.title).toBe(`Tiny Summit: ${DECOMPOSED}`);
    expect(read.record.events.find((e) => e.type === "chat")?.payload).toMatchObject({ text: DECOMPOSED });
  });

  it("verifies, and folds to a state holding the text as it was sent", () => {
    const verified = verifyRecord(versionOneRecord());
    if (!verified.ok) throw new Error(`${verified.code}: ${verified.message}`);
    expect(verified.rulesVersion).toBe(1);
    expect(verified.state.messages.find((m) => m.channel === "team:north")?.text).toBe(DECOMPOSED);
    expect(verified.state.seats["n-fish"]).toEqual(["Chloe\u0301"]);
    expect(verified.state.proposals[0]?.note).toBe(DECOMPOSED);
  });

  it("would be refused by version 2's rules, which normalise its text (why the version is kept)", () => {
    const doc = versionOneRecord();
    // The same events claimed for version 2 and hashed anew from version 2's genesis.
    const chain = hashChain();
    let previous = chain.genesisHash(doc.scenario, doc.seed, 2);
    const events = doc.events.map((e) => {
      previous = chain.eventHash(previous, e);
      return { ...e, hash: previous };
    });
    const refused = verifyRecord({ ...doc, rulesVersion: 2, events });
    expect(refused.ok).toBe(false);
  });

  it("a record from a newer server (an unknown version) is refused, saying so", () => {
    const refused = verifyRecord({ ...frozenRecord(), rulesVersion: 99 });
    expect(refused).toMatchObject({ ok: false, code: "invalid_record", seq: null });
    expect(refused.ok || refused.message).toMatch(/rules version 99/);
  });
});

describe("a simulated rule change: a test-only version 5 limits extensions to 20 minutes", () => {
  let unregister: (() => void) | null = null;
  afterEach(() => {
    unregister?.();
    unregister = null;
  });

  const F = { facilitator: true } as const;
  const extendTwice = (rulesVersion: number) =>
    recordUnder(tinyScenario, "rule-change", rulesVersion, [
      { actor: F, move: { type: "resume" }, at: T0 },
      { actor: F, move: { type: "extend", minutes: 15 }, at: T0 + 1_000 },
      { actor: { seat: "n-fish" }, move: { type: "chat", channel: "team:north", text: "More time." }, at: T0 + 2_000 },
    ]);

  it("a version-2 game created before the change folds, verifies and decides the same after it", () => {
    expect(currentRulesVersion()).toBe(4);
    const before = extendTwice(2);
    const verifiedBefore = verifyRecord(before);
    if (!verifiedBefore.ok) throw new Error(verifiedBefore.message);
    const second = { type: "extend", minutes: 10 };
    const allowedBefore = decide(verifiedBefore.state, F, second, T0 + 3_000);
    expect(allowedBefore.ok).toBe(true);

    const v5: RuleSet = {
      ...rulesOf(4),
      version: 5,
      changes: "extensions at most 20 minutes (a test)",
      maxExtendMinutes: 20,
    };
    unregister = registerRulesVersion(v5);
    expect(currentRulesVersion()).toBe(5);

    // The same record, the same hashes, the same state; the next move decided as before.
    const verifiedAfter = verifyRecord(before);
    expect(verifiedAfter).toEqual(verifiedBefore);
    const folded = fold(createGame(tinyScenario, { seed: "rule-change", rulesVersion: 2 }), before.events);
    expect(folded).toEqual(verifiedBefore.state);
    expect(decide(verifiedAfter.ok ? verifiedAfter.state : folded, F, second, T0 + 3_000)).toEqual(allowedBefore);
  });

  it("a game created after the change follows the new rule, and its record says version 5", () => {
    unregister = registerRulesVersion({
      ...rulesOf(4),
      version: 5,
      changes: "extensions at most 20 minutes (a test)",
      maxExtendMinutes: 20,
    });
    const game = createGame(tinyScenario, { seed: "rule-change" });
    expect(game.rulesVersion).toBe(5);
    const after = extendTwice(5);
    const verified = verifyRecord(after);
    if (!verified.ok) throw new Error(verified.message);
    expect(verified.rulesVersion).toBe(5);
    expect(decide(verified.state, F, { type: "extend", minutes: 10 }, T0 + 3_000)).toMatchObject({
      ok: false,
      error: { code: "extend_limit", details: { max: 20, extendedMinutes: 15 } },
    });
    // The web client judges by the view's version too: refused in the version-5 game, allowed in a version-2 one.
    const extend10 = { type: "extend", minutes: 10 };
    const facilitatorView = viewFor(verified.state, "facilitator");
    expect(facilitatorView.rulesVersion).toBe(5);
    expect(checkMove(facilitatorView, extend10)).toMatchObject({ code: "extend_limit", details: { max: 20 } });
    const older = verifyRecord(extendTwice(2));
    if (!older.ok) throw new Error(older.message);
    expect(checkMove(viewFor(older.state, "facilitator"), extend10)).toBeNull();
    // Its genesis covers version 5: the record claimed as version 2 no longer links.
    expect(verifyRecord({ ...after, rulesVersion: 2 })).toMatchObject({ ok: false, code: "hash_mismatch", seq: 1 });
    // Once the version is gone (an older server), its record is refused and its game not judged.
    unregister();
    unregister = null;
    expect(verifyRecord(after)).toMatchObject({ ok: false, code: "invalid_record" });
    expect(decide(verified.state, F, { type: "pause" }, T0 + 3_000)).toMatchObject({
      ok: false,
      error: { code: "internal" },
    });
  });
});
