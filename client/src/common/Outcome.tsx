import type { View } from "../../../shared/index";
import { Link } from "../core/router";
import { withSeat } from "../core/seatPaths";
import { endingSentence } from "./ending";

/** The end of a game: agreement or not, the terms, both sides' scores (every seat sees them). */
export function Outcome({ view }: { view: View }) {
  const o = view.outcome;
  const scenario = view.scenario;
  if (!o || !scenario) return null;
  const sideName = (id: string) => scenario.sides.find((s) => s.id === id)?.name ?? id;
  const label = (issueId: string, optionId: string) =>
    scenario.issues.find((i) => i.id === issueId)?.options.find((x) => x.id === optionId)?.label ?? optionId;
  return (
    <section className="outcome" aria-labelledby="outcome-title" data-testid="outcome">
      <h2 id="outcome-title">{o.agreement ? "Agreement signed" : "No agreement"}</h2>
      <p data-testid="outcome-ending">{endingSentence(o, view.phase.lastCall, sideName)}</p>
      <table>
        <caption>Scores</caption>
        <thead>
          <tr>
            <th scope="col">Side</th>
            <th scope="col">Score</th>
          </tr>
        </thead>
        <tbody>
          {scenario.sides.map((s) => (
            <tr key={s.id}>
              <th scope="row">{s.name}</th>
              <td data-testid={`score-${s.id}`}>{String(o.scores[s.id])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {(view.revealed || view.seat.id === "facilitator") && "gameId" in view && (
        <p className="no-print">
          <Link to={withSeat(`/debrief/${String(view.gameId)}`, view.seat.id)} testId="debrief-link">
            Open the debrief
          </Link>
          {" · "}
          <Link to={withSeat(`/replay/${String(view.gameId)}`, view.seat.id)} testId="replay-link">
            Replay the game
          </Link>
        </p>
      )}
      <h3>Final terms</h3>
      <ul>
        {scenario.issues.map((i) => (
          <li key={i.id}>
            <strong>{i.title}:</strong> {label(i.id, o.terms[i.id] ?? i.noDeal)}
          </li>
        ))}
      </ul>
    </section>
  );
}
