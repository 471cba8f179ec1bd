import { t } from "../texts";
import { type Loaded, nameOf } from "./loaded";

const T = t.replay.cohort;

/**
 * The class results for the projector: one screen, large type, each finished table's outcome,
 * both sides' scores and what it left on the table. Nothing the cohort's table does not already
 * show (no role's objectives, no draft of a running table).
 */
export function ClassResults({ data }: { data: Loaded }) {
  const sides = data.scenario?.sides ?? [];
  // In the labels' order ("Table A" before "Table B", "Table 10" after "Table 9"), as the room sits.
  const finished = data.games
    .filter((g) => g.outcome !== null)
    .sort((x, y) => nameOf(x).localeCompare(nameOf(y), undefined, { numeric: true }));
  const agreed = finished.filter((g) => g.outcome!.agreement).length;
  return (
    <section className="cohort-results" aria-labelledby="co-results-title" data-testid="cohort-results">
      <h2 id="co-results-title">{T.resultsTitle(data.scenario?.title ?? "")}</h2>
      <p className="cohort-results-counts">{T.resultsCounts(finished.length, agreed)}</p>
      {finished.length === 0 ? (
        <p>{T.noFinished}</p>
      ) : (
        <ul className="cohort-results-list">
          {finished.map((g) => {
            const o = g.outcome!;
            const left = data.figures[g.gameId]?.pointsLeftOnTable ?? null;
            return (
              <li key={g.gameId} className={o.agreement ? "deb-good" : ""} data-testid={`cohort-result-${g.gameId}`}>
                <strong className="cohort-results-name">{nameOf(g)}</strong>
                <span>{o.agreement ? T.resultsAgreement : T.resultsNoDeal}</span>
                <span>{sides.map((s) => `${s.name} ${o.scores.sides[s.id] ?? "—"}`).join(" · ")}</span>
                <span className="cohort-results-left">{T.resultsLeft(left)}</span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
