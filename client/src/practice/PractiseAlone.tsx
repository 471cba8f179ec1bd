import { useEffect, useId, useState } from "react";
import { type PracticeOptions, practiceCreated, practiceOptions } from "../../../shared/contract/index";
import { ApiFailure, api } from "../core/api";
import { useRouter } from "../core/router";
import { seatPath } from "../core/seatPaths";
import { storage } from "../core/storage";
import { bots } from "../texts/bots";
import "./practice.css";

const T = bots.practice;

/**
 * "Practise alone" on the home page: a side and the other side's strategy, then POST /api/practice
 * makes a game where the student leads that side against bots; the seat's token is kept as a
 * join's is, and the student lands on the seat's page. The server runs the clock.
 */
export function PractiseAlone() {
  const { navigate } = useRouter();
  const [options, setOptions] = useState<PracticeOptions | null>(null);
  const [side, setSide] = useState<string | null>(null);
  const [strategy, setStrategy] = useState<string | null>(null);
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    api("/api/practice", practiceOptions).then(setOptions, () => setError(T.unavailable));
  }, []);

  if (!options) {
    return (
      <section aria-labelledby={`${id}-title`} className="card" data-testid="practice">
        <h2 id={`${id}-title`}>{T.title}</h2>
        {error && <p className="error">{error}</p>}
      </section>
    );
  }
  const chosenSide = side ?? options.sides[0]!.id;
  const chosenStrategy = strategy ?? options.defaultStrategy;
  const minutes = Math.max(1, Math.round(options.phaseMinutes.reduce((a, p) => a + p.minutes, 0)));

  async function start(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const body = { side: chosenSide, strategy: chosenStrategy, ...(name.trim() ? { name: name.trim() } : {}) };
      const made = await api("/api/practice", practiceCreated, { method: "POST", body });
      storage.setSeat(made.gameId, {
        token: made.token,
        seat: made.seat,
        ...(name.trim() ? { name: name.trim() } : {}),
      });
      navigate(seatPath(made.gameId, made.seat));
    } catch (err) {
      setError(err instanceof ApiFailure ? err.error.message : (err as Error).message);
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="card" data-testid="practice">
      <h2 id={`${id}-title`}>{T.title}</h2>
      <p>{T.hint(options.title, minutes)}</p>
      <form onSubmit={start}>
        <fieldset className="practice-sides">
          <legend>{T.side}</legend>
          {options.sides.map((s) => (
            <label key={s.id}>
              <input
                type="radio"
                name={`${id}-side`}
                value={s.id}
                checked={chosenSide === s.id}
                onChange={() => setSide(s.id)}
                data-testid={`practice-side-${s.id}`}
              />{" "}
              {s.name}
            </label>
          ))}
        </fieldset>
        <label htmlFor={`${id}-strategy`}>{T.strategy}</label>
        <select
          id={`${id}-strategy`}
          value={chosenStrategy}
          onChange={(e) => setStrategy(e.target.value)}
          data-testid="practice-strategy"
        >
          {options.strategies.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
              {T.strategyHints[s.id] ? `: ${T.strategyHints[s.id]}` : ""}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-name`}>{T.name}</label>
        <input id={`${id}-name`} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        <button type="submit" disabled={busy} data-testid="practice-start">
          {busy ? T.starting : T.start}
        </button>
        {error && (
          <p role="alert" className="error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
