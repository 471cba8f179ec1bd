import { useState } from "react";
import type { LogEntry } from "../core/useGame";
import { t } from "../texts";
import type { Model } from "./model";

/** Events that arrived while this seat was catching up after a dropped connection, listed briefly. */
export function MissedEvents({ m, log }: { m: Model; log: LogEntry[] }) {
  const missed = log.filter((e) => e.missed);
  const [dismissed, setDismissed] = useState(0);
  const shown = missed.slice(dismissed);
  if (shown.length === 0) return null;
  return (
    <section className="panel missed" aria-labelledby="missed-title" data-testid="missed-events">
      <div className="panel-head">
        <h2 id="missed-title">{t.connection.missed(shown.length)}</h2>
        <button
          type="button"
          className="secondary"
          onClick={() => setDismissed(missed.length)}
          data-testid="missed-dismiss"
        >
          {t.seat.missed.dismiss}
        </button>
      </div>
      <ol className="missed-list">
        {shown.map((e) => (
          <li key={e.seq}>{describe(m, e)}</li>
        ))}
      </ol>
    </section>
  );
}

/** One event in a line: who did what. */
export function describe(m: Model, entry: LogEntry): string {
  const x = t.seat.events;
  const { event } = entry;
  const p = event.payload as Record<string, unknown>;
  const who = "seat" in event.actor ? m.seatTitle(event.actor.seat) : t.seat.control;
  const s = (v: unknown) => (typeof v === "string" ? v : "");
  switch (event.type) {
    case "chat":
      return x.chat(who, m.channelTitle(s(p.channel)), s(p.text));
    case "statement":
      return x.statement(who, s(p.text));
    case "propose":
      return x.propose(who, s(p.proposalId));
    case "accept":
    case "reject":
    case "withdraw":
      return x.answer(who, event.type, s(p.proposalId));
    case "sign":
      return x.sign(who, Number(p.draftVersion));
    case "unsign":
      return x.unsign(who);
    case "walkAway":
      return x.walkAway(who);
    case "advancePhase":
    case "deadline":
      return x.phase(entry.view.phase.title);
    case "pause":
      return x.pause;
    case "resume":
      return x.resume;
    case "extend":
      return x.extend(Number(p.minutes));
    case "inject":
    case "drawInject":
      return x.inject(s(p.title) || s(p.text));
    case "note":
      return x.note(s(p.text));
    case "endGame":
      return x.endGame;
    case "seatJoined":
      return x.joined(s(p.name), m.seatTitle(s(p.seat)));
  }
}
