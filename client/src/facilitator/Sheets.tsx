import { Markdown } from "../common/Markdown";
import { useTableTitle } from "../common/TableTitle";
import { joinLink, loadCodes } from "../core/gameCodes";
import type { ClientView } from "../core/mergeView";
import { Link } from "../core/router";
import { useGame } from "../core/useGame";
import { t } from "../texts";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";
import { QrCode } from "./QrCode";
import { useFacilitatorToken } from "./useFacilitatorToken";
import { useStudentOrigin } from "./useStudentOrigin";
import "./facilitator.css";

const T = t.facilitator.sheets;

/** Printable role sheets: each seat's briefs, objectives and join link on a page of its own. */
export function Sheets({ gameId }: { gameId: string }) {
  const access = useFacilitatorToken(gameId);
  const game = useGame(access.token);
  const students = useStudentOrigin(gameId);
  const view = game.view;
  const table = useTableTitle(gameId, access.token, t.classes.pages.sheets);
  return (
    <main className="page fac fac-sheets" id="main">
      <div className="no-print">
        <nav className="fac-crumbs" aria-label={t.facilitator.nav.label}>
          <Link to="/facilitator">{t.facilitator.nav.dashboard}</Link>
          <span aria-hidden="true"> › </span>
          <Link to={`/facilitator/games/${gameId}`}>{t.facilitator.nav.setup}</Link>
        </nav>
        <div className="fac-heading">
          <h1>{T.title}</h1>
          <button type="button" onClick={() => window.print()} disabled={!view}>
            {t.common.print}
          </button>
        </div>
        <p className="hint">{T.hint}</p>
        <ErrorText message={access.error ? describeError(access.error) : null} />
        {!access.error && !view && <p>{game.connection === "refused" ? T.refused : t.common.loading}</p>}
      </div>
      {view && <SheetList gameId={gameId} view={view} origin={students.origin} label={table?.label ?? null} />}
    </main>
  );
}

function SheetList({
  gameId,
  view,
  origin,
  label,
}: {
  gameId: string;
  view: ClientView;
  origin: string;
  label: string | null;
}) {
  const scenario = view.scenario;
  const secrets = view.secrets;
  if (!scenario || !secrets) return <p>{t.common.loading}</p>;
  const codes = loadCodes(gameId);
  const issueTitle = (id: string) => scenario.issues.find((i) => i.id === id)?.title ?? id;
  return (
    <>
      {view.seats.map((seat) => {
        const role = scenario.roles.find((r) => r.id === seat.id);
        const side = scenario.sides.find((s) => s.id === seat.side);
        const sidePrivate = secrets.sides.find((s) => s.id === seat.side);
        const rolePrivate = secrets.roles.find((r) => r.id === seat.id);
        const code = codes?.joinCodes[seat.id];
        const link = code ? joinLink(gameId, code, origin) : null;
        const leader = side?.leader === seat.id;
        return (
          <article
            key={seat.id}
            className="sheet card"
            aria-labelledby={`sheet-${seat.id}`}
            data-testid={`sheet-${seat.id}`}
          >
            <header className="sheet-head">
              <div>
                <p className="sheet-kicker">
                  {/* A class's table: its label on every page, so packets of three tables never mix. */}
                  {T.kicker(label ? `${label} · ${scenario.title}` : scenario.title, side?.name ?? seat.side)}
                </p>
                <h2 id={`sheet-${seat.id}`}>{seat.title}</h2>
                <p>
                  <strong>{T.side}</strong> {side?.name ?? seat.side}
                  {leader && <span> · {T.leader}</span>}
                </p>
                <p>
                  <strong>{T.portfolio}</strong>{" "}
                  {role?.portfolio.length ? role.portfolio.map(issueTitle).join(", ") : T.noPortfolio}
                </p>
              </div>
              <div className="sheet-join">
                {link ? (
                  <>
                    <QrCode text={link} alt={T.qrAlt(seat.title)} size={132} />
                    <p className="sheet-link fac-mono">{link}</p>
                  </>
                ) : (
                  <p className="hint">{T.noCode}</p>
                )}
              </div>
            </header>
            <div className="sheet-part">
              <h3 id={`sheet-${seat.id}-side`}>{T.sideBrief(side?.name ?? seat.side)}</h3>
              <Markdown text={sidePrivate?.brief ?? ""} headingLevel={3} />
              {sidePrivate && (
                <p>
                  <strong>{T.reservation}</strong> {t.common.points(sidePrivate.reservation)}
                </p>
              )}
            </div>
            {sidePrivate && (
              <div className="sheet-part">
                <h3 id={`sheet-${seat.id}-points`}>{T.pointsTitle(side?.name ?? seat.side)}</h3>
                <table className="sheet-points">
                  <caption className="visually-hidden">{T.pointsCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{T.issue}</th>
                      <th scope="col">{T.options}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {scenario.issues.map((issue) => (
                      <tr key={issue.id}>
                        <th scope="row">
                          {issue.title}
                          {role?.portfolio.includes(issue.id) && <div className="hint">{T.yours}</div>}
                        </th>
                        <td>
                          <ul className="sheet-options">
                            {issue.options.map((o, k) => (
                              <li key={o.id}>
                                {o.label}
                                {o.id === issue.noDeal && <span className="hint"> {T.noDeal}</span>}{" "}
                                <strong className="sheet-pts">
                                  {t.common.points(sidePrivate.points[issue.id]?.[k] ?? 0)}
                                </strong>
                              </li>
                            ))}
                          </ul>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <div className="sheet-part">
              <h3 id={`sheet-${seat.id}-role`}>{T.roleBrief}</h3>
              <Markdown text={rolePrivate?.brief ?? ""} headingLevel={3} />
            </div>
            <div className="sheet-part">
              <h3 id={`sheet-${seat.id}-obj`}>{T.objectives}</h3>
              {rolePrivate?.objectives?.length ? (
                <ul>
                  {rolePrivate.objectives.map((o) => (
                    <li key={o.id}>
                      {o.description} <strong>({T.objectivePoints(o.points)})</strong>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{T.noObjectives}</p>
              )}
            </div>
          </article>
        );
      })}
    </>
  );
}
