import type { Effect } from "../../../../shared/index";
import type { ClientView } from "../../core/mergeView";
import { t } from "../../texts";

const T = t.facilitator.console;

/** Names for the ids a view holds: seats, sides, issues, options, phases, channels. */
export function labelsOf(view: Pick<ClientView, "scenario" | "seats" | "channels">) {
  const s = view.scenario;
  const seat = (id: string) =>
    id === "control" || id === "facilitator"
      ? T.control
      : id === "observer"
        ? T.observer
        : (view.seats.find((x) => x.id === id)?.title ?? id);
  const side = (id: string) => s?.sides.find((x) => x.id === id)?.name ?? id;
  const issue = (id: string) => s?.issues.find((x) => x.id === id)?.title ?? id;
  const option = (issueId: string, optionId: string) =>
    s?.issues.find((x) => x.id === issueId)?.options.find((o) => o.id === optionId)?.label ?? optionId;
  const phase = (id: string) => s?.phases.find((p) => p.id === id)?.title ?? id;
  const channel = (id: string) => view.channels.find((c) => c.id === id)?.title ?? id;
  /** A seat id or a side id, as a recipient. */
  const recipient = (id: string) => (s?.sides.some((x) => x.id === id) ? side(id) : seat(id));
  const recipients = (to: string[] | null | undefined) => (to?.length ? to.map(recipient).join(", ") : T.everyone);
  return { seat, side, issue, option, phase, channel, recipient, recipients };
}
export type Labels = ReturnType<typeof labelsOf>;

/** An inject's effect, in words. */
export function effectText(e: Effect, l: Labels): string {
  if ("shiftReservation" in e) return T.effect.reservation(l.side(e.shiftReservation.side), e.shiftReservation.by);
  if ("shiftPoints" in e) {
    const p = e.shiftPoints;
    return T.effect.points(l.side(p.side), l.issue(p.issue), l.option(p.issue, p.option), p.by);
  }
  if ("reveal" in e) return T.effect.reveal(l.recipients(e.reveal.to), e.reveal.text);
  if ("agenda" in e) return T.effect.agenda((e.agenda.add ?? []).map(l.issue), (e.agenda.remove ?? []).map(l.issue));
  return T.effect.press(e.press.text);
}

export const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "0");

export const clockTime = (at: number) => new Date(at).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
