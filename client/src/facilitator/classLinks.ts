import type { ClassSummary } from "../../../shared/contract/index";
import type { PublicScenario } from "../../../shared/index";
import { joinLink, loadCodes } from "../core/gameCodes";
import { t } from "../texts";

/** One seat of one table, as a card and a CSV row show it. */
export type SeatHandout = {
  gameId: string;
  table: string;
  seatId: string;
  role: string;
  side: string;
  /** The roster's student for this seat, if the class was made from a roster. */
  name: string | null;
  /** null: this browser does not hold the code (made on another device, or never saved). */
  code: string | null;
  link: string | null;
};

/**
 * Every seat of the chosen tables, in the class's order then the scenario's, with its code and
 * join link: the codes this browser was given when it created the class (the server keeps only
 * their hashes), the link built by the one link builder (gameCodes.joinLink) on the students'
 * address.
 */
export function seatHandouts(
  klass: ClassSummary,
  scenario: PublicScenario,
  origin: string,
  onlyGameId?: string | null,
): SeatHandout[] {
  const out: SeatHandout[] = [];
  for (const table of klass.tables) {
    if (onlyGameId && table.gameId !== onlyGameId) continue;
    const codes = loadCodes(table.gameId);
    for (const seat of table.seats) {
      const role = scenario.roles.find((r) => r.id === seat.id);
      const code = codes?.joinCodes[seat.id] ?? null;
      out.push({
        gameId: table.gameId,
        table: table.label,
        seatId: seat.id,
        role: role?.title ?? seat.id,
        side: scenario.sides.find((s) => s.id === role?.side)?.name ?? "",
        name: table.seating[seat.id] ?? null,
        code,
        link: code ? joinLink(table.gameId, code, origin) : null,
      });
    }
  }
  return out;
}

/**
 * A cell by RFC 4180 (quoted when it holds a quote, comma or line break), and a cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, CR first) led by a quote mark, as the
 * server's own CSV does (csv-stringify's escape_formulas): a roster name is the student's text.
 */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The links CSV: a byte-order mark (spreadsheets read UTF-8 by it), a header, a row per seat, CRLF. */
export function linksCsv(rows: SeatHandout[]): string {
  const lines = [
    t.classes.csv.header,
    ...rows.map((r) => [r.table, r.seatId, r.role, r.side, r.name ?? "", r.code ?? "", r.link ?? ""]),
  ];
  return `\ufeff${lines.map((l) => l.map(cell).join(",")).join("\r\n")}\r\n`;
}
