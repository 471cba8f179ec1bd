import { useEffect, useRef } from "react";
import { agendaInPlay, type Join, type Scenario, sidePoints, type View } from "../../../shared/index";
import { Outcome } from "../common/Outcome";
import { t } from "../texts";
import { issueTitle, optionLabel, phaseTitle, roleTitle, seatLabel, sideName } from "./labels";

const T = t.replay.panels;

/** The phase at this moment: its title, agenda and clock. */
export function PhasePanel({ view, at }: { view: View; at: number }) {
  const s = view.scenario!;
  const p = view.phase;
  const remaining = p.paused || p.endsAt === null ? p.remainingMs : Math.max(0, p.endsAt - at);
  const status = view.outcome ? T.over : !p.started ? T.notStarted : p.paused ? T.paused : T.running;
  // What someone acting then could move, as the live screens show it (agendaInPlay).
  const phase = s.phases[p.index];
  const agenda = phase ? agendaInPlay({ agenda: p.agenda, acting: phase.acting }, s.roles) : p.agenda;
  return (
    <section className="card" aria-labelledby="rp-phase-title" data-testid="replay-phase">
      <h2 id="rp-phase-title">{T.phaseTitle(p.title, p.index + 1, s.phases.length)}</h2>
      <p>
        <span className="badge">{status}</span>{" "}
        {!view.outcome && <span className="rp-clock">{T.remaining(remaining)}</span>}
        {p.extendedMinutes > 0 && <span className="hint"> {T.extended(p.extendedMinutes)}</span>}
      </p>
      <p className="hint">{agenda.length ? T.agenda(agenda.map((id) => issueTitle(s, id)).join(", ")) : T.noAgenda}</p>
    </section>
  );
}

/** The draft: each issue's option so far, where it was settled, and who has signed which version. */
export function DraftPanel({ view, scenario }: { view: View; scenario: Scenario }) {
  const d = view.draft;
  return (
    <section className="card" aria-labelledby="rp-draft-title" data-testid="replay-draft">
      <h2 id="rp-draft-title">{T.draftTitle(d.version)}</h2>
      <p className="hint">
        {d.signedBy.length ? T.signedBy(d.signedBy.map((id) => sideName(scenario, id)).join(", ")) : T.unsigned}
      </p>
      <table className="rp-table">
        <caption className="visually-hidden">{T.draftCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{T.issue}</th>
            <th scope="col">{T.option}</th>
            <th scope="col">{T.settledIn}</th>
          </tr>
        </thead>
        <tbody>
          {scenario.issues.map((i) => {
            const option = d.terms[i.id];
            const phase = d.settledIn[i.id];
            return (
              <tr key={i.id} className={option ? "" : "rp-unsettled"}>
                <th scope="row">{i.title}</th>
                <td>{option ? optionLabel(scenario, i.id, option) : T.open}</td>
                <td>{phase ? phaseTitle(scenario, phase) : ""}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}

/** A seat's private scorecard at this moment, as it saw it. */
export function ScorecardPanel({ view, scenario }: { view: View; scenario: Scenario }) {
  const c = view.scorecard!;
  const role = scenario.roles.find((r) => r.id === c.role.id);
  return (
    <section className="card" aria-labelledby="rp-score-title" data-testid="replay-scorecard">
      <h2 id="rp-score-title">{T.scorecardTitle}</h2>
      <ul className="rp-facts">
        <li>{T.sideWorth(sideName(scenario, c.side.id), c.side.draft, c.side.reservation)}</li>
        <li>{T.roleWorth(roleTitle(scenario, c.role.id), c.role.draft)}</li>
        {c.role.objectives.map((o) => (
          <li key={o.id}>
            {o.holds ? "✓" : "✗"} {role?.objectives.find((x) => x.id === o.id)?.description ?? o.id} (
            {t.common.points(o.points)})
          </li>
        ))}
      </ul>
    </section>
  );
}

export function OutcomePanel({ view }: { view: View; scenario: Scenario }) {
  return (
    <div className="card">
      <Outcome view={view} />
    </div>
  );
}

/**
 * Every proposal so far, newest first, with what it was worth (its terms, other issues at no
 * deal) to the sides this seat could score: its own, or both once everything is open to it.
 */
export function ProposalsPanel({
  view,
  scenario,
  effective,
  seq,
  joins,
}: {
  view: View;
  scenario: Scenario;
  effective: Scenario;
  seq: number;
  joins: Record<string, Join[]>;
}) {
  const scored = view.revealed ? scenario.sides.map((s) => s.id) : view.mine ? [view.mine.side.id] : [];
  const list = [...view.proposals].reverse();
  return (
    <section className="card" aria-labelledby="rp-proposals-title" data-testid="replay-proposals">
      <h2 id="rp-proposals-title">{T.proposalsTitle(view.proposals.length)}</h2>
      {list.length === 0 && <p className="hint">{T.noProposals}</p>}
      <ol className="rp-proposals" reversed>
        {list.map((p) => {
          const fresh = p.seq === seq || p.closedSeq === seq;
          return (
            <li key={p.id} className={`rp-proposal rp-status-${p.status}${fresh ? " rp-fresh" : ""}`}>
              <p className="rp-proposal-head">
                <strong>{p.id}</strong> {T.fromTo(sideName(scenario, p.from), sideName(scenario, p.to))}{" "}
                <span className={`badge rp-badge-${p.status}`}>{T.status[p.status]}</span>
                {fresh && <span className="badge rp-badge-now">{T.justNow}</span>}
              </p>
              <p className="hint">
                {T.by(seatLabel(scenario, joins, p.by, p.seq), phaseTitle(scenario, p.phase))}
                {p.inReplyTo && ` · ${T.inReplyTo(p.inReplyTo)}`}
              </p>
              <ul className="rp-terms">
                {Object.entries(p.terms).map(([issue, option]) => (
                  <li key={issue}>
                    {issueTitle(scenario, issue)}: <strong>{optionLabel(scenario, issue, option)}</strong>
                  </li>
                ))}
              </ul>
              {p.note && <p className="rp-note">“{p.note}”</p>}
              {scored.length > 0 && (
                <p className="hint">
                  {T.worth(
                    scored.map((s) => `${sideName(scenario, s)} ${sidePoints(effective, s, p.terms)}`).join(" · "),
                  )}
                </p>
              )}
              {p.status !== "open" && p.closedBy && (
                <p className="hint">
                  {T.closed(T.status[p.status], seatLabel(scenario, joins, p.closedBy, p.closedSeq ?? seq))}
                  {p.closeNote && `: “${p.closeNote}”`}
                </p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

/** Injects, notes and reveals this seat had received by this moment. */
export function FeedPanel({ view, scenario, seq }: { view: View; scenario: Scenario; seq: number }) {
  const to = (ids: string[] | null) =>
    ids === null
      ? T.toAll
      : T.toSome(
          ids
            .map((id) => (scenario.sides.some((s) => s.id === id) ? sideName(scenario, id) : roleTitle(scenario, id)))
            .join(", "),
        );
  return (
    <section className="card" aria-labelledby="rp-feed-title" data-testid="replay-feed">
      <h2 id="rp-feed-title">{T.feedTitle}</h2>
      {view.feed.length === 0 && <p className="hint">{T.noFeed}</p>}
      <ol className="rp-feed" reversed>
        {[...view.feed].reverse().map((f, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the feed only grows, so (seq, kind, place from the end) is stable
          <li key={`${f.seq}-${f.kind}-${view.feed.length - i}`} className={f.seq === seq && seq > 0 ? "rp-fresh" : ""}>
            <p>
              <span className="badge">{T.kind[f.kind]}</span> <strong>{f.title ?? ""}</strong>
            </p>
            <p>{f.text}</p>
            <p className="hint">{to(f.to)}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** This seat's channels and their messages up to this moment, newest at the bottom. */
export function ChannelsPanel({
  view,
  scenario,
  seq,
  joins,
  startedAt,
}: {
  view: View;
  scenario: Scenario;
  seq: number;
  joins: Record<string, Join[]>;
  startedAt: number | null;
}) {
  return (
    <section className="card" aria-labelledby="rp-channels-title" data-testid="replay-channels">
      <h2 id="rp-channels-title">{T.channelsTitle}</h2>
      {view.channels.map((c) => (
        <Channel
          key={c.id}
          title={c.title}
          messages={c.messages ?? []}
          seq={seq}
          label={(from, at) => seatLabel(scenario, joins, from, at)}
          startedAt={startedAt}
        />
      ))}
    </section>
  );
}

function Channel({
  title,
  messages,
  seq,
  label,
  startedAt,
}: {
  title: string;
  messages: NonNullable<View["channels"][number]["messages"]>;
  seq: number;
  /** Who sent it, as of its seq. */
  label: (from: string, seq: number) => string;
  startedAt: number | null;
}) {
  const box = useRef<HTMLElement>(null);
  const last = messages[messages.length - 1]?.seq ?? 0;
  // Keep the newest message in sight as the replay moves.
  useEffect(() => {
    const el = box.current;
    if (el && last >= 0) el.scrollTop = el.scrollHeight;
  }, [last]);
  return (
    <section className="rp-channel">
      <h3>
        {title} <span className="hint">({messages.length})</span>
      </h3>
      {messages.length === 0 ? (
        <p className="hint">{T.noMessages}</p>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
        <section className="rp-messages" ref={box} tabIndex={0} aria-label={T.messagesOf(title)}>
          <ol>
            {messages.map((m, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a channel only grows, so (seq, place) is stable
              <li key={`${m.seq}-${i}`} className={m.seq === seq ? "rp-fresh" : ""}>
                <span className="rp-from">{label(m.from, m.seq)}</span>{" "}
                <span className="hint">{t.replay.replay.clock(m.at, startedAt)}</span>
                <br />
                {m.text}
              </li>
            ))}
          </ol>
        </section>
      )}
    </section>
  );
}
