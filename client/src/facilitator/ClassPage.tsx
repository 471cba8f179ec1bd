import type { ClassSummary } from "../../../shared/contract/index";
import type { PublicScenario } from "../../../shared/index";
import { useTabTitle } from "../common/TableTitle";
import { loadCodes } from "../core/gameCodes";
import { Link } from "../core/router";
import { seatPath } from "../core/seatPaths";
import { storage } from "../core/storage";
import { save } from "../replay/ExportLinks";
import { t } from "../texts";
import { linksCsv, seatHandouts } from "./classLinks";
import { ErrorText } from "./ErrorText";
import { useScenario } from "./scenarios";
import { TableWrap } from "./TableWrap";
import { useClass } from "./useClass";
import { useStudentOrigin } from "./useStudentOrigin";
import "./facilitator.css";
import "./classes.css";

const T = t.classes.page;
const REFRESH_MS = 5000;

/**
 * `/facilitator/classes/:classId`: a class's tables, each with its set-up, console, projector,
 * role sheets and cards one click away, who has joined, and the handouts for the whole class.
 */
export function ClassPage({ classId }: { classId: string }) {
  const { klass, error } = useClass(classId, REFRESH_MS);
  const scenario = useScenario(klass?.scenarioId, klass?.scenarioVersion);
  useTabTitle(klass ? t.classes.tab(klass.title, T.title) : null);
  return (
    <main className="page fac" id="main">
      <nav className="fac-crumbs no-print" aria-label={t.facilitator.nav.label}>
        <Link to="/facilitator">{t.facilitator.nav.dashboard}</Link>
      </nav>
      <h1 data-testid="class-title">{klass?.title ?? T.title}</h1>
      {klass && scenario && <p className="hint">{T.subtitle(scenario.title, klass.tables.length)}</p>}
      <ErrorText message={error} />
      {!klass && !error && <p>{t.common.loading}</p>}
      {klass && (
        <p className="class-actions">
          <Link
            to={`/facilitator/classes/${encodeURIComponent(klass.classId)}/console`}
            className="button"
            testId="class-console-link"
          >
            {t.classConsole.link}
          </Link>{" "}
          <span className="hint">{t.classConsole.linkHint}</span>
        </p>
      )}
      {klass && (
        <p className="class-actions">
          {/* The cohort opened on this class alone and on its projected view (cohort/Cohort.tsx's query). */}
          <Link
            to={`/facilitator/cohort/${encodeURIComponent(klass.scenarioId)}?class=${encodeURIComponent(klass.classId)}&view=results`}
            className="button secondary"
            testId="class-results-link"
          >
            {T.results}
          </Link>{" "}
          <span className="hint">{T.resultsHint}</span>
        </p>
      )}
      {klass && <Tables klass={klass} />}
      {klass && scenario && <Handouts klass={klass} scenario={scenario} />}
    </main>
  );
}

function Tables({ klass }: { klass: ClassSummary }) {
  return (
    <TableWrap label={T.tablesCaption}>
      <table className="fac-table" data-testid="class-tables">
        <caption className="visually-hidden">{T.tablesCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{T.table}</th>
            <th scope="col">{T.status}</th>
            <th scope="col">{T.joined}</th>
            <th scope="col">{T.open}</th>
          </tr>
        </thead>
        <tbody>
          {klass.tables.map((table) => {
            const g = encodeURIComponent(table.gameId);
            const observer = loadCodes(table.gameId)?.observerCode;
            // The projector with this browser's observer token, else by joining with the code once.
            const projector =
              storage.seat(table.gameId, "observer") || !observer
                ? seatPath(table.gameId, "observer")
                : `/join/${g}#${encodeURIComponent(observer)}`;
            return (
              <tr key={table.gameId} data-testid={`class-table-${table.gameId}`}>
                <th scope="row" data-testid="class-table-label">
                  {table.label}
                </th>
                <td>{T[table.status]}</td>
                <td>{T.joinedOf(table.seats.filter((s) => s.joined).length, table.seats.length)}</td>
                <td className="class-links">
                  <Link to={`/facilitator/games/${g}`}>{T.setup}</Link>
                  <Link to={seatPath(table.gameId, "facilitator")} testId="class-console">
                    {T.console}
                  </Link>
                  <Link to={projector} testId="class-projector">
                    {T.projector}
                  </Link>
                  <Link to={`/facilitator/games/${g}/sheets`} testId="class-sheets">
                    {T.sheets}
                  </Link>
                  <Link to={`/facilitator/classes/${encodeURIComponent(klass.classId)}/cards?table=${g}`}>
                    {T.cards}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

function Handouts({ klass, scenario }: { klass: ClassSummary; scenario: PublicScenario }) {
  // The students' address (PUBLIC_URL or a LAN address), asked with the first table's token.
  const students = useStudentOrigin(klass.tables[0]?.gameId ?? "");
  const rows = seatHandouts(klass, scenario, students.origin);
  const missing = rows.some((r) => !r.code);
  return (
    <section className="card" aria-labelledby="class-handouts-title">
      <h2 id="class-handouts-title">{T.handoutsTitle}</h2>
      <p className="hint">{T.handoutsHint}</p>
      {missing && (
        <div className="fac-notice" role="note">
          <p>{T.missingCodes}</p>
        </div>
      )}
      <p className="class-actions">
        <Link
          to={`/facilitator/classes/${encodeURIComponent(klass.classId)}/cards`}
          className="button"
          testId="class-cards"
        >
          {T.allCards}
        </Link>
        <button
          type="button"
          className="secondary"
          data-testid="class-csv"
          onClick={() =>
            save(new Blob([linksCsv(rows)], { type: "text/csv;charset=utf-8" }), t.classes.csv.file(klass.title))
          }
        >
          {T.csv}
        </button>
      </p>
    </section>
  );
}
