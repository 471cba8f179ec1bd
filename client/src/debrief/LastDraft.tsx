import { isSettled } from "../../../shared/index";
import { optionLabel, optionPoints, sideName } from "../replay/labels";
import { t } from "../texts";
import { ending } from "./ending";
import type { Debrief as Model } from "./model";

const T = t.replay.debrief.lastDraft;

/**
 * A no-deal debrief's best lesson (issue #11): the last unsigned draft, issue by issue, what it
 * would have been worth to each side against its walk-away, and why it was not signed. Shown only
 * when a game ended without agreement with a draft on the table.
 */
export function LastDraft({ model }: { model: Model }) {
  const d = model.lastDraft;
  if (!d) return null;
  const s = model.scenario;
  const e = model.effective;
  const [idA, idB] = model.analysis.sides;
  const signed = d.sides.filter((x) => x.signed).map((x) => x.name);
  const unsigned = d.sides.filter((x) => !x.signed).map((x) => x.name);
  return (
    <section className="card deb-section" aria-labelledby="deb-last-draft-title" data-testid="debrief-last-draft">
      <h2 id="deb-last-draft-title">{T.title(d.version)}</h2>
      <p>{T.intro(d.beatsBoth)}</p>
      <div className="deb-table-wrap">
        <table className="deb-table" data-testid="debrief-last-draft-worth">
          <caption className="visually-hidden">{T.worthCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{T.side}</th>
              <th scope="col">{T.worth}</th>
              <th scope="col">{T.walkAway}</th>
              <th scope="col">{T.margin}</th>
              <th scope="col">{T.signed}</th>
            </tr>
          </thead>
          <tbody>
            {d.sides.map((x) => (
              <tr key={x.id} data-testid={`debrief-last-draft-${x.id}`}>
                <th scope="row">{x.name}</th>
                <td>{x.points}</td>
                <td>{x.reservation}</td>
                <td className={x.margin > 0 ? "deb-pos" : x.margin < 0 ? "deb-neg" : ""}>{T.marginText(x.margin)}</td>
                <td>{x.signed ? T.yes : T.no}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p data-testid="debrief-last-draft-why">
        {d.why === "tooFewIssues" ? T.tooFewIssues(d.settled, d.minimum) : T.notSigned(signed, unsigned)}{" "}
        {ending(model)}
      </p>
      <div className="deb-table-wrap">
        <table className="deb-table" data-testid="debrief-last-draft-terms">
          <caption className="visually-hidden">{T.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{T.issue}</th>
              <th scope="col">{T.option}</th>
              <th scope="col">{sideName(s, idA)}</th>
              <th scope="col">{sideName(s, idB)}</th>
            </tr>
          </thead>
          <tbody>
            {s.issues.map((i) => {
              const option = d.terms[i.id] ?? i.noDeal;
              return (
                <tr key={i.id}>
                  <th scope="row">{i.title}</th>
                  <td>
                    {optionLabel(s, i.id, option)}
                    {/* Named at its no-deal option or not named at all: not settled, as the signing rule counts. */}
                    {!isSettled(i, d.terms) && <span className="hint"> {T.noDealOption}</span>}
                  </td>
                  <td>{optionPoints(e, idA, i.id, option)}</td>
                  <td>{optionPoints(e, idB, i.id, option)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
