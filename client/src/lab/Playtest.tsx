import { useId, useState } from "react";
import { type BotStrategy, botStrategies } from "../../../shared/bots/strategy";
import { t } from "../texts";
import type { LabCheck } from "./check";
import { PlaytestResults } from "./PlaytestResults";
import type { PlaytestAsk } from "./runPlaytest";
import { usePlaytest } from "./usePlaytest";

const T = t.lab.playtest;
export const DEFAULT_GAMES = 500;
const MAX_GAMES = 5000;

/**
 * "Run N bot games": a playtest of the draft as it stands (in a worker), with the number of games,
 * the seed and each side's strategy chosen here, its progress, then its distribution.
 */
export function Playtest({ text, check }: { text: string; check: LabCheck | null }) {
  const id = useId();
  const [games, setGames] = useState(DEFAULT_GAMES);
  const [seed, setSeed] = useState("lab");
  const [chosen, setChosen] = useState<Record<string, BotStrategy>>({});
  const { state, run, stop } = usePlaytest();
  const sides = check?.sides ?? [];
  const playable = check?.ok === true && sides.length === 2;
  const strategyOf = (side: string): BotStrategy => chosen[side] ?? "linear";
  const valid = Number.isInteger(games) && games >= 1 && games <= MAX_GAMES;

  const start = () => {
    const ask: PlaytestAsk = {
      games,
      seed,
      strategies: Object.fromEntries(sides.map((s) => [s.id, strategyOf(s.id)])),
    };
    run(text, ask);
  };

  return (
    <section className="card lab-playtest" aria-labelledby={`${id}-title`} data-testid="lab-playtest">
      <h2 id={`${id}-title`}>{T.title}</h2>
      <p className="hint">{T.intro}</p>
      <div className="lab-playtest-form">
        <label>
          {T.games}
          <input
            type="number"
            min={1}
            max={MAX_GAMES}
            step={1}
            value={Number.isNaN(games) ? "" : games}
            onChange={(e) => setGames(e.currentTarget.valueAsNumber)}
            data-testid="lab-games"
          />
        </label>
        <label>
          {T.seed}
          <input value={seed} maxLength={100} onChange={(e) => setSeed(e.currentTarget.value)} data-testid="lab-seed" />
        </label>
        {sides.map((s) => (
          <label key={s.id}>
            {T.strategyFor(s.name)}
            <select
              value={strategyOf(s.id)}
              onChange={(e) => setChosen({ ...chosen, [s.id]: e.currentTarget.value as BotStrategy })}
              data-testid={`lab-strategy-${s.id}`}
            >
              {botStrategies.map((k) => (
                <option key={k} value={k}>
                  {T.strategies[k] ?? k}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <div className="lab-actions">
        <button
          type="button"
          onClick={start}
          disabled={!playable || !valid || state.kind === "running"}
          data-testid="lab-run"
        >
          {T.run(valid ? games : DEFAULT_GAMES)}
        </button>
        {state.kind === "running" && (
          <button type="button" className="secondary" onClick={stop} data-testid="lab-stop">
            {T.cancel}
          </button>
        )}
      </div>
      {!playable && <p className="hint">{T.needValid}</p>}
      {state.kind === "running" && (
        <p aria-live="polite" data-testid="lab-progress">
          <progress value={state.done} max={state.total} /> {T.progress(state.done, state.total)}
        </p>
      )}
      {state.kind === "stopped" && <p className="hint">{T.stopped}</p>}
      {state.kind === "failed" && <p className="error">{T.failed(state.message)}</p>}
      {state.kind === "done" && <PlaytestResults run={state.run} ask={state.ask} />}
    </section>
  );
}
