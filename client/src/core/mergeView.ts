import type { ClientView, EventMessage } from "../../../shared/contract/index";
import type { Message } from "../../../shared/index";

/** What the server sends: a whole view on `state`, a compact one with each `event` (the wire contract's). */
export type { ClientView, EventMessage };

/**
 * Folds an event's compact view into the whole view the client holds. The compact view leaves
 * out what never changes during a game (scenario, briefs, deck texts), channel histories, the
 * proposals its event did not make or close, earlier feed items and the seats' names; they are kept from before, and a chat or a
 * statement is appended to its channel, a join's name to its seat, from the event itself.
 */
export function mergeEvent(prev: ClientView, m: EventMessage): ClientView {
  const v = m.view;
  const message = messageOf(m);
  const channels = v.channels.map((c) => {
    const old = prev.channels.find((p) => p.id === c.id)?.messages ?? [];
    const add = message && message.channel === c.id && !old.some((x) => x.seq === message.seq) ? [message] : [];
    return { ...c, messages: [...old, ...add] };
  });
  const proposals = [...prev.proposals];
  for (const p of v.proposals) {
    const i = proposals.findIndex((x) => x.id === p.id);
    if (i >= 0) proposals[i] = p;
    else proposals.push(p);
  }
  const feed = [...prev.feed];
  for (const f of v.feed)
    if (!feed.some((x) => x.seq === f.seq && x.text === f.text && x.kind === f.kind)) feed.push(f);
  const mine =
    v.mine && prev.mine
      ? { side: { ...prev.mine.side, ...v.mine.side }, role: { ...prev.mine.role, ...v.mine.role } }
      : v.mine;
  const secrets =
    v.secrets && prev.secrets
      ? {
          ...v.secrets,
          injects: v.secrets.injects ?? prev.secrets.injects,
          sides: v.secrets.sides.map((s) => ({ ...prev.secrets!.sides.find((x) => x.id === s.id), ...s })),
          roles: v.secrets.roles.map((r) => ({ ...prev.secrets!.roles.find((x) => x.id === r.id), ...r })),
        }
      : v.secrets;
  // Seats are not in the compact view: kept from before, and a join adds its name (as apply does).
  const joined = m.event.type === "seatJoined" ? m.event.payload : null;
  const seats = prev.seats.map((s) => {
    const names = s.names ?? [];
    const joins = s.joins ?? [];
    if (joined === null || joined.seat !== s.id || joins.some((j) => j.seq === m.seq)) return s;
    return { ...s, names: [...names, joined.name], joins: [...joins, { name: joined.name, seq: m.seq }] };
  });
  return { ...v, scenario: v.scenario ?? prev.scenario, channels, proposals, feed, mine, secrets, seats };
}

/** The channel message an event carries, if it is a chat or a statement. */
export function messageOf(m: EventMessage): Message | null {
  const e = m.event;
  const from = "seat" in e.actor ? e.actor.seat : "control";
  if (e.type === "chat") return { seq: m.seq, at: e.at, channel: e.payload.channel, from, text: e.payload.text };
  if (e.type === "statement") return { seq: m.seq, at: e.at, channel: "press", from, text: e.payload.text };
  return null;
}

/**
 * Events after which the compact view is not enough (an inject's press release, a reveal, the
 * game opening at its end): the client asks for its whole view again.
 */
export function needsWholeView(m: EventMessage, prev: ClientView): boolean {
  const t = m.event.type;
  return (
    t === "inject" ||
    t === "drawInject" ||
    t === "advancePhase" ||
    t === "deadline" ||
    (m.view.outcome !== null && prev.outcome === null)
  );
}
