import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repo, tscProbe } from "./support/tscProbe";

/**
 * The contract makes mistakes compile errors (issue #10): an event of an unknown type, an event
 * type that `apply`'s or the describer's switch misses, a rule code that `explain` has no words
 * for, a misspelt code. Each probe is compiled by tsc with its layer's settings, next to its twin
 * without the mistake, so the test fails both when the mistake compiles and when nothing does.
 *
 * The switches are probed on copies of the real files (imports made absolute) with one case
 * removed: it is the file as written that must be exhaustive, not an example of the pattern.
 */

const shared = tscProbe("shared/tsconfig.json", "summitry-contract-");
const client = tscProbe("client/tsconfig.json", "summitry-contract-client-");
afterAll(async () => {
  await shared.cleanup();
  await client.cleanup();
});

const TIMEOUT = 120_000;
const CONTRACT = repo("shared/index.ts");

/** A project file's text with its relative imports made absolute, to compile it from elsewhere. */
async function copyOf(path: string): Promise<string> {
  const text = await readFile(repo(path), "utf8");
  const from = dirname(repo(path));
  return text.replace(/from "(\.{1,2}\/[^"]+)"/g, (_m, rel: string) => `from "${from}/${rel}"`);
}

/** `text` without `part`, which must be in it once (else the probe would prove nothing). */
function without(text: string, part: string): string {
  const at = text.indexOf(part);
  expect(at, `the probe's cut "${part.trim()}" is in the file`).toBeGreaterThanOrEqual(0);
  expect(text.indexOf(part, at + 1), `the probe's cut "${part.trim()}" is in the file once`).toBe(-1);
  return text.slice(0, at) + text.slice(at + part.length);
}

describe("the contract as compile errors", () => {
  it(
    "refuses an event of an unknown type, or with another type's payload, and accepts a real one",
    async () => {
      const event = (type: string, payload: string) =>
        `import type { GameEvent } from "${CONTRACT}";\n` +
        `export const e: GameEvent = { type: ${JSON.stringify(type)}, actor: { facilitator: true }, at: 0, payload: ${payload} };\n`;
      expect(await shared.compile(event("extend", "{ minutes: 5 }"))).toBe("");
      expect(await shared.compile(event("teleport", "{}"))).toMatch(/error TS\d+.*"teleport"/);
      expect(await shared.compile(event("extend", "{ text: 'hi' }"))).toMatch(/error TS\d+/);
    },
    TIMEOUT,
  );

  it(
    "refuses apply's switch without one event type's case, and accepts it whole",
    async () => {
      const source = await copyOf("shared/apply.ts");
      expect(await shared.compile(source)).toBe("");
      const missing = without(
        source,
        '    case "endGame":\n      return end(next, "endGame", noDealEnding(next, null), at);\n',
      );
      expect(await shared.compile(missing)).toMatch(
        /error TS2322: Type .*"endGame".* is not assignable to type 'never'/,
      );
    },
    TIMEOUT,
  );

  it(
    "refuses the describer's switch without one event type's case, and accepts it whole",
    async () => {
      const source = await copyOf("shared/describe.ts");
      expect(await shared.compile(source)).toBe("");
      const missing = without(source, '    case "pause":\n');
      expect(await shared.compile(missing)).toMatch(/error TS2322: Type .*"pause".* is not assignable to type 'never'/);
    },
    TIMEOUT,
  );

  it(
    "refuses explain() without one code's words, and accepts it whole",
    async () => {
      const source = await copyOf("client/src/seat/reasons.ts");
      expect(await client.compile(source)).toBe("");
      const missing = without(source, "  deck_empty: asSent,\n");
      expect(await client.compile(missing)).toMatch(/error TS\d+.*deck_empty/s);
    },
    TIMEOUT,
  );

  it(
    "refuses a misspelt rule code, or details the code does not carry, and accepts a real refusal",
    async () => {
      const refusal = (args: string) =>
        `import { ruleError } from "${CONTRACT}";\nexport const e = ruleError(${args});\n`;
      expect(await shared.compile(refusal('"not_due", "the time has not come", { endsAt: 5 }'))).toBe("");
      expect(await shared.compile(refusal('"not_dew", "the time has not come", { endsAt: 5 }'))).toMatch(
        /error TS\d+.*"not_dew"/,
      );
      expect(await shared.compile(refusal('"not_due", "the time has not come"'))).toMatch(/error TS2554/);
      expect(await shared.compile(refusal('"paused", "stopped", { endsAt: 5 }'))).toMatch(/error TS\d+/);
    },
    TIMEOUT,
  );
});
