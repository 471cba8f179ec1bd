import { stringify } from "csv-stringify/sync";
import {
  type Actor,
  createGame,
  describeEvent,
  type EventWords,
  folder,
  type RecordedEvent,
  type Scenario,
  settingOf,
  type Terms,
} from "../../shared/index";

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

export function toCsv(scenario: Scenario, seed: string, events: RecordedEvent[], rulesVersion?: number): string {
  const row = csvRows(scenario, seed, rulesVersion);
  return csvText([CSV_HEADER, ...events.map(row)], true);
}

/** The cells an event fills besides seq, at, phase, side and type; the rest stay empty. */
type Cells = { role?: string; terms?: Terms; proposal?: string; channel?: string; text?: string; to?: string };

const addressees = (to: string[] | null) => (to ? to.join(" ") : TO_EVERYONE);
const card = (f: { title: string; text: string }, to: string[] | null): Cells => ({
  text: `${f.title}: ${f.text}`,
  // Deck cards go to everyone; a written inject may name seats or sides.
  to: addressees(to),
});

/** The CSV's words for the shared describer (shared/describe.ts): each event's cells. */
const cells: EventWords<Cells> = {
  propose: (f) => ({ terms: f.terms, proposal: f.proposalId, text: f.note ?? "" }),
  accept: (f) => ({ terms: f.terms, proposal: f.proposalId }),
  reject: (f) => ({ terms: f.terms, proposal: f.proposalId, text: f.note ?? "" }),
  withdraw: (f) => ({ terms: f.terms, proposal: f.proposalId }),
  chat: (f) => ({ channel: f.channel, text: f.text }),
  statement: (f) => ({ channel: "press", text: f.text }),
  sign: (f) => ({ text: `draft version ${f.draftVersion}` }),
  unsign: () => ({}),
  walkAway: () => ({}),
  advancePhase: () => ({}),
  pause: () => ({}),
  resume: () => ({}),
  extend: (f) => ({ text: `${f.minutes} minutes` }),
  inject: (f) => card(f, f.to),
  drawInject: (f) => card(f, null),
  note: (f) => ({ text: f.text, to: addressees(f.to) }),
  endGame: () => ({}),
  lastCall: (f) => ({ text: `${f.minutes} minutes` }),
  // Control's rulings and undos (rules version 4): the term in `terms`, the stated reason in `text`.
  ruling: (f) => ({
    terms: f.option === null ? {} : { [f.issue]: f.option },
    text: `${f.kind} ${f.issue}: ${f.reason}`,
  }),
  undo: (f) => ({ text: [`undoes #${f.undoes}`, f.title, f.reason].filter(Boolean).join(": ") }),
  deadline: () => ({}),
  // A join is recorded by the server, but the row is about the seat that was joined.
  seatJoined: (f) => ({ role: f.seat, text: f.name }),
};

const actorRole = (actor: Actor) => ("seat" in actor ? actor.seat : "facilitator" in actor ? "facilitator" : "system");

/**
 * The rows of a record one event at a time, in order (an export streams them a page at a time):
 * the game is folded alongside, in linear time, for each event's phase and a closed proposal's terms.
 */
export function csvRows(scenario: Scenario, seed: string, rulesVersion?: number): (e: RecordedEvent) => string[] {
  const sideOf = (seat: string) => scenario.roles.find((r) => r.id === seat)?.side ?? "";
  const f = folder(createGame(scenario, rulesVersion === undefined ? { seed } : { seed, rulesVersion }));
  return (e) => {
    const phase = scenario.phases[f.state.phaseIndex]!.id; // the phase in which it happened
    // The folder appends to its arrays in place; the describer reads only the clock and outcome before.
    const before = { clock: f.state.clock, outcome: f.state.outcome };
    f.apply(e);
    const c = describeEvent(e, settingOf(before, f.state), cells);
    const role = c.role ?? actorRole(e.actor);
    return [
      String(e.seq),
      new Date(e.at).toISOString(),
      phase,
      sideOf(role),
      role,
      e.type,
      Object.entries(c.terms ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(" "),
      c.proposal ?? "",
      c.channel ?? "",
      c.text ?? "",
      c.to ?? "",
    ];
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
