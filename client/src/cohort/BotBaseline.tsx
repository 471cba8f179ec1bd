import { useEffect } from "react";
import type { Scenario } from "../../../shared/index";
import type { ChartSeries } from "../debrief/ScoreSpaceChart";
import { distinctOutcomes } from "../lab/PlaytestResults";
import { usePlaytest } from "../lab/usePlaytest";
import { t } from "../texts";

const T = t.lab.baseline;
/** Small on purpose: a baseline beside a class, not a study (the lab runs the big ones). */
export const BASELINE_GAMES = 200;
const BOT_DEAL = "#5b6f8a";
const BOT_NO_DEAL = "#8a96a8";

/**
 * The cohort's bot baseline (issue #12, point 5): a toggle that plays BASELINE_GAMES games of bots
 * on the scenario the class played (in the lab's worker, seeded, linear bots in every seat) and
 * hands the chart their outcomes, so a class's tables can be read against what bots reach.
 */
export function BotBaseline({
  scenario,
  on,
  onToggle,
  onSeries,
}: {
  scenario: Scenario;
  on: boolean;
  onToggle: (on: boolean) => void;
  onSeries: (series: ChartSeries[]) => void;
}) {
  const { state, run, stop } = usePlaytest();

  // biome-ignore lint/correctness/useExhaustiveDependencies: a run per switch-on (the scenario is the page's)
  useEffect(() => {
    if (!on) {
      stop();
      onSeries([]);
      return;
    }
    const strategies = Object.fromEntries(scenario.sides.map((s) => [s.id, "linear" as const]));
    run(JSON.stringify(scenario), { games: BASELINE_GAMES, seed: "cohort-baseline", strategies });
  }, [on]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the series change only with a finished run
  useEffect(() => {
    if (state.kind !== "done") return;
    onSeries([
      {
        key: "bot-deals",
        name: T.dealMark,
        points: distinctOutcomes(state.run.outcomes, true),
        shape: "circle",
        color: BOT_DEAL,
      },
      {
        key: "bot-nodeals",
        name: T.noDealMark,
        points: distinctOutcomes(state.run.outcomes, false),
        shape: "wye",
        color: BOT_NO_DEAL,
      },
    ]);
  }, [state]);

  return (
    <div className="no-print" data-testid="cohort-baseline">
      <label className="fac-check">
        <input
          type="checkbox"
          checked={on}
          onChange={(e) => onToggle(e.currentTarget.checked)}
          data-testid="cohort-baseline-toggle"
        />{" "}
        {T.toggle(BASELINE_GAMES)}
      </label>
      {on && state.kind === "running" && (
        <p className="hint" aria-live="polite">
          <progress value={state.done} max={state.total} /> {t.lab.playtest.progress(state.done, state.total)}
        </p>
      )}
      {on && state.kind === "done" && (
        <p className="hint" data-testid="cohort-baseline-summary">
          {T.summary(
            state.run.report.agreementRate,
            state.run.sides.map((s) => [s.name, state.run.report.scores[s.id]?.median ?? 0] as [string, number]),
          )}
        </p>
      )}
      {on && state.kind === "failed" && <p className="error">{t.lab.playtest.failed(state.message)}</p>}
    </div>
  );
}
