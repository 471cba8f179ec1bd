/**
 * The rules' released versions (docs/rules-versions.md). A game records the version it was created
 * under (its row, its genesis hash, its export), and is decided under that version for ever: an old
 * record keeps verifying and a live game keeps folding as it did, whatever the rules become.
 *
 * A version is a set of named differences, not a copy of the rules: the code reads the difference
 * where it applies (`rulesInForce()`), and every other rule is the same for every version. To change
 * a rule, add a version here with the new value and read it where the rule is judged.
 */

export type RuleSet = {
  version: number;
  /** What changed from the version before, for docs and for anyone reading a record. */
  changes: string;
  /** Text arriving from outside is NFC-normalised (text.ts); before version 2 it was kept as sent. */
  nfcText: boolean;
  /** Ids that are names every JavaScript object has (constructor, toString…) are refused (scenario/schema.ts). */
  reservedIds: boolean;
  /** How many minutes a phase may be extended in all (judge.ts, `extend`). */
  maxExtendMinutes: number;
  /** The genesis hash covers the version itself (hashChain.ts); version 1's covers scenario and seed only. */
  versionInGenesis: boolean;
  /** The facilitator's `lastCall` move exists (judge.ts): refused as `not_in_rules` before version 3. */
  lastCall: boolean;
  /**
   * Control adjudicates (judge.ts): a written inject may carry effects, a `ruling` imposes or strikes
   * a draft term, and `undo` compensates Control's last such action. Refused as `not_in_rules` before version 4.
   */
  controlRulings: boolean;
};

const released: RuleSet[] = [
  {
    version: 1,
    changes: "the rules of the first release",
    nfcText: false,
    reservedIds: false,
    maxExtendMinutes: 30,
    versionInGenesis: false,
    lastCall: false,
    controlRulings: false,
  },
  {
    version: 2,
    changes:
      "text is NFC-normalised and Object.prototype names are refused as ids (issue #9); the genesis hash covers the version",
    nfcText: true,
    reservedIds: true,
    maxExtendMinutes: 30,
    versionInGenesis: true,
    lastCall: false,
    controlRulings: false,
  },
  {
    version: 3,
    changes:
      "the facilitator's last call: for a set number of minutes only signing and unsigning are open, then the game ends (issue #11)",
    nfcText: true,
    reservedIds: true,
    maxExtendMinutes: 30,
    versionInGenesis: true,
    lastCall: true,
    controlRulings: false,
  },
  {
    version: 4,
    changes:
      "Control rulings (issue #12): a written inject may carry effects, a ruling imposes or strikes a draft term with a reason, and Control may undo its last ruling or inject's effects by a compensating event",
    nfcText: true,
    reservedIds: true,
    maxExtendMinutes: 30,
    versionInGenesis: true,
    lastCall: true,
    controlRulings: true,
  },
];

const versions = new Map<number, RuleSet>(released.map((r) => [r.version, r]));

/** The version a new game is created under: the latest one. */
export function currentRulesVersion(): number {
  return Math.max(...versions.keys());
}

export function isKnownRulesVersion(version: number): boolean {
  return versions.has(version);
}

/** The rule set of a version; throws on one this build does not know (a record from a newer server). */
export function rulesOf(version: number): RuleSet {
  const rules = versions.get(version);
  if (!rules) throw new Error(`unknown rules version ${version}`);
  return rules;
}

/**
 * The version a client judges a view by: the game's own, or the latest this bundle knows when the
 * game's is newer (a page served before the server was upgraded; the server's refusal still decides).
 */
export function versionForView(version: number): number {
  return isKnownRulesVersion(version) ? version : currentRulesVersion();
}

/** The versions this build knows, oldest first (the docs and the record's schema list them). */
export function knownRulesVersions(): number[] {
  return [...versions.keys()].sort((a, b) => a - b);
}

/**
 * Adds a version after the latest (tests only: a simulated rule change, to show that games created
 * before it fold and verify as they did). A released version is added to `released` above instead.
 */
export function registerRulesVersion(rules: RuleSet): () => void {
  if (rules.version !== currentRulesVersion() + 1) throw new Error("a new rules version follows the latest");
  versions.set(rules.version, rules);
  return () => {
    versions.delete(rules.version);
  };
}

// The version being judged. The schemas (text, ids) are built once and parse synchronously, so the
// version reaches them by this binding, set for the length of one synchronous call (`underRules`),
// rather than through every schema's arguments. Outside any call it is the current version.
let inForce: RuleSet | null = null;

/** The rule set in force: the one `underRules` set, else the current version's. */
export function rulesInForce(): RuleSet {
  return inForce ?? rulesOf(currentRulesVersion());
}

/** Runs `run` (synchronous: no await inside) with the rules of `version` in force. */
export function underRules<T>(version: number, run: () => T): T {
  const before = inForce;
  inForce = rulesOf(version);
  try {
    return run();
  } finally {
    inForce = before;
  }
}
