import { useEffect, useState } from "react";
import type { View } from "../../../shared/index";
import { t } from "../texts";

export function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** A moment as the room's clock shows it (hours and minutes), for "the game ends at …". */
export function formatTimeOfDay(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
}

/** The phase and its clock, counting down from the server's deadline (the server decides when it ends). */
export function PhaseClock({ view, large = false }: { view: View; large?: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  const p = view.phase;
  const left = p.endsAt !== null ? p.endsAt - now : p.remainingMs;
  // A last call (rules version 3) is every seat's to see: its clock is the time left to sign.
  const lastCall = p.lastCall && !view.outcome;
  const remaining = lastCall ? t.phase.lastCallRemaining : t.phase.remaining;
  const status = view.outcome ? t.phase.over : !p.started ? t.phase.notStarted : p.paused ? t.phase.paused : null;
  return (
    <section
      className={`${large ? "clock clock-large" : "clock"}${lastCall ? " clock-last-call" : ""}`}
      aria-label={remaining}
      data-testid="phase-clock"
    >
      <div className="clock-phase">{p.title}</div>
      {lastCall && (
        <div className="clock-last-call-banner" role="status" data-testid="last-call-banner">
          {p.endsAt !== null ? t.phase.lastCallEnds(formatTimeOfDay(p.endsAt)) : t.phase.lastCall}
        </div>
      )}
      <div className="clock-time" role="timer" aria-label={`${remaining}: ${formatClock(left)}`}>
        {view.outcome ? "—" : formatClock(left)}
      </div>
      {status && <div className="clock-status">{status}</div>}
    </section>
  );
}
