import { useState } from "react";
import { describeEvent, type EventAbout, type EventSetting, type EventWords } from "../../../shared/index";
import { rulingSentence, undoSentence } from "../common/controlWords";
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

/** The missed-events list's words for the shared describer (shared/describe.ts). */
function seatWords(m: Model, entry: LogEntry): EventWords<string> {
  const x = t.seat.events;
  const who = (a: EventAbout) => ("seat" in a.actor ? m.seatTitle(a.actor.seat) : t.seat.control);
  const answer = (f: { proposalId: string }, a: EventAbout) => x.answer(who(a), a.type, f.proposalId);
  return {
    chat: (f, a) => x.chat(who(a), m.channelTitle(f.channel), f.text),
    statement: (f, a) => x.statement(who(a), f.text),
    propose: (f, a) => x.propose(who(a), f.proposalId),
    accept: answer,
    reject: answer,
    withdraw: answer,
    sign: (f, a) => x.sign(who(a), f.draftVersion),
    unsign: (_f, a) => x.unsign(who(a)),
    walkAway: (_f, a) => x.walkAway(who(a)),
    advancePhase: () => x.phase(entry.view.phase.title),
    deadline: () => x.phase(entry.view.phase.title),
    pause: () => x.pause,
    resume: () => x.resume,
    extend: (f) => x.extend(f.minutes),
    inject: (f) => x.inject(f.title || f.text),
    drawInject: (f) => x.inject(f.title || f.text),
    note: (f) => x.note(f.text),
    endGame: () => x.endGame,
    lastCall: (f) => x.lastCall(f.minutes),
    ruling: (f) => rulingSentence(m.scenario, f),
    undo: undoSentence,
    seatJoined: (f) => x.joined(f.name, m.seatTitle(f.seat)),
  };
}

/**
 * One event in a line: who did what. The event is the seat's own copy (a played card's title is
 * in it), judged against the view that came with it; the seat knows no deck.
 */
export function describe(m: Model, entry: LogEntry): string {
  const { view } = entry;
  const setting: EventSetting = {
    proposals: view.proposals,
    cards: [],
    phase: view.phase.id,
    ended: view.outcome !== null,
    started: view.phase.started,
    draftVersion: view.draft.version,
    feed: view.feed,
  };
  return describeEvent(entry.event, setting, seatWords(m, entry));
}
