/** Texts of the projector screens. */
export const projector = {
  title: "Summitry",
  control: "Control",
  issues: {
    title: (settled: number, total: number) => `Where the issues stand: ${settled} of ${total} settled`,
    open: "open",
    // An issue agreed at its no-deal option is not settled: the signing rule does not count it (isSettled).
    atNoDeal: (label: string) => `${label} (its no-deal option, not counted as settled)`,
    onAgenda: "on the table now",
    signedBy: (who: string) => `Signed by ${who}`,
  },
  press: {
    title: "Statements to the press",
    empty: "No statement yet.",
    earlier: (n: number) => `…and ${n} earlier statement${n === 1 ? "" : "s"}.`,
  },
  feed: {
    title: "News",
    latest: "Latest",
    inject: "Breaking",
    note: "From Control",
    earlier: (n: number) => `…and ${n} earlier item${n === 1 ? "" : "s"}.`,
  },
  announce: {
    inject: (title: string, text: string) => `Breaking news: ${title}. ${text}`,
    note: (text: string) => `From Control: ${text}`,
    press: (text: string) => `Press statement: ${text}`,
  },
};
