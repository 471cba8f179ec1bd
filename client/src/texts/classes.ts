/** Texts of a class: the New-class form, the class page, the cut-apart cards and the links CSV. */

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const classes = {
  dashboardLink: "New class",
  dashboardHint: "Several tables of one scenario at once",
  list: {
    title: "Your classes",
    tables: (labels: string[]) => `(${labels.join(", ")})`,
  },
  newClass: {
    title: "New class",
    intro: "One form for every table of a period: the same scenario and timing at each, a label per table.",
    classTitle: "Class name",
    classTitleHint: "Shown on your dashboard and after each table's label, e.g. “Period 3”.",
    howLegend: "Tables",
    byCount: "A number of tables",
    byRoster: "A roster of names to seat",
    tablesLabel: "How many tables",
    rosterLabel: "Names, one a line",
    rosterHint: (seats: number) =>
      `Dealt over the tables in turn, ${plural(seats, "seat")} a table; the cards name each student.`,
    rosterCount: (names: number, tables: number) => `${plural(names, "name")}: ${plural(tables, "table")}.`,
    labelsLegend: "Table labels",
    labelFor: (n: number) => `Label of table ${n}`,
    labelsHint: "Shown on each table's console, projector, seats, sheets and browser tab.",
    seatsToFill: (tables: number, seats: number) =>
      `${plural(tables, "table")} of ${plural(seats, "seat")}: ${plural(tables * seats, "seat")} to fill.`,
    create: "Create the class",
    creating: "Creating…",
    tooMany: (max: number) => `At most ${max} tables.`,
    duplicateLabels: "Each table needs a label of its own.",
  },
  page: {
    title: "Class",
    subtitle: (scenario: string, tables: number) => `${scenario} · ${plural(tables, "table")}`,
    tablesCaption: "The tables of this class",
    table: "Table",
    status: "Status",
    joined: "Seats joined",
    joinedOf: (n: number, of: number) => `${n} of ${of}`,
    open: "Open",
    setup: "Set-up",
    console: "Console",
    projector: "Projector",
    sheets: "Role sheets",
    cards: "Cards",
    allCards: "Cut-apart cards for the whole class",
    csv: "Download the links (CSV)",
    handoutsTitle: "Handouts",
    handoutsHint:
      "Print the cards and cut them apart: one per student, with the table, the seat, a QR code and the code to type. The CSV has every link, for a mail merge or a learning platform.",
    missingCodes:
      "Some codes are not on this device: they can be shown only in the browser that created the class (reset a seat on its set-up page to make a new one here).",
    results: "Class results",
    resultsHint:
      "Every finished table's outcome on one screen, for the projector; the full comparison is one click away.",
    live: "live",
    over: "over",
    archived: "archived",
  },
  cards: {
    title: (what: string) => `Cards: ${what}`,
    hint: "One card per seat. Print, then cut along the dashed lines.",
    print: "Print",
    back: "The class",
    seat: "Seat",
    side: "Side",
    name: "For",
    code: "Or type this code at",
    noCode: "No code on this device",
    qrAlt: (table: string, seat: string) => `QR code: join ${table} as ${seat}`,
  },
  csv: {
    header: ["table", "seat", "role", "side", "name", "code", "link"],
    file: (title: string) => `${title.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "") || "class"}-links.csv`,
  },
  /** The browser tab's title of a table's page: its label first, so tabs of three tables differ. */
  tab: (title: string, page: string) => `${title} · ${page} — Summitry`,
  pages: { console: "Console", projector: "Projector", sheets: "Role sheets", cards: "Cards" },
};
