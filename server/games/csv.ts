import { apply, createGame, type RecordedEvent, type Scenario } from "../../shared/index";

/**
 * The record as CSV for research: one row per event, `seq, at, phase, side, role, type, terms,
 * proposal, channel, text`. A package's terms sit in one cell as `issue=option` pairs.
 */
export const CSV_HEADER = ["seq", "at", "phase", "side", "role", "type", "terms", "proposal", "channel", "text"];

export function toCsv(scenario: Scenario, seed: string, events: RecordedEvent[]): string {
  const rows = [CSV_HEADER];
  let state = createGame(scenario, { seed });
  for (const e of events) {
    const p = e.payload as Record<string, unknown>;
    const phase = scenario.phases[state.phaseIndex]!.id; // the phase in which it happened
    const role = "seat" in e.actor ? e.actor.seat : "facilitator" in e.actor ? "facilitator" : "system";
    const side = scenario.roles.find((r) => r.id === role)?.side ?? "";
    const proposalId = typeof p.proposalId === "string" ? p.proposalId : "";
    const terms =
      e.type === "propose"
        ? (p.terms as Record<string, string>)
        : proposalId
          ? (state.proposals.find((x) => x.id === proposalId)?.terms ?? {})
          : {};
    const channel = e.type === "chat" ? String(p.channel) : e.type === "statement" ? "press" : "";
    const card = typeof p.injectId === "string" ? scenario.injects.find((i) => i.id === p.injectId) : undefined;
    const text =
      e.type === "seatJoined"
        ? String(p.name)
        : card
          ? `${card.title}: ${card.text}`
          : e.type === "inject"
            ? `${p.title}: ${p.text}`
            : typeof p.text === "string"
              ? p.text
              : typeof p.note === "string"
                ? p.note
                : e.type === "extend"
                  ? `${p.minutes} minutes`
                  : e.type === "sign"
                    ? `draft version ${p.draftVersion}`
                    : "";
    rows.push([
      String(e.seq),
      new Date(e.at).toISOString(),
      phase,
      side,
      role,
      e.type,
      Object.entries(terms)
        .map(([k, v]) => `${k}=${v}`)
        .join(" "),
      proposalId,
      channel,
      text,
    ]);
    state = apply(state, e);
  }
  return `${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}

function cell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
