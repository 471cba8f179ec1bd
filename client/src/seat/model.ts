import { agendaInPlay, type PublicScenario, type View } from "../../../shared/index";
import { t } from "../texts";

type Role = PublicScenario["roles"][number];
type Side = PublicScenario["sides"][number];
type Issue = PublicScenario["issues"][number];
type Phase = PublicScenario["phases"][number];

/** The view of a seat that holds a role, with the public scenario present (the whole merged view). */
export type SeatView = View & { scenario: PublicScenario; seat: { id: string; side: string; role: string } };

/**
 * What the seat's screens look up again and again: who this seat is, the current phase's rules,
 * and names for ids. Built from the view alone: nothing here reads a scenario file.
 */
export type Model = {
  view: SeatView;
  scenario: PublicScenario;
  role: Role;
  side: Side;
  otherSide: Side;
  isLeader: boolean;
  phase: Phase;
  /** The agenda's issues that someone acting in this phase holds: what is "on the table" now. */
  agenda: string[];
  /** Whether this seat acts across the table in the current phase. */
  acting: boolean;
  /** The roles of this seat's side that act across the table in the current phase. */
  actingOnMySide: Role[];
  sideIndex: (sideId: string) => number;
  sideName: (sideId: string) => string;
  seatTitle: (seatId: string) => string;
  seatNames: (seatId: string) => string[];
  issue: (issueId: string) => Issue | undefined;
  issueTitle: (issueId: string) => string;
  optionLabel: (issueId: string, optionId: string) => string;
  /** This side's points for an option (inject shifts applied), or null when unknown. */
  points: (issueId: string, optionId: string) => number | null;
  channelTitle: (channelId: string) => string;
};

export function isSeatView(view: View): view is SeatView {
  return "role" in view.seat && view.scenario !== undefined && view.mine !== null;
}

export function modelOf(view: SeatView): Model {
  const scenario = view.scenario;
  const role = scenario.roles.find((r) => r.id === view.seat.role)!;
  const side = scenario.sides.find((s) => s.id === view.seat.side)!;
  const otherSide = scenario.sides.find((s) => s.id !== side.id) ?? side;
  const phase = scenario.phases[view.phase.index] ?? scenario.phases[0]!;
  const actingIds = (r: Role) => phase.acting === "all" || phase.acting.includes(r.id);
  const seatsHere = new Set(view.seats.map((s) => s.id));
  const issue = (id: string) => scenario.issues.find((i) => i.id === id);
  return {
    view,
    scenario,
    role,
    side,
    otherSide,
    isLeader: side.leader === role.id,
    phase,
    agenda: agendaInPlay({ agenda: view.phase.agenda, acting: phase.acting }, scenario.roles, [...seatsHere]),
    acting: actingIds(role),
    actingOnMySide: scenario.roles.filter((r) => r.side === side.id && seatsHere.has(r.id) && actingIds(r)),
    sideIndex: (id) =>
      Math.max(
        0,
        scenario.sides.findIndex((s) => s.id === id),
      ),
    sideName: (id) => scenario.sides.find((s) => s.id === id)?.name ?? id,
    seatTitle: (id) =>
      id === "control" || id === "facilitator"
        ? t.seat.control
        : (scenario.roles.find((r) => r.id === id)?.title ?? id),
    seatNames: (id) => view.seats.find((s) => s.id === id)?.names ?? [],
    issue,
    issueTitle: (id) => issue(id)?.title ?? id,
    optionLabel: (issueId, optionId) => issue(issueId)?.options.find((o) => o.id === optionId)?.label ?? optionId,
    points: (issueId, optionId) => {
      const i = issue(issueId);
      const index = i?.options.findIndex((o) => o.id === optionId) ?? -1;
      return index < 0 ? null : (view.mine?.side.points[issueId]?.[index] ?? null);
    },
    channelTitle: (id) => view.channels.find((c) => c.id === id)?.title ?? id,
  };
}

/** A clock time for a message or a card, in the reader's locale. */
export function timeOf(at: number): string {
  return new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** "a, b and c" */
export function listOf(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${t.seat.and} ${items[items.length - 1]}`;
}
