import type { ClassSummary, GameSummary } from "../../../shared/contract/index";
import type { Analysis, Scenario } from "../../../shared/index";
import type { CohortFigures } from "./figures";

/** What the cohort page loads once: the scenario's games, its analysis, each finished game's figures. */
export type Loaded = {
  games: GameSummary[];
  scenario: Scenario | null;
  analysis: Analysis | null;
  analysisError: string | null;
  /** Each finished game's figures from its own record (by game id); missing where its record did not load. */
  figures: Record<string, CohortFigures>;
  /** The facilitator's classes, for the filter's names (empty if they did not load: ids are shown). */
  classes: ClassSummary[];
};

/** A game's name on the chart and in the tables: a class's table by its label ("Table A"), else its title. */
export const nameOf = (g: GameSummary) => g.label ?? g.title;
