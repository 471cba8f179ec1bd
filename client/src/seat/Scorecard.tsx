import type { Terms } from "../../../shared/index";
import { t } from "../texts";
import type { Model } from "./model";
import { Delta } from "./Notes";
import { draftWorth, noDealWorth, reservationOf, type Worth, worthOf } from "./worth";

/**
 * The live private scorecard: what no deal, the current draft and the package being built are
 * worth to this side and this role. Only this side's numbers: the other side's are never here.
 */
export function Scorecard({ m, pkg }: { m: Model; pkg: Terms }) {
  const s = t.seat.score;
  const { view, side, role } = m;
  const reservation = reservationOf(view);
  const noDeal = noDealWorth(view);
  const draft = draftWorth(view);
  const built = Object.keys(pkg).length > 0 ? worthOf(view, pkg) : null;
  const columns: { key: string; title: string; worth: Worth }[] = [
    { key: "nodeal", title: s.noDeal, worth: noDeal },
    { key: "draft", title: s.draft(view.draft.version), worth: draft },
    ...(built ? [{ key: "built", title: s.built, worth: built }] : []),
  ];
  const objectives = draft.objectives;
  return (
    <section className="panel" aria-labelledby="score-title" data-testid="scorecard">
      <div className="panel-head">
        <h2 id="score-title">{s.title}</h2>
        <p className="panel-meta private-tag">{s.private(side.name)}</p>
      </div>
      <p className="score-verdict" data-testid="score-verdict">
        {s.verdict(side.name, draft.side)} <Delta value={draft.side - reservation} against={s.vsNoDeal} />
      </p>
      <table className="score-table">
        <caption className="visually-hidden">{s.caption}</caption>
        <thead>
          <tr>
            <td />
            {columns.map((c) => (
              <th key={c.key} scope="col" className={`col-${c.key}`}>
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{s.sidePoints(side.name)}</th>
            {columns.map((c) => (
              <td key={c.key} className={`num col-${c.key}`} data-testid={`score-side-${c.key}`}>
                {c.worth.side}
                {c.key !== "nodeal" && (
                  <span className="cell-note">
                    {c.worth.side > reservation ? s.beats : c.worth.side < reservation ? s.below : s.equal}
                  </span>
                )}
              </td>
            ))}
          </tr>
          {objectives.map((o, i) => (
            <tr key={o.id} className="objective-row">
              <th scope="row">
                <span className="obj-desc">{o.description}</span>{" "}
                <span className="obj-pts">{s.objectivePoints(o.points)}</span>
              </th>
              {columns.map((c) => {
                const held = c.worth.objectives[i]?.holds ?? false;
                return (
                  <td key={c.key} className={held ? `col-${c.key} held` : `col-${c.key} not-held`}>
                    <span aria-hidden="true">{held ? "✓ " : "✗ "}</span>
                    {held ? s.holds : s.notHeld}
                  </td>
                );
              })}
            </tr>
          ))}
          <tr className="total-row">
            <th scope="row">{s.rolePoints(role.title)}</th>
            {columns.map((c) => (
              <td key={c.key} className={`num col-${c.key}`} data-testid={`score-role-${c.key}`}>
                {c.worth.role}
              </td>
            ))}
          </tr>
        </tbody>
      </table>
      <p className="hint">{s.explain(side.name, reservation)}</p>
      <Signatures m={m} />
    </section>
  );
}

/** Which sides have signed the current draft (everyone sees this). */
export function Signatures({ m }: { m: Model }) {
  const s = t.seat.score;
  const signed = m.view.draft.signedBy;
  return (
    <ul className="signatures" aria-label={s.signatures} data-testid="signatures">
      {m.scenario.sides.map((x) => {
        const did = signed.includes(x.id);
        return (
          <li key={x.id} className={did ? "signed" : "unsigned"}>
            <span aria-hidden="true">{did ? "✓ " : "○ "}</span>
            {did ? s.signed(x.name, m.view.draft.version) : s.notSigned(x.name)}
          </li>
        );
      })}
    </ul>
  );
}
