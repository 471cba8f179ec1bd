import { TABLE, teamChannel } from "../channels";
import type { Seat } from "./seat";

/**
 * What a bot says: a few set lines that name only public things (issue titles, proposal ids), so
 * nothing it writes can carry its side's points, reservation or brief across the table, nor the
 * other side's, which it never has.
 */

const TEAM_LINES = [
  (issues: string) => `Ready. I will hold our line on ${issues}.`,
  (issues: string) => `Watching ${issues}; I will say before I move.`,
  () => "No surprises from me: I follow the brief.",
];
const TABLE_LINES = [
  (issues: string) => `We can move on ${issues} if you meet us.`,
  () => "Let us look for a package that both capitals can sign.",
  (issues: string) => `${issues}: we are listening.`,
];

export function titlesOf(seat: Seat, issueIds: readonly string[]): string {
  const titles = issueIds.map((id) => seat.scenario.issues.find((i) => i.id === id)?.title ?? id);
  if (titles.length === 0) return "the agenda";
  if (titles.length <= 2) return titles.join(" and ");
  return `${titles.slice(0, -1).join(", ")} and ${titles.at(-1)}`;
}

/** A chat move for this seat, on its team channel or (when it acts across the table) the table. */
export function chatLine(seat: Seat, roll: number): { channel: string; text: string } | null {
  // A last call closes every channel: only signing is left (judge.ts).
  if (seat.view.phase.lastCall) return null;
  const mine = seat.role.portfolio.filter((i) => seat.view.phase.agenda.includes(i));
  const issues = titlesOf(seat, mine.length > 0 ? mine : seat.role.portfolio);
  const toTable = seat.acting && seat.opens("chat") && !seat.view.phase.paused && roll < 0.35;
  const lines = toTable ? TABLE_LINES : TEAM_LINES;
  const line = lines[Math.floor((roll * 1000) % lines.length)]!;
  return { channel: toTable ? TABLE : teamChannel(seat.side), text: within(seat, line(issues)) };
}

/** A proposal's note: what it answers and what it covers. */
export function proposalNote(seat: Seat, issueIds: readonly string[], inReplyTo: string | undefined): string {
  const what = titlesOf(seat, issueIds);
  return within(seat, inReplyTo ? `Our answer to ${inReplyTo}, on ${what}.` : `Our offer on ${what}.`);
}

export function rejectNote(seat: Seat, issueIds: readonly string[]): string {
  return within(seat, `Not enough for us on ${titlesOf(seat, issueIds)}.`);
}

/** Within the scenario's length for a message (a note is held to it too). */
function within(seat: Seat, text: string): string {
  const max = seat.scenario.rules.chatMaxLength;
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}
