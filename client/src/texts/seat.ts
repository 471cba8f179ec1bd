/** Texts of the seat screens (the player's table). Functions take what they interpolate. */
import { control } from "./control";

const pts = (n: number) => `${n} pt${Math.abs(n) === 1 ? "" : "s"}`;
const signed = (n: number) => (n > 0 ? `+${pts(n)}` : n < 0 ? `−${pts(-n)}` : pts(0));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const seat = {
  control: "Control (facilitator)",
  and: "and",
  refused: (why: string) => `Not done: ${why}`,
  deltaUp: (n: number, against: string) => `${pts(n)} more than ${against}`,
  deltaDown: (n: number, against: string) => `${pts(n)} less than ${against}`,
  deltaSame: (against: string) => `the same as ${against}`,
  finalScore: (role: string, n: number) => `Your final score as ${role}: ${pts(n)}.`,

  header: {
    youAre: "You are:",
    playedBy: (names: string) => `Played by ${names}`,
    showBrief: "Your brief",
    hideBrief: "Hide your brief",
    phases: "Phases of the game",
    phaseState: { done: "(finished)", now: "(now)", later: "(later)" },
    now: "Now:",
    agenda: "On the agenda:",
    agendaEmpty: "nothing yet: this phase is for talking with your team.",
    latest: "Latest:",
  },

  guide: {
    over: "The game is over. See the result below.",
    notStarted: "Waiting for the facilitator to start the clock. Read your brief and talk with your team.",
    paused: "The facilitator has paused the game: only team chat and back channels go on.",
    youNegotiate: (other: string) =>
      `You negotiate across the table: send proposals to ${other}, answer theirs, and talk at the table.`,
    othersNegotiate: (who: string) =>
      `In this phase your side's ${who} may negotiate across the table. Help them on your team channel; you can still plan a package and see what it is worth.`,
    nobodyNegotiates: "Nobody on your side negotiates across the table in this phase. Plan with your team.",
    teamOnly: (next: string) => `Plan with your team on the team channel. Proposals open in the ${next}.`,
    talkOnly: "Talk with your team and the other side.",
    youSign: "As leader, you decide: sign the draft or walk away.",
    lastCallYou:
      "Last call: only signing is open. As leader, sign the draft (or take your signature back) before the game ends.",
    lastCallLeader: (leader: string) =>
      `Last call: only signing is open. Your side's ${leader} decides whether to sign before the game ends.`,
    leaderSigns: (leader: string) => `Your side's ${leader} decides whether to sign the draft or walk away.`,
  },

  reasons: {
    gameOver: "the game is over.",
    paused: "the facilitator has paused the game.",
    lastCall: (at: string | null) =>
      at === null
        ? "last call: only signing and taking a signature back are open now."
        : `last call: only signing and taking a signature back are open, until the game ends at ${at}.`,
    notInRules: "this game was created under older rules, which have no last call.",
    notStarted: "the game has not started: the facilitator starts the clock.",
    backchannelLater: (first: string) => `back channels open after the ${first}.`,
    moveNames: {
      propose: "proposals",
      accept: "answering proposals",
      reject: "answering proposals",
      withdraw: "withdrawing proposals",
      chat: "chat at the table",
      statement: "press statements",
      sign: "signing",
      unsign: "taking a signature back",
      walkAway: "walking away",
    },
    notYet: (what: string, phase: string) => `not yet: ${what} open in the ${phase}.`,
    notNow: (what: string, phase: string) => `${what} are closed in the ${phase}.`,
    notActing: (phase: string, who: string) =>
      `in the ${phase}, only your side's ${who} may act across the table. Help them on your team channel.`,
    nobodyActs: (phase: string) => `nobody on your side acts across the table in the ${phase}.`,
    notOnAgenda: (issue: string, phase: string) => `${issue} is not on the agenda in the ${phase}.`,
    notInPortfolio: (issue: string, owners: string) =>
      owners ? `${issue} is not in your portfolio: it is handled by ${owners}.` : `${issue} is not in your portfolio.`,
    tooManyOpen: (max: number) =>
      `your side already has ${plural(max, "open proposal", "open proposals")}, the most allowed. Withdraw one first.`,
    tooLong: (max: number) => `a message holds at most ${max} characters.`,
    notAMember: "you are not part of this channel.",
    pressIsStatements: "the press channel takes statements.",
    proposalNotOpen: (status: string) => `this proposal is already ${status}.`,
    notAddressed: "this proposal is addressed to the other side.",
    notProposer: "only whoever proposed it, or your leader, can withdraw it.",
    notLeader: (leader: string) => `only ${leader}, your side's leader, can do this.`,
    draftChanged: (version: number) => `the draft has changed (it is now version ${version}). Look at it again.`,
    tooFewIssues: (settled: number, min: number) =>
      `the draft settles ${plural(settled, "issue", "issues")}; at least ${min} are needed before signing.`,
    alreadySigned: "you have already signed this version of the draft.",
    notSigned: "you have not signed the draft.",
    rateLimited: "too many moves at once. Wait a second and try again.",
    offline: "you are offline, so nothing was sent. Wait for the connection to come back.",
    timeout: "the server did not answer. Try again.",
  },

  brief: {
    title: (role: string, side: string) => `Your brief: ${role}, ${side}`,
    close: "I've read it: go to the table",
    secret: (side: string) =>
      `Secret. Only ${side} sees this brief and these points; your role's objectives are yours alone.`,
    howTo: "How the game works",
    steps: (side: string, other: string, min: number) => [
      `Every option of every issue is worth points to ${side}. The agenda board shows your points. ${other} has different points that you cannot see.`,
      `A proposal is a package: an option for one or more issues. When ${other} accepts it, those options go into the shared draft (and the other way round).`,
      "Your walk-away value is what your side scores with no deal. A deal worth less than that is worse than no deal.",
      `To end with a deal, both leaders sign the same version of the draft. It needs at least ${min} settled issues. Issues not settled take their no-deal option.`,
      "Your score is your side's points plus your own objectives that hold at the end. Your scorecard updates live.",
    ],
    objectives: (role: string) => `Your objectives as ${role}`,
    objectivesHint: (side: string) =>
      `These add to (or take away from) ${side}'s points for your personal score, judged on the final result.`,
    noObjectives: "You have no personal objectives: your score is your side's score.",
    objectivePoints: signed,
    phases: "The phases",
    everyone: "everyone",
    nobody: "nobody",
    phaseNoAgenda: "team talks only.",
    phaseAgenda: (issues: string, who: string) => `${issues}. Negotiating across the table: ${who}. `,
    phaseSign: "The leaders may sign or walk away.",
    roleBrief: (role: string) => `Your role: ${role}`,
    sideBrief: (side: string) => `${side}'s position`,
    empty: "(No brief.)",
    background: "Background (public: both sides have read this)",
  },

  board: {
    title: "Issues and the draft",
    draftSummary: (version: number, settled: number, total: number, min: number) =>
      `Draft version ${version}: ${settled} of ${total} issues settled (signing needs ${min}).`,
    intro: (side: string, other: string) =>
      `Points show what each option is worth to ${side}. ${other} has its own points, which you cannot see.`,
    onAgenda: "On the agenda now",
    offAgenda: "Not on the agenda now",
    yours: "In your portfolio",
    notYours: "Not in your portfolio",
    showDetails: "Explain the options",
    hideDetails: "Hide the explanation",
    settled: (phase?: string) => (phase ? `Settled in the ${phase}` : "Settled"),
    unsettled: "Not settled",
    atNoDeal: "At its no-deal option (not counted as settled)",
    optionsOf: (issue: string) => `Options for ${issue}, with your points`,
    inDraft: "In the draft",
    noDealDefault: "No-deal option",
  },

  builder: {
    title: "Make a proposal",
    to: (other: string) => `To ${other}`,
    intro:
      "Pick an option for each issue you want in your package. Issues you leave out stay as they are in the draft.",
    countering: (id: string) => `You are answering proposal ${id} with a counter-proposal.`,
    stopCountering: "Not a counter any more",
    dropped: (items: string[]) => `Left out of your counter, because you cannot propose them: ${items.join("; ")}.`,
    closedIssues: (n: number) => `${plural(n, "issue", "issues")} you cannot propose now (and why)`,
    note: (other: string) => `Note to ${other} (optional)`,
    worth: (side: string, n: number, role: string, r: number) =>
      `If accepted and signed: ${side} ${pts(n)}, you (${role}) ${pts(r)}.`,
    vsDraft: "the draft now",
    belowReservation: (side: string, res: number) =>
      `Careful: this leaves ${side} below its walk-away value of ${pts(res)}.`,
    worthEmpty: "Pick options to see what your package is worth to you.",
    sending: "Sending…",
    send: (other: string) => `Send proposal to ${other}`,
    sendCounter: (other: string) => `Send counter-proposal to ${other}`,
    clear: "Clear",
    sent: (other: string) => `Proposal sent. It waits for ${other}'s answer.`,
    draftHas: (option: string) => `in the draft: ${option}`,
    draftEmpty: "not settled",
    leaveOut: "Leave out",
    now: "in the draft",
    pickFirst: "pick at least one option first.",
    nothingOpen: "no issue is open for you to propose in this phase.",
  },

  score: {
    title: "Your scorecard",
    private: (side: string) => `Private to ${side}`,
    verdict: (side: string, n: number) => `The draft now is worth ${pts(n)} to ${side}:`,
    vsNoDeal: "no deal",
    caption: "What no deal, the draft now and your proposal are worth to your side and to you",
    noDeal: "No deal",
    draft: (version: number) => `Draft now (v${version})`,
    built: "Your proposal",
    sidePoints: (side: string) => `${side}'s points`,
    beats: "better than no deal",
    below: "worse than no deal",
    equal: "same as no deal",
    objectivePoints: (n: number) => `(${signed(n)})`,
    holds: "Yes",
    notHeld: "No",
    rolePoints: (role: string) => `Your score (${role})`,
    explain: (side: string, res: number) =>
      `"No deal" is ${side}'s walk-away value (${pts(res)}). "Your proposal" assumes it is accepted and then signed.`,
    signatures: "Signatures on the current draft",
    signed: (side: string, version: number) => `${side} has signed version ${version}.`,
    notSigned: (side: string) => `${side} has not signed.`,
  },

  proposals: {
    title: "Proposals",
    counts: (incoming: number, outgoing: number) => `${incoming} to answer · ${outgoing} waiting`,
    incoming: (other: string) => `From ${other}: waiting for your answer`,
    noIncoming: "None right now.",
    outgoing: (side: string) => `From ${side}: waiting for their answer`,
    noOutgoing: "None right now.",
    history: (n: number) => `Earlier proposals (${n})`,
    heading: (id: string) => `Proposal ${id}`,
    fromTo: (from: string, to: string) => `${from} → ${to}`,
    status: { open: "Open", accepted: "Accepted", rejected: "Rejected", withdrawn: "Withdrawn" },
    meta: (by: string, phase: string, time: string) => `By ${by}, ${phase}, ${time}.`,
    inReplyTo: (id: string) => `Answers proposal ${id}.`,
    termsCaption: (id: string) => `The terms of proposal ${id}`,
    issue: "Issue",
    proposed: "Proposed",
    yourPoints: (side: string) => `${side} pts`,
    draftNow: "In the draft now",
    change: (n: number) => ` (${n > 0 ? "+" : "−"}${Math.abs(n)})`,
    notSettled: "not settled",
    noteLabel: "Note:",
    worth: (side: string, n: number, role: string, r: number) =>
      `If accepted and signed: ${side} ${pts(n)}, you (${role}) ${pts(r)}.`,
    vsDraft: "the draft now",
    closed: (status: string, by: string | null, time: string | null) =>
      `${status}${by ? ` by ${by}` : ""}${time ? ` at ${time}` : ""}.`,
    accept: "Accept",
    reject: "Reject",
    counter: "Counter…",
    withdraw: "Withdraw",
    whyAnswer: (why: string) => `You can't answer it: ${why}`,
    whyAccept: (why: string) => `You can't accept it: ${why}`,
    whyReject: (why: string) => `You can't reject it: ${why}`,
    whyCounter: (why: string) => `You can't counter it: ${why}`,
    whyWithdraw: (why: string) => `You can't withdraw it: ${why}`,
    addNote: "Add a note to a rejection",
    rejectNote: "Note sent with your rejection (optional)",
    waiting: (other: string) => `Waiting for ${other} to answer.`,
  },

  channels: {
    title: "Talk",
    unread: "new",
    aboutTeam: (side: string) => `Private to ${side}'s team.`,
    aboutTable:
      "Both sides read the table; only the negotiators of this phase write here. The facilitator reads every channel.",
    aboutPress: "Public statements: everyone, the other side included, sees them.",
    aboutBackchannel: (others: string) => `A private line between you and ${others}.`,
    messagesOf: (channel: string) => `Messages in ${channel}`,
    empty: "No messages yet.",
    you: "you",
    statementLabel: "Your press statement (public)",
    messageLabel: (channel: string) => `Message to ${channel}`,
    hint: "Enter sends; Shift+Enter for a new line",
    count: (n: number, max: number) => `${n}/${max}`,
    send: "Send",
    publish: "Publish statement",
  },

  feed: {
    title: "News and notes",
    empty: "No news yet. Events and notes from the facilitator will appear here.",
    kind: { inject: "News", note: "Facilitator note", reveal: "Private intelligence", ...control.kind },
    onlyFor: (who: string) => `Only for ${who}`,
  },

  leader: {
    title: "Your decision as leader",
    intro: (side: string, min: number) =>
      `Only you sign for ${side}. When both leaders sign the same version of the draft, the game ends with that agreement. A draft needs ${min} settled issues.`,
    sign: (version: number) => `Sign the draft (v${version})…`,
    unsign: "Take back your signature…",
    walkAway: "Walk away…",
    whySign: (why: string) => `Sign: ${why}`,
    whyUnsign: (why: string) => `Take back: ${why}`,
    whyWalk: (why: string) => `Walk away: ${why}`,
    confirmSignTitle: (version: number) => `Sign version ${version} of the draft?`,
    confirmUnsignTitle: "Take back your signature?",
    confirmWalkTitle: "Walk away from the talks?",
    confirmSign: "Yes, sign",
    confirmUnsign: "Yes, take it back",
    confirmWalk: "Yes, walk away",
    signBody: (settled: number, total: number, side: string, n: number, res: number, role: string, r: number) =>
      `It settles ${settled === total ? `all ${total} issues` : `${settled} of ${total} issues; the others stay at their no-deal option`}. It is worth ${pts(n)} to ${side} (walk-away value ${pts(res)}) and ${pts(r)} to you as ${role}.`,
    signEnds: (other: string) =>
      `${other} has already signed this version: your signature ends the game with this agreement.`,
    signWaits: (other: string) => `The game ends with this agreement if ${other}'s leader signs the same version.`,
    versionMoved: (old: number, now: number) =>
      `The draft changed while this was open (version ${old} → ${now}). The numbers above are for version ${now}: check the draft before you sign.`,
    confirmSignNew: (version: number) => `Sign version ${version}`,
    unsignBody: (other: string) =>
      `${other} will no longer be able to close the deal on this version until you sign again.`,
    walkBody: (side: string, n: number, role: string, r: number, draft: number) =>
      `The game ends at once with no agreement. ${side} scores its walk-away value, ${pts(n)} (the draft now is worth ${pts(draft)}), and you score ${pts(r)} as ${role}. This cannot be undone.`,
  },

  missed: {
    dismiss: "Got it",
  },

  events: {
    chat: (who: string, channel: string, text: string) => `${who} on ${channel}: “${text}”`,
    statement: (who: string, text: string) => `${who} to the press: “${text}”`,
    propose: (who: string, id: string) => `${who} made proposal ${id}.`,
    answer: (who: string, type: string, id: string) =>
      `${who} ${type === "accept" ? "accepted" : type === "reject" ? "rejected" : "withdrew"} proposal ${id}.`,
    sign: (who: string, version: number) => `${who} signed version ${version} of the draft.`,
    unsign: (who: string) => `${who} took back a signature.`,
    walkAway: (who: string) => `${who} walked away.`,
    phase: (title: string) => `The game moved on: ${title}.`,
    pause: "The facilitator paused the game.",
    resume: "The clock is running.",
    extend: (minutes: number) => `The facilitator added ${minutes} min to this phase.`,
    inject: (title: string) => `News: ${title}`,
    note: (text: string) => `Facilitator note: ${text}`,
    endGame: "The facilitator ended the game.",
    lastCall: (minutes: number) => `Last call: ${minutes} min to sign, then the game ends.`,
    joined: (name: string, seat: string) => `${name} joined as ${seat}.`,
  },

  announce: {
    phase: (title: string) => `New phase: ${title}.`,
    incoming: (id: string, side: string, by: string) => `New proposal ${id} from ${side} (${by}).`,
    answered: (id: string, status: string) => `Your side's proposal ${id}: ${status.toLowerCase()}.`,
    inject: (title: string) => `News: ${title}.`,
    note: (text: string) => `Facilitator note: ${text}`,
    reveal: (title: string) => `Private intelligence: ${title}`,
    over: "The game is over.",
  },
};
