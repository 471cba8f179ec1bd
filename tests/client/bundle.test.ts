import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, inject, it } from "vitest";
import { defaultScenario } from "../../shared/scenarios/index";

// The web client never holds what its seat may not see: no scenario file in the bundle. And the
// first page a student loads stays small.

const dir = inject("clientDir");
const files = readdirSync(join(dir, "assets")).map((f) => join(dir, "assets", f));
const text = (f: string) => readFileSync(f, "utf8");

describe("the built web client", () => {
  it("contains no private text of the default scenario in any asset", () => {
    const s = defaultScenario;
    const secrets = [
      ...s.sides.map((x) => x.brief),
      ...s.roles.flatMap((r) => [r.brief, ...r.objectives.map((o) => o.description)]),
      ...s.injects.flatMap((i) => [i.text, ...i.effects.flatMap((e) => ("reveal" in e ? [e.reveal.text] : []))]),
    ];
    // Long texts are checked by a distinctive stretch of each, as minifiers keep strings whole.
    const probes = secrets.map((x) => x.slice(0, 60));
    const all = files.map(text).join("\n") + text(join(dir, "index.html"));
    expect(probes.filter((p) => all.includes(p))).toEqual([]);
    // Nor the points table: Beijing's Taiwan row, as it would be serialised.
    expect(all.includes("[0,8,16,22]")).toBe(false);
  });

  it("loads at most 200 kB of JavaScript, gzipped, on its first page", () => {
    const html = text(join(dir, "index.html"));
    const initial = [...html.matchAll(/(?:src|href)="\/assets\/([^"]+\.js)"/g)].map((m) => join(dir, "assets", m[1]!));
    expect(initial.length).toBeGreaterThan(0);
    const gz = initial.reduce((n, f) => n + gzipSync(readFileSync(f)).length, 0);
    console.log(`initial JavaScript: ${(gz / 1024).toFixed(1)} kB gzipped in ${initial.length} file(s)`);
    expect(gz).toBeLessThanOrEqual(200 * 1024);
  });
});
