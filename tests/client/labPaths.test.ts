import { describe, expect, it } from "vitest";
import { jsonErrorOffset, lineOf, offsetOf, pathOffsets } from "../../client/src/lab/jsonPaths";
import { parseScenario } from "../../shared/scenario/parse";
import { tinyScenario } from "../../shared/scenarios/index";

// The lab puts the cursor on a problem's path: each path the checks name is found in the text as
// typed (any indentation), a missing field at its nearest ancestor, a JSON error at its position.

describe("the lab's JSON paths", () => {
  const doc = structuredClone(tinyScenario) as Record<string, any>;
  doc.roles[3].weird_key = 1;
  doc["odd key"] = { x: [1, { y: 2 }] };

  for (const indent of [0, 2, "\t"]) {
    it(`finds every value's path with indentation ${JSON.stringify(indent)}`, () => {
      const text = JSON.stringify(doc, null, indent);
      const at = pathOffsets(text);
      expect(text.slice(at.get("$.roles[3].side")!)).toMatch(/^"side"/);
      expect(text.slice(at.get("$.phases[1].minutes")!)).toMatch(/^"minutes"/);
      expect(text.slice(at.get("$.phases[1].acting[1]")!)).toMatch(/^"s-fish"/);
      expect(text.slice(at.get('$["odd key"].x[1].y')!)).toMatch(/^"y"/);
      expect(at.get("$")).toBe(0);
      // A missing field goes to its parent: the role that lacks it.
      expect(offsetOf(at, "$.roles[3].nothing.deeper")).toBe(at.get("$.roles[3]"));
    });
  }

  it("finds the path of every problem a broken scenario has", () => {
    const broken = structuredClone(tinyScenario) as Record<string, any>;
    delete broken.roles[3].optional;
    broken.issues[1].points.north = [1, 2];
    broken.phases[1].agenda.push("whales");
    const text = JSON.stringify(broken, null, 2);
    const parsed = parseScenario(text);
    expect(parsed.ok).toBe(false);
    const at = pathOffsets(text);
    for (const p of parsed.ok ? [] : parsed.problems) expect(offsetOf(at, p.path), p.path).not.toBeNull();
    expect(lineOf(text, offsetOf(at, "$.phases[1].agenda[2]")!)).toBe(
      text.split("\n").findIndex((l) => l.includes('"whales"')) + 1,
    );
  });

  it("has no paths for text that is not JSON, and reads where the parser stopped", () => {
    const text = '{\n  "id": "x",\n  oops\n}';
    expect(pathOffsets(text).size).toBe(0);
    let message = "";
    try {
      JSON.parse(text);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(text.slice(jsonErrorOffset(text, message)!)).toMatch(/^oops/);
    expect(jsonErrorOffset(text, "line 3 column 3")).toBe(text.indexOf("oops"));
  });
});
