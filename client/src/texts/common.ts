/** Texts shared by every screen. */
export const common = {
  app: { name: "Summitry", tagline: "A negotiation game: Washington and Beijing at the summit table." },
  connection: {
    online: "Connected",
    connecting: "Connecting…",
    offline: "Offline: reconnecting. Your moves are not sent until the connection is back.",
    /** The badge, once the server refuses the token for good (nothing is retried after it). */
    lost: "Link no longer works",
    /** A player's seat page, refused for good: the code was reset, or the game deleted. */
    refused:
      "This link no longer works: the facilitator gave this seat a new code, or the game was deleted. Ask the facilitator for a new code and type it on the home page.",
    /** The projector's page, refused for good. */
    refusedScreen:
      "This projector link no longer works: its code was reset, or the game was deleted. Ask the facilitator to open the new observer link on this screen.",
    missed: (n: number) => `While you were away: ${n} event${n === 1 ? "" : "s"}.`,
  },
  home: {
    join: "Join a game",
    codeLabel: "Join code",
    // The short format of docs/join-codes.md: ten characters in two groups of five.
    codeHint: "The code from your facilitator, e.g. K7QM4-XRT9D",
    facilitate: "Run a game",
    facilitateHint: "Create games, hand out seats, run the clock and the injects.",
  },
  join: {
    title: "Join the game",
    nameLabel: "Your name",
    nameHint: "Shown to the other players and in the record.",
    codeLabel: "Join code",
    submit: "Join",
    badCode: "That code does not open a seat. Check it with your facilitator.",
    /** A name of spaces alone: caught before anything is sent. */
    blankName: "Type your name: the other players see it at the table.",
  },
  common: {
    loading: "Loading…",
    close: "Close",
    cancel: "Cancel",
    confirm: "Confirm",
    copy: "Copy",
    copied: "Copied",
    print: "Print",
    error: (message: string) => `Refused: ${message}`,
    minutes: (n: number) => `${n} min`,
    points: (n: number) => `${n} pt${Math.abs(n) === 1 ? "" : "s"}`,
  },
  phase: {
    paused: "Paused",
    notStarted: "Waiting for the facilitator to start the clock",
    remaining: "Time left in this phase",
    over: "The game is over",
    lastCall: "Last call: only signing is open",
    lastCallEnds: (at: string) => `Last call: only signing is open. The game ends at ${at}.`,
    lastCallRemaining: "Time left to sign",
  },
};
