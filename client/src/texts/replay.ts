/** Texts of the replay viewer, the debrief (after-action report), the cohort view, exports and forks. */
import { control } from "./control";

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const pad = (n: number) => String(n).padStart(2, "0");
/** Minutes and seconds: "12:05"; hours when needed: "1:02:05". */
const duration = (ms: number) => {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
};
const clockTime = (at: number) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
const elapsed = (at: number, startedAt: number | null) =>
  startedAt === null || at < startedAt ? "before the clock started" : `${duration(at - startedAt)} in`;
const status = { open: "Open", accepted: "Accepted", rejected: "Rejected", withdrawn: "Withdrawn" };

export const replay = {
  common: {
    nav: "Game record",
    home: "Summitry home",
    dashboard: "Your games",
    setup: "Set-up",
    replay: "Replay",
    debrief: "Debrief",
    cohort: "All games of this scenario",
  },
  load: {
    badFormat: "This is not a Summitry game record.",
    noToken:
      "This browser holds no seat for this game and no facilitator key. Open the game from the link you joined with, or from your facilitator dashboard.",
    unauthorized: "The seat's link or the facilitator key was refused.",
    forbidden:
      "The record of this game is not open to you yet: players see it once the game is over and the scenario reveals everything at the end.",
    notFound: "There is no such game (it may have been deleted).",
    offline: "The server cannot be reached.",
  },
  replay: {
    title: "Replay",
    kicker: "Replay",
    subtitle: (gameId: string, count: number) => `Game ${gameId} · ${plural(count, "event")}`,
    foldError: (seq: number, message: string) =>
      `The record could not be replayed past event ${seq} (${message}); the replay stops just before it.`,
    controls: "Replay controls",
    valueText: (seq: number, count: number, happened: string) => `Event ${seq} of ${count}: ${happened}`,
    toStart: "Go to the start",
    startShort: "Start",
    back: "One event back",
    backShort: "Back",
    play: "Play",
    pause: "Pause",
    forward: "One event forward",
    forwardShort: "Next",
    toEnd: "Go to the end",
    endShort: "End",
    speed: "Speed",
    speedOption: (n: number) => `${n}× (${plural(n, "event")} a second)`,
    perspective: "Seen by",
    asFacilitator: "Facilitator (everything)",
    asObserver: "Observer (public only)",
    position: (seq: number, count: number) => (seq === 0 ? `Start (0 of ${count})` : `Event ${seq} of ${count}`),
    time: (at: number, startedAt: number | null) => `${clockTime(at)} · ${elapsed(at, startedAt)}`,
    clock: (at: number, startedAt: number | null) => elapsed(at, startedAt),
    beforeFirst: "Before the first event: the game as it was created.",
    tools: "The record",
  },
  chain: {
    checking: "Checking the record…",
    ok: (n: number) => `Record intact: ${plural(n, "event")} hash-checked`,
    broken: (seq: number) => `Record altered: event ${seq} does not match its hash`,
  },
  timeline: {
    label: "Moment in the game",
    hint: "Arrow keys move one event; Page Up and Page Down move further; Home and End go to the start and the end. The buttons below jump to each phase and inject.",
    landmarks: "Phases and injects",
    phaseAt: (title: string, seq: number) => `${title}: starts at event ${seq}`,
    injectAt: (label: string, seq: number) => `Inject at event ${seq}: ${label}`,
    end: (seq: number) => `The game ends at event ${seq}`,
  },
  events: {
    hidden: "Something happened that this seat could not see.",
    control: "Control",
    system: "The server",
    propose: (who: string, id: string, terms: string) => `${who} proposed ${id}: ${terms}.`,
    accept: (who: string, id: string, terms: string) => `${who} accepted ${id}${terms ? ` (${terms})` : ""}.`,
    reject: (who: string, id: string, terms: string) => `${who} rejected ${id}${terms ? ` (${terms})` : ""}.`,
    withdraw: (who: string, id: string, terms: string) => `${who} withdrew ${id}${terms ? ` (${terms})` : ""}.`,
    table: "the table",
    team: (side: string) => `the ${side} team channel`,
    chat: (who: string, channel: string, text: string) => `${who} on ${channel}: “${text}”`,
    statement: (who: string, text: string) => `${who} to the press: “${text}”`,
    sign: (who: string, version: number) => `${who} signed draft version ${version}.`,
    unsign: (who: string) => `${who} withdrew their signature.`,
    walkAway: (who: string) => `${who} walked away from the table.`,
    endedBy: (type: string) =>
      type === "deadline"
        ? "Time ran out in the last phase: the game ended with no agreement."
        : "The facilitator closed the last phase: the game ended with no agreement.",
    phase: (type: string, title: string) =>
      type === "deadline" ? `Time ran out: the ${title} phase began.` : `The facilitator opened the ${title} phase.`,
    pause: "The facilitator paused the clock.",
    resume: "The facilitator restarted the clock.",
    start: "The facilitator started the clock.",
    extend: (minutes: number) => `The facilitator added ${plural(minutes, "minute")} to the phase.`,
    inject: (drawn: boolean, title: string) => `${drawn ? "A card was drawn" : "Control played an inject"}: ${title}.`,
    note: (text: string) => `Control's note: “${text}”`,
    endGame: "The facilitator ended the game.",
    lastCallOver: "The last call's time ran out: the game ended with no agreement.",
    lastCall: (minutes: number) =>
      `The facilitator called last call: ${plural(minutes, "minute")} in which only signing was open, then the end.`,
    seatJoined: (name: string, role: string) => `${name} joined as ${role}.`,
  },
  panels: {
    over: "Game over",
    notStarted: "Clock not started",
    paused: "Paused",
    running: "Clock running",
    phaseTitle: (title: string, index: number, total: number) => `${title} (phase ${index} of ${total})`,
    remaining: (ms: number) => `${duration(ms)} left`,
    extended: (minutes: number) => `(extended by ${minutes} min)`,
    agenda: (list: string) => `On the agenda: ${list}`,
    noAgenda: "Nothing on the agenda in this phase.",
    draftTitle: (version: number) => `Draft (version ${version})`,
    signedBy: (list: string) => `Signed by ${list}`,
    unsigned: "Not signed",
    draftCaption: "Each issue's option in the draft",
    issue: "Issue",
    option: "In the draft",
    settledIn: "Settled in",
    open: "— open",
    scorecardTitle: "This seat's scorecard",
    sideWorth: (side: string, draft: number, reservation: number) =>
      `The draft is worth ${draft} to ${side} (reservation ${reservation}).`,
    roleWorth: (role: string, draft: number) => `With objectives, ${draft} to the ${role}.`,
    proposalsTitle: (n: number) => `Proposals (${n})`,
    noProposals: "No proposal yet.",
    fromTo: (from: string, to: string) => `${from} → ${to}`,
    status,
    justNow: "this event",
    by: (who: string, phase: string) => `by ${who}, ${phase}`,
    inReplyTo: (id: string) => `in reply to ${id}`,
    worth: (text: string) => `Worth (other issues at no deal): ${text}`,
    closed: (what: string, who: string) => `${what} by ${who}`,
    toAll: "To everyone",
    toSome: (list: string) => `To ${list}`,
    feedTitle: "Injects, notes and reveals",
    noFeed: "Nothing yet.",
    kind: { inject: "Inject", note: "Note", reveal: "Reveal", ...control.kind },
    channelsTitle: "Channels this seat reads",
    noMessages: "No messages yet.",
    messagesOf: (title: string) => `Messages on ${title}`,
  },
  exports: {
    hint: "Download the record: the JSON replays and imports anywhere; the CSV lists every event; the de-identified CSV replaces names by role titles.",
    json: "Record (JSON)",
    csv: "Events (CSV)",
    deidentified: "De-identified CSV",
    working: "Downloading…",
  },
  fork: {
    label: "Fork the game at an event",
    hint: (max?: number) =>
      `A new game starts from the state after this event${max === undefined ? "" : ` (0 to ${max})`}, with new seats and codes: play a turning point again differently.`,
    submit: "Fork",
    working: "Forking…",
  },
  importRecord: {
    label: "Import a game record",
    hint: "A JSON record downloaded from Summitry. Every event is checked; the game opens in the replay.",
    notJson: "That file is not JSON.",
    badEvent: (seq: number, message: string) => `Refused at event ${seq}: ${message}`,
  },
  chart: {
    pair: (a: number, b: number) => `${a} / ${b}`,
    axis: (side: string) => `${side} points`,
    reservation: (side: string) => `${side} reservation`,
    cloud: "Every package",
    frontier: "Pareto frontier",
  },
  concessionChart: {
    yAxis: "Points",
    reservation: (side: string) => `${side} reservation`,
    self: (side: string) => `Worth to ${side} (itself)`,
    other: (side: string) => `Worth to ${side}`,
  },
  debrief: {
    title: "Debrief",
    kicker: "After-action report",
    notYet:
      "The debrief opens once the game is over, and to players only when the scenario reveals everything at the end. Ask your facilitator.",
    backToGame: "Back to the game",
    failed: (message: string) => `The debrief could not be computed: ${message}`,
    print: "Print the report",
    subtitle: (gameId: string, date: string, events: number) =>
      `Game ${gameId}${date ? ` · ${date}` : ""} · ${plural(events, "event")}`,
    live: "The game is still running: every figure below takes the current draft as if it were signed now.",
    agreement: "Agreement signed.",
    walkedAway: (side: string) => `No agreement: ${side} walked away.`,
    noAgreement: "No agreement: each side scored its reservation value.",
    factsTitle: "At a glance",
    onFrontier: "The deal is on the Pareto frontier: no package was better for one side without costing the other.",
    offFrontier: "The deal is inside the frontier: other packages were better for both sides.",
    noDealFacts: (joint: number) => `Without an agreement both sides took their reservation values, ${joint} jointly.`,
    joint: (joint: number, max: number) => `Joint score ${joint}; the best possible was ${max}.`,
    nash: (a: string, b: string, distance: number) =>
      `The Nash bargaining package (the largest product of both sides' gains over their reservations) scores ${a}, ${b}; the outcome is ${distance} points away from it.`,
    forecast: (a: string, b: string) => `The scenario's forecast package scores ${a}, ${b}.`,
    zopa: (percent: number, total: number) =>
      `${percent}% of all ${total.toLocaleString()} packages beat both reservations.`,
    scoresTitle: "Scores",
    sidesCaption: "Each side against its reservation value",
    side: "Side",
    score: "Score",
    reservation: "Reservation",
    margin: "Against reservation",
    above: "above",
    below: "below",
    nashCol: "Nash package",
    forecastCol: "Forecast",
    rolesCaption:
      "Each role: its side's score plus the objectives that counted (✓ a gain, ✗ a penalty, ○ did not count)",
    role: "Role",
    objectives: "Objectives",
    noDealCol: "With no deal",
    held: "counted:",
    penalty: "penalty counted:",
    missed: "did not count:",
    marginNoDeal: "Against no deal",
    termsTitle: "The terms",
    termsNoDeal: "The terms (no agreement: every issue at its no-deal option)",
    lastDraft: {
      title: (version: number) => `The last draft on the table (version ${version}), not signed`,
      intro: (beatsBoth: boolean) =>
        beatsBoth
          ? "It was worth more than its walk-away to both sides: signed, it would have left each of them better off than no agreement."
          : "What it would have been worth to each side, signed, against that side's walk-away (reservation value).",
      caption: "The last draft, issue by issue, with each side's points",
      issue: "Issue",
      option: "In the last draft",
      noDealOption: "(at its no-deal option: not settled)",
      worthCaption: "What the last draft was worth to each side against its walk-away",
      side: "Side",
      worth: "Signed, worth",
      walkAway: "Walk-away",
      margin: "Against walk-away",
      signed: "Signed",
      yes: "Yes",
      no: "No",
      // Which way the margin runs, in words: "+10" alone read ambiguously (issue #11).
      marginText: (n: number) => (n === 0 ? "the same" : `${Math.abs(n)} ${n > 0 ? "above" : "below"}`),
      tooFewIssues: (settled: number, minimum: number) =>
        `Why it was not signed: it settled only ${settled} ${settled === 1 ? "issue" : "issues"}, and signing needs at least ${minimum}, so neither leader could sign it.`,
      notSigned: (signed: string[], unsigned: string[]) =>
        signed.length === 0
          ? `Why it was not signed: neither ${unsigned.join(" nor ")} signed it.`
          : `Why it was not signed: ${signed.join(" and ")} signed it; ${unsigned.join(" and ")} did not.`,
    },
    issue: "Issue",
    agreed: "Outcome",
    termsHint:
      "Points are the effective points at the end (inject shifts applied). Where the Nash or forecast package differs from the outcome, it is in italics.",
    chartTitle: "Every package in score space",
    chartHint: (pairs: number, shown: number) =>
      pairs === shown
        ? `Each grey dot is a score pair some package reaches (${pairs.toLocaleString()} distinct pairs). Up and right is better for both.`
        : `Grey dots: ${shown.toLocaleString()} of ${pairs.toLocaleString()} distinct score pairs, on a coarser grid. Up and right is better for both.`,
    chartLoading: "Loading the chart…",
    chartSummary: (a: string, b: string, point: { a: number; b: number }, frontier: number, pairs: number) =>
      `Chart of ${pairs} distinct score pairs, ${a} across and ${b} up; the outcome at ${a} ${point.a}, ${b} ${point.b}; the Pareto frontier has ${frontier} points. The tables give the same figures.`,
    nashMark: "Nash package",
    forecastMark: "Forecast",
    dealMark: "The deal",
    draftMark: "The draft now",
    noDealMark: "No agreement (reservations)",
    lastDraftMark: "The last draft, unsigned",
    leftTitle: "Points left on the table",
    leftUnit: (n: number) => (n === 1 ? "point" : "points"),
    leftExplain: (joint: number, max: number) =>
      `The outcome was worth ${joint} to both sides together; the best package on the frontier was worth ${max}.`,
    nashGap: (text: string) => `Against the Nash package: ${text}.`,
    // Which way a difference runs, in words (issue #11: "Washington +10" read as if the deal beat Nash).
    // `diff` is the outcome's points minus the Nash package's.
    againstNash: (side: string, diff: number) =>
      diff === 0
        ? `${side} got exactly what it would have at the Nash package`
        : `${side} got ${Math.abs(diff)} ${diff === 1 || diff === -1 ? "point" : "points"} ${diff < 0 ? "less" : "more"} than at the Nash package`,
    /** An example package's points for a side against the outcome's: `diff` is the example's minus the outcome's. */
    againstOutcome: (side: string, points: number, diff: number) =>
      `${side} ${points} (${diff === 0 ? "the same as" : `${Math.abs(diff)} ${diff < 0 ? "less" : "more"} than`} the outcome)`,
    betterTitle: "Packages better for both sides",
    betterNoDealTitle: "Packages both sides would have preferred to no agreement",
    betterCount: (n: number, share: number) =>
      `${n.toLocaleString()} ${n === 1 ? "package was" : "packages were"} strictly better than the deal for both sides (${share.toFixed(1)}% of all). Some of the best:`,
    betterNone: "No package was better than the deal for both sides.",
    betterNoDealCount: (n: number, share: number) =>
      `${n.toLocaleString()} ${n === 1 ? "package" : "packages"} beat both reservations (${share.toFixed(1)}% of all). For example:`,
    exampleScores: (a: string, b: string) => `${a} · ${b}`,
    insteadOf: (label: string) => `instead of ${label}`,
    concessionsTitle: "Concession curves",
    concessionsHint:
      "Each side's proposals in order: what each was worth to the side that made it and to the other side (the proposal's terms, other issues at no deal, with the points as they stood when it was made). A falling solid line is a side conceding.",
    proposalLabel: (id: string, role: string, phase: string) => `${id} · ${role} · ${phase}`,
    curveCaption: (side: string, n: number) => `${side}: ${plural(n, "proposal")}`,
    noProposals: (side: string) => `${side} made no proposal.`,
    curveSummary: (side: string, other: string, pairs: string[]) =>
      `${side}'s proposals, worth to ${side} / to ${other}: ${pairs.join(", ")}.`,
    curveTable: (side: string) => `${side}'s proposals as a table`,
    proposal: "Proposal",
    minute: "Minute",
    eventCol: "Event",
    xMinutes: "Minutes into the game",
    xEvents: "Event number (the game was too short to plot by time)",
    toSelf: (side: string) => `To ${side}`,
    toOther: (side: string) => `To ${side}`,
    withDraft: "With the draft then (own / other)",
    statusCol: "Status",
    questionsTitle: "Debrief questions",
    // The report's first page (the one projected) and its appendix (issue #11).
    rolesTitle: "Scores by role",
    pointsTitle: "Three things to talk about",
    pointLeft: (left: number, joint: number, best: number) =>
      left === 0
        ? `Nothing was left on the table: the outcome's ${joint} joint points are the best any package reached.`
        : `${left} ${left === 1 ? "point was" : "points were"} left on the table: the outcome was worth ${joint} to both sides together, the best package ${best}.`,
    pointClosest: (id: string, sides: { name: string; points: number; margin: number }[]) =>
      `The closest the sides came: ${id}, with the draft of its moment, worth ${sides
        .map(
          (x) =>
            `${x.name} ${x.points} (${x.margin === 0 ? "equal to" : `${Math.abs(x.margin)} ${x.margin > 0 ? "above" : "below"}`} its walk-away)`,
        )
        .join(", ")}.`,
    pointNoProposal: "No proposal was made: the sides never put terms on the table.",
    pointMoved: (title: string, changes: number, options: number) =>
      changes === 0
        ? `No issue moved: every proposal that named an issue kept its option (${title} first among them).`
        : `The issue that moved most: ${title}, changed ${changes} ${changes === 1 ? "time" : "times"} from proposal to proposal across ${options} options.`,
    pointNotMoved: "No issue moved: no proposal named an issue.",
    appendixTitle: "Appendix: every proposal",
  },
  cohort: {
    kicker: "Cohort",
    subtitle: (n: number) => `${plural(n, "game")} of this scenario`,
    noKey: "This browser holds no facilitator key: open your dashboard first, or paste your key there.",
    tableTitle: "Every table",
    tableCaption: "Every game of this scenario, newest first",
    counts: (n: number, finished: number, agreed: number) =>
      `${plural(n, "game")}: ${finished} finished, ${agreed} with an agreement.`,
    none: "No game of this scenario yet.",
    game: "Game",
    status: "Status",
    agreement: "Agreement",
    joint: "Joint",
    left: "Left on the table",
    open: "Open",
    version: (v: number) => `version ${v}`,
    forked: "forked",
    statusOf: (s: string, phase: string) => (s === "live" ? `Live (${phase})` : s === "over" ? "Over" : s),
    yes: "Yes",
    no: (reason: string | null) =>
      reason === "walkAway" ? "No (walked away)" : reason === "endGame" ? "No (ended)" : "No (time ran out)",
    debrief: "Debrief",
    replay: "Replay",
    setup: "Set-up",
    chartTitle: "Every outcome against the frontier",
    chartHint: (n: number) =>
      `${plural(n, "finished game")} plotted. The frontier and reservation lines drawn are the scenario's before any inject; each game's "left on the table" is measured against its own frontier after its injects, as in its debrief, and a game without agreement sits at its own reservations.`,
    ownReservations: (title: string, a: string, b: string, r: { a: number; b: number }) =>
      `${title} (no agreement: its reservations after injects, ${a} ${r.a}, ${b} ${r.b})`,
    noChart: "No game to draw the frontier from yet.",
    agreedMark: "An agreement",
    failedMark: "No agreement",
    chartSummary: (a: string, b: string, list: string[]) =>
      `Outcomes, ${a} / ${b}: ${list.length ? list.join("; ") : "none yet"}.`,
    // Issue #11: a class's tables told apart, their terms and role scores side by side, a projected view.
    classFilter: "Class",
    allClasses: "Every game",
    unnamedClass: (id: string) => `Class ${id}`,
    alone: "Games outside a class",
    issuesTitle: "The terms, table by table",
    issuesCaption: "Each finished game's outcome on every issue (with no agreement, every issue at its no-deal option)",
    issue: "Issue",
    rolesTitle: "Scores by role, table by table",
    rolesCaption: "Each role's score in each finished game: its side's score plus the objectives that counted",
    role: "Role",
    noFinished: "No finished game to compare yet.",
    showResults: "Class results (for the projector)",
    showFull: "Back to the full cohort",
    resultsTitle: (scenario: string) => (scenario ? `Class results · ${scenario}` : "Class results"),
    resultsCounts: (finished: number, agreed: number) =>
      `${plural(finished, "table")} finished, ${agreed} with an agreement`,
    resultsAgreement: "Agreement",
    resultsNoDeal: "No agreement",
    resultsLeft: (n: number | null) => (n === null ? "" : `${n} ${n === 1 ? "point" : "points"} left on the table`),
  },
};
