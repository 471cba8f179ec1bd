import type { PublicScenario } from "./scenario/public";

/**
 * Channels (GAME.md, "Moves" and "Visibility"): each side's team channel, the table between the
 * sides, press (public statements), and the scenario's backchannels between two roles.
 */

type ChannelScenario = Pick<PublicScenario, "sides" | "roles" | "backchannels">;

export const TABLE = "table";
export const PRESS = "press";
export const teamChannel = (side: string) => `team:${side}`;

export type ChannelKind = "team" | "table" | "press" | "backchannel";
export type ChannelInfo = {
  id: string;
  title: string;
  kind: ChannelKind;
  side: string | null;
  members: string[] | null;
};

export function channelsOf(scenario: ChannelScenario): ChannelInfo[] {
  return [
    ...scenario.sides.map((s) => ({
      id: teamChannel(s.id),
      title: `${s.name} team`,
      kind: "team" as const,
      side: s.id,
      members: null,
    })),
    { id: TABLE, title: "The table", kind: "table", side: null, members: null },
    { id: PRESS, title: "Press", kind: "press", side: null, members: null },
    ...scenario.backchannels.map((b) => ({
      id: b.id,
      title: b.title,
      kind: "backchannel" as const,
      side: null,
      members: [...b.members],
    })),
  ];
}

export function findChannel(scenario: ChannelScenario, id: string): ChannelInfo | undefined {
  return channelsOf(scenario).find((c) => c.id === id);
}

/** Who reads a channel: "facilitator" and "observer" are seats here too. */
export function canRead(scenario: ChannelScenario, channel: ChannelInfo, seat: string): boolean {
  if (seat === "facilitator") return true;
  if (channel.kind === "table" || channel.kind === "press") return true;
  if (seat === "observer") return false;
  if (channel.kind === "team") return scenario.roles.find((r) => r.id === seat)?.side === channel.side;
  return channel.members?.includes(seat) ?? false;
}
