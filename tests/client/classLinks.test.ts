import { describe, expect, it } from "vitest";
import { linksCsv, type SeatHandout } from "../../client/src/facilitator/classLinks";
import { createClassBody, defaultLabel } from "../../shared/contract/index";

// The class's links CSV (issue #11) and its body's own rules: a roster name is a student's text,
// so a cell is quoted by RFC 4180 and a would-be formula is defused; labels default to Table A….

const row = (over: Partial<SeatHandout>): SeatHandout => ({
  gameId: "g1",
  table: "Table A",
  seatId: "us-president",
  role: "President of the United States",
  side: "Washington",
  name: null,
  code: "ABCDE-FGHJK",
  link: "http://10.0.0.5:3000/join/g1#ABCDE-FGHJK",
  ...over,
});

describe("the class's links CSV", () => {
  it("has a byte-order mark, a header, a row per seat and CRLF line ends", () => {
    const csv = linksCsv([row({}), row({ table: "Table B", gameId: "g2", code: null, link: null })]);
    expect(csv.startsWith("\ufeff")).toBe(true);
    expect(csv.slice(1).split("\r\n")).toEqual([
      "table,seat,role,side,name,code,link",
      "Table A,us-president,President of the United States,Washington,,ABCDE-FGHJK,http://10.0.0.5:3000/join/g1#ABCDE-FGHJK",
      "Table B,us-president,President of the United States,Washington,,,",
      "",
    ]);
  });

  it("quotes commas, quotes and line breaks, and defuses a name a spreadsheet would run", () => {
    const csv = linksCsv([row({ name: 'Lee, "Sam"' }), row({ name: "=HYPERLINK(1)" }), row({ table: "A\nB" })]);
    const lines = csv.slice(1).split("\r\n");
    expect(lines[1]).toContain(',"Lee, ""Sam""",');
    expect(lines[2]).toContain(",'=HYPERLINK(1),");
    expect(csv).toContain('"A\nB"');
  });
});

describe("a class's body", () => {
  it("labels tables A to Z, then by number", () => {
    expect([0, 1, 25, 26].map(defaultLabel)).toEqual(["Table A", "Table B", "Table Z", "Table 27"]);
  });

  it("needs tables or a roster, one label per table, no label twice", () => {
    const ok = (b: object) => createClassBody.safeParse({ scenarioId: "great-rebalancing", ...b }).success;
    expect(ok({ tables: 3 })).toBe(true);
    expect(ok({ roster: ["Ann"] })).toBe(true);
    expect(ok({})).toBe(false);
    expect(ok({ tables: 2, labels: ["Red"] })).toBe(false);
    expect(ok({ tables: 2, labels: ["Red", " red "] })).toBe(false);
    expect(ok({ tables: 21 })).toBe(false);
    expect(ok({ tables: 2, labels: ["Red", "Blue"], timingPlan: "class-50" })).toBe(true);
  });
});
