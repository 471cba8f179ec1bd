import { useEffect, useState } from "react";
import type { View } from "../../../shared/index";
import { t } from "../texts";

export function formatClock(ms: number): string {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
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
  const status = view.outcome ? t.phase.over : !p.started ? t.phase.notStarted : p.paused ? t.phase.paused : null;
  return (
    <section className={large ? "clock clock-large" : "clock"} aria-label={t.phase.remaining} data-testid="phase-clock">
      <div className="clock-phase">{p.title}</div>
      <div className="clock-time" role="timer" aria-label={`${t.phase.remaining}: ${formatClock(left)}`}>
        {view.outcome ? "—" : formatClock(left)}
      </div>
      {status && <div className="clock-status">{status}</div>}
    </section>
  );
}
