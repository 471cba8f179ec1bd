import type { ClassSummary } from "../../../shared/contract/index";
import type { PublicScenario } from "../../../shared/index";
import { useTabTitle } from "../common/TableTitle";
import { Link } from "../core/router";
import { t } from "../texts";
import { seatHandouts } from "./classLinks";
import { ErrorText } from "./ErrorText";
import { QrCode } from "./QrCode";
import { useScenario } from "./scenarios";
import { useClass } from "./useClass";
import { useStudentOrigin } from "./useStudentOrigin";
import "./facilitator.css";
import "./classes.css";

const T = t.classes.cards;

/**
 * `/facilitator/classes/:classId/cards` (`?table=<gameId>` for one table): cut-apart cards, one a
 * seat: the table's label, the seat and its side, the roster's student, a QR code of the join link
 * and the code to type. The role packets stay the Sheets, labelled with the table.
 */
export function ClassCards({ classId }: { classId: string }) {
  const only = new URLSearchParams(window.location.search).get("table");
  const { klass, error } = useClass(classId);
  const scenario = useScenario(klass?.scenarioId, klass?.scenarioVersion);
  const what = klass ? (klass.tables.find((x) => x.gameId === only)?.label ?? klass.title) : "";
  useTabTitle(what ? t.classes.tab(what, t.classes.pages.cards) : null);
  return (
    <main className="page fac class-cards-page" id="main">
      <div className="no-print">
        <nav className="fac-crumbs" aria-label={t.facilitator.nav.label}>
          <Link to="/facilitator">{t.facilitator.nav.dashboard}</Link>
          <span aria-hidden="true"> › </span>
          <Link to={`/facilitator/classes/${encodeURIComponent(classId)}`}>{T.back}</Link>
        </nav>
        <div className="fac-heading">
          <h1>{T.title(what)}</h1>
          <button type="button" onClick={() => window.print()} disabled={!klass}>
            {T.print}
          </button>
        </div>
        <p className="hint">{T.hint}</p>
        <ErrorText message={error} />
        {!klass && !error && <p>{t.common.loading}</p>}
      </div>
      {klass && scenario && <Cards klass={klass} scenario={scenario} only={only} />}
    </main>
  );
}

function Cards({ klass, scenario, only }: { klass: ClassSummary; scenario: PublicScenario; only: string | null }) {
  const students = useStudentOrigin(only ?? klass.tables[0]?.gameId ?? "");
  const rows = seatHandouts(klass, scenario, students.origin, only);
  return (
    <ul className="class-cards" data-testid="class-cards-list">
      {rows.map((r) => (
        <li key={`${r.gameId}-${r.seatId}`} className="class-card" data-testid="class-card">
          <p className="class-card-table" data-testid="class-card-table">
            {r.table}
          </p>
          <p className="class-card-seat">
            <strong>{r.role}</strong>
            {r.side && <span className="hint"> · {r.side}</span>}
          </p>
          {r.name && (
            <p className="class-card-name" data-testid="class-card-name">
              {T.name} {r.name}
            </p>
          )}
          {r.link && r.code ? (
            <div className="class-card-join">
              <QrCode text={r.link} alt={T.qrAlt(r.table, r.role)} size={120} />
              <div>
                <p className="hint">{T.code}</p>
                <p className="fac-mono class-card-origin">
                  {/* Wraps before "/join" when the address is too wide, not in the middle of "join". */}
                  {new URL(r.link).host}
                  <wbr />
                  /join
                </p>
                <p className="fac-mono class-card-code" data-testid="class-card-code">
                  {r.code}
                </p>
              </div>
            </div>
          ) : (
            <p className="hint">{T.noCode}</p>
          )}
        </li>
      ))}
    </ul>
  );
}
