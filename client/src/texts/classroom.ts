/** Texts of the class-period helpers: timing plans, the facilitator guide page and the pre-reading handout. */

export const classroom = {
  plans: {
    legend: "Timing plan",
    label: "Fit the game to",
    none: "The scenario's own lengths",
    hint: "A plan sets every phase's minutes below; you can still change any of them.",
    readingAtHome: "Reading as homework: hand out the pre-reading the lesson before.",
    period: (joining: number, play: number, debrief: number) =>
      `Period: ${joining + play + debrief} minutes (${joining} joining + ${play} play + ${debrief} debrief)`,
  },
  guide: {
    link: "Facilitator guide",
    homeHint: "How to run a class minute by minute, and what the debrief's figures mean.",
    nav: "Guide",
    title: "Facilitator guide",
  },
  handout: {
    link: "Pre-reading handout (printable)",
    linkHint: "The public background and both delegations, for homework: no side's brief or points.",
    print: "Print",
    kicker: "Pre-reading",
    delegations: "The two delegations",
    leads: "leads and signs",
    optional: "(may be left out)",
    holds: (issues: string) => `Speaks on: ${issues}`,
    issues: "What is on the table",
    noDeal: "if nothing is agreed",
    timing: "How the class runs",
    phase: (title: string, minutes: number) => `${title}: ${minutes} min`,
    footer: "Your own brief and your side's priorities are given to you in class, on your seat's page.",
    notFound: "There is no such scenario.",
  },
};
