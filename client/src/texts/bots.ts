/** Bots in seats (the console) and solo practice (the home page). */
export const bots = {
  putBot: {
    label: (seat: string) => `Bot strategy for ${seat}`,
    put: "Put a bot here",
    hint: "A bot plays this seat from its view alone, at a person's pace; someone who joins later takes over.",
    noToken: "This browser holds no facilitator token for the game.",
  },
  practice: {
    title: "Practise alone",
    hint: (title: string, minutes: number) =>
      `Lead one side of “${title}” against a team of computer players, in about ${minutes} minutes. No code or teacher needed.`,
    side: "Your side",
    strategy: "How the other side negotiates",
    strategyHints: {
      boulware: "holds firm until late, then gives way",
      linear: "gives way steadily as time passes",
      conceder: "gives way early",
      titForTat: "answers your concessions with its own",
      hardliner: "hardly moves at all",
    } as Record<string, string>,
    name: "Name for the record (optional)",
    start: "Start practising",
    starting: "Setting up your game…",
    unavailable: "Practice is not available just now.",
  },
};
