/**
 * Control's rulings and undo (rules version 4): the console's forms, and how every screen (seat,
 * replay, debrief) words a ruling and an undo.
 */
const kind = { ruling: "Ruling", undo: "Undone by Control" };

export const control = {
  term: {
    imposed: (issue: string, option: string) => `${issue}: ${option} imposed`,
    struck: (issue: string) => `${issue} struck from the draft`,
  },
  events: {
    ruling: (term: string, reason: string) => `Control ruled: ${term}. Reason: “${reason}”`,
    undo: (what: string | null, reason: string | null) =>
      `Control undid its last action${what ? ` (${what})` : ""}${reason ? `. Reason: “${reason}”` : "."}`,
  },
  kind,
  /** A ruling or an undo read out by a screen reader: "Ruling: Border crossing: Open. By treaty." */
  announce: (k: "ruling" | "undo", title: string, text: string) => `${kind[k]}: ${title}.${text ? ` ${text}` : ""}`,
  timeline: {
    ruling: (term: string) => `Ruling: ${term}`,
    undo: (title: string) => `Undone: ${title}`,
    at: (label: string, seq: number) => `Control at event ${seq}: ${label}`,
  },
  ruling: {
    title: "Ruling on the draft",
    hint: "Impose a term on the draft or strike one from it. Both sides are told, with your reason; standing signatures clear.",
    impose: "Impose a term",
    strike: "Strike a term",
    issueLabel: "Issue",
    optionLabel: "Option",
    reasonLabel: "Reason (told to both sides)",
    choose: "Choose…",
    send: "Rule",
    sent: "Ruling sent.",
    olderRules: (version: number) => `This game's rules (version ${version}) have no rulings by Control.`,
  },
  undo: {
    title: "Undo",
    none: "Nothing to undo: no ruling or inject with effects yet, or the last one has been undone.",
    last: (title: string) => `Last action: ${title}`,
    button: "Undo last action",
    question: (title: string) => `Undo “${title}”? Its changes are reversed and everyone it was told to is told.`,
    confirm: "Yes, undo it",
    reasonLabel: "Reason (optional)",
  },
  effects: {
    legend: "Effects (optional)",
    hint: "What the inject changes, as a deck card's effects do. Points and walk-away shifts stay private to their side.",
    add: "Add an effect",
    remove: "Remove",
    kind: "Effect",
    kinds: {
      shiftPoints: "Shift points",
      shiftReservation: "Shift walk-away",
      agendaAdd: "Put an issue on the agenda",
      agendaRemove: "Take an issue off the agenda",
      press: "Press statement",
      reveal: "Private reveal",
    },
    side: "Side",
    issue: "Issue",
    option: "Option",
    by: "By (−100 to 100)",
    text: "Text",
    to: "To",
    incomplete: "Complete or remove each effect row first.",
  },
  debrief: {
    title: "Control interventions",
    intro: "Every ruling on the draft, inject with effects and undo by Control, with its stated reason.",
    at: (time: string, phase: string) => `${time}, ${phase}`,
    noReason: "No reason given.",
  },
};
