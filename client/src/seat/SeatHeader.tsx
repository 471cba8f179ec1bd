import { ConnectionBadge } from "../common/ConnectionBadge";
import { PhaseClock } from "../common/PhaseClock";
import type { Connection } from "../core/useGame";
import { t } from "../texts";
import { listOf, type Model } from "./model";

type Props = {
  m: Model;
  connection: Connection;
  briefOpen: boolean;
  onToggleBrief: () => void;
  latest: string;
};

/** Who you are, where the game stands, what you may do now, and the latest news (announced). */
export function SeatHeader({ m, connection, briefOpen, onToggleBrief, latest }: Props) {
  const { view, scenario, role, side } = m;
  const names = m.seatNames(role.id);
  return (
    <header className="seat-header">
      <div className="seat-header-top">
        <div className="seat-who">
          <p className="seat-game">
            {t.app.name} · {scenario.title}
          </p>
          <h1>
            <span className="seat-you">{t.seat.header.youAre}</span> {role.title}
            <span className={`side-pill side-${m.sideIndex(side.id)}`}>{side.name}</span>
          </h1>
          {names.length > 0 && <p className="hint">{t.seat.header.playedBy(listOf(names))}</p>}
        </div>
        <div className="seat-header-tools">
          <ConnectionBadge connection={connection} />
          <button
            type="button"
            className="secondary"
            aria-expanded={briefOpen}
            aria-controls="seat-brief"
            onClick={onToggleBrief}
            data-testid="brief-toggle"
          >
            {briefOpen ? t.seat.header.hideBrief : t.seat.header.showBrief}
          </button>
        </div>
        <PhaseClock view={view} />
      </div>
      <nav aria-label={t.seat.header.phases}>
        <ol className="phase-steps">
          {scenario.phases.map((p, i) => {
            const state = view.outcome || i < view.phase.index ? "done" : i === view.phase.index ? "now" : "later";
            return (
              <li
                key={p.id}
                className={`phase-step phase-${state}`}
                aria-current={state === "now" ? "step" : undefined}
              >
                <span aria-hidden="true">{state === "done" ? "✓ " : state === "now" ? "▶ " : ""}</span>
                <span className="phase-step-title">{p.title}</span>
                <span className="visually-hidden">{t.seat.header.phaseState[state]}</span>
                <span className="phase-step-min"> · {t.common.minutes(p.minutes)}</span>
              </li>
            );
          })}
        </ol>
      </nav>
      <div className="seat-now">
        <p>
          <strong>{t.seat.header.now}</strong> {guidance(m)}
        </p>
        <p hidden={view.outcome !== null}>
          <strong>{t.seat.header.agenda}</strong>{" "}
          {m.agenda.length === 0 ? t.seat.header.agendaEmpty : listOf(m.agenda.map((id) => m.issueTitle(id)))}
        </p>
      </div>
      <p className="seat-latest" role="status" aria-live="polite" data-testid="announcer">
        {latest && (
          <>
            <strong>{t.seat.header.latest}</strong> {latest}
          </>
        )}
      </p>
    </header>
  );
}

/** What this seat may do in the current phase, in one or two sentences. */
export function guidance(m: Model): string {
  const g = t.seat.guide;
  const { view, phase } = m;
  if (view.outcome) return g.over;
  if (!view.phase.started) return g.notStarted;
  if (view.phase.paused) return g.paused;
  // A last call (rules version 3) closes everything but the leaders' signatures, whatever the phase.
  if (view.phase.lastCall) {
    const leader = m.scenario.roles.find((r) => r.id === m.side.leader)?.title ?? "";
    return m.isLeader ? g.lastCallYou : g.lastCallLeader(leader);
  }
  const moves = phase.moves as string[];
  const parts: string[] = [];
  if (moves.includes("propose")) {
    const others = m.actingOnMySide.filter((r) => r.id !== m.role.id).map((r) => r.title);
    if (m.acting) parts.push(g.youNegotiate(m.otherSide.name));
    else if (others.length > 0) parts.push(g.othersNegotiate(listOf(others)));
    else parts.push(g.nobodyNegotiates);
  } else if (!moves.includes("sign")) {
    const next = m.scenario.phases.slice(view.phase.index + 1).find((p) => (p.moves as string[]).includes("propose"));
    parts.push(next ? g.teamOnly(next.title) : g.talkOnly);
  }
  if (moves.includes("sign")) {
    const leader = m.scenario.roles.find((r) => r.id === m.side.leader)?.title ?? "";
    parts.push(m.isLeader ? g.youSign : g.leaderSigns(leader));
  }
  return parts.join(" ");
}
