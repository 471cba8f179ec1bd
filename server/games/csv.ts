import { stringify } from "csv-stringify/sync";
import { createGame, folder, type RecordedEvent, type Scenario } from "../../shared/index";

/**
 * The record as CSV for research: one row per event, `seq, at, phase, side, role, type, terms,
 * proposal, channel, text, to`. A package's terms sit in one cell as `issue=option` pairs; `to`
 * names a note's or a written inject's addressees (seat or side ids), or `(everyone)`.
 *
 * The file is opened in spreadsheets, and players write most of its cells, so:
 * - a cell that starts with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'` (and
 *   csv-stringify also catches the full-width `＝ ＋ － ＠` that Apple Numbers normalises), so
 *   a chat `=HYPERLINK(…)` or a name `@SUM(…)` is read as text, never run;
 * - the file starts with a UTF-8 byte-order mark, without which Excel reads it as the local
 *   code page and 王小明 or an emoji come out as mojibake.
 */
export const CSV_HEADER = ["seq", "at", "phase", "side", "role", "type", "terms", "proposal", "channel", "text", "to"];

/** The `to` cell of a note or inject sent to the whole table; parentheses never occur in an id. */
export const TO_EVERYONE = "(everyone)";

export function toCsv(scenario: Scenario, seed: string, events: RecordedEvent[]): string {
  const row = csvRows(scenario, seed);
  return csvText([CSV_HEADER, ...events.map(row)], true);
}

/**
 * The rows of a record one event at a time, in order (an export streams them a page at a time):
 * the game is folded alongside, in linear time, for each event's phase and a closed proposal's terms.
 */
export function csvRows(scenario: Scenario, seed: string): (e: RecordedEvent) => string[] {
  const sideOf = (seat: string) => scenario.roles.find((r) => r.id === seat)?.side ?? "";
  const f = folder(createGame(scenario, { seed }));
  return (e) => {
    const state = f.state;
    const p = e.payload as Record<string, unknown>;
    const phase = scenario.phases[state.phaseIndex]!.id; // the phase in which it happened
    // A join is recorded by the server, but the row is about the seat that was joined.
    const role =
      e.type === "seatJoined"
        ? String(p.seat)
        : "seat" in e.actor
          ? e.actor.seat
          : "facilitator" in e.actor
            ? "facilitator"
            : "system";
    const proposalId = typeof p.proposalId === "string" ? p.proposalId : "";
    const terms =
      e.type === "propose"
        ? (p.terms as Record<string, string>)
        : proposalId
          ? (state.proposals.find((x) => x.id === proposalId)?.terms ?? {})
          : {};
    const channel = e.type === "chat" ? String(p.channel) : e.type === "statement" ? "press" : "";
    const card = typeof p.injectId === "string" ? scenario.injects.find((i) => i.id === p.injectId) : undefined;
    const text =
      e.type === "seatJoined"
        ? String(p.name)
        : card
          ? `${card.title}: ${card.text}`
          : e.type === "inject"
            ? `${p.title}: ${p.text}`
            : typeof p.text === "string"
              ? p.text
              : typeof p.note === "string"
                ? p.note
                : e.type === "extend"
                  ? `${p.minutes} minutes`
                  : e.type === "sign"
                    ? `draft version ${p.draftVersion}`
                    : "";
    // Deck cards go to everyone; a note or a written inject may name seats or sides.
    const addressed = e.type === "note" || e.type === "inject" || e.type === "drawInject";
    const to = !addressed ? "" : Array.isArray(p.to) ? (p.to as string[]).join(" ") : TO_EVERYONE;
    const row = [
      String(e.seq),
      new Date(e.at).toISOString(),
      phase,
      sideOf(role),
      role,
      e.type,
      Object.entries(terms)
        .map(([k, v]) => `${k}=${v}`)
        .join(" "),
      proposalId,
      channel,
      text,
      to,
    ];
    f.apply(e);
    return row;
  };
}

/** Rows as CSV text; `first` puts the byte-order mark in front (the first chunk of a file only). */
export function csvText(rows: string[][], first: boolean): string {
  return stringify(rows, {
    bom: first,
    escape_formulas: true,
    record_delimiter: "\r\n", // RFC 4180
    // Without this, a custom record delimiter turns off quoting of a lone \n or \r inside a cell
    // (csv-stringify's default), and a two-line chat message would split its row in two.
    quote_record_delimiter: true,
  });
}
