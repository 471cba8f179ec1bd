/**
 * The part of a phase's agenda that someone acting in that phase can put in a proposal: an issue
 * is "on the table" only if an acting role holds it in its portfolio. A display figure, not a
 * rule: the rules judge a proposal on the agenda and the proposer's own portfolio (judge.ts), and
 * that already refuses the rest; this keeps screens from listing issues nobody there can move
 * (the default scenario's Stockholm round names chips and rare earths, held by neither minister).
 */
type AgendaPhase = { agenda: readonly string[]; acting: "all" | readonly string[] };
type AgendaRole = { id: string; portfolio: readonly string[] };

export function agendaInPlay(
  phase: AgendaPhase,
  roles: readonly AgendaRole[],
  /** The roles seated in this game (a role left out holds nothing); every role when omitted. */
  seated?: readonly string[],
): string[] {
  const acting = roles.filter(
    (r) => (phase.acting === "all" || phase.acting.includes(r.id)) && (seated === undefined || seated.includes(r.id)),
  );
  return phase.agenda.filter((issue) => acting.some((r) => r.portfolio.includes(issue)));
}
