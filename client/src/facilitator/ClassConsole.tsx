import { useCallback, useId, useRef, useState } from "react";
import type { ClassSummary } from "../../../shared/contract/index";
import { useTabTitle } from "../common/TableTitle";
import { Link } from "../core/router";
import { t } from "../texts";
import { ClassActions } from "./ClassActions";
import { ClassTableRow, type TableLink } from "./ClassTableRow";
import { ErrorText } from "./ErrorText";
import { TableWrap } from "./TableWrap";
import { useClass } from "./useClass";
import "./facilitator.css";
import "./classConsole.css";

const T = t.classConsole;
const DEFAULT_IDLE_MINUTES = 5;

/**
 * `/facilitator/classes/:classId/console`: every table of a class at a glance (one live socket per
 * table, with that table's facilitator token) and one action for all or chosen tables. Each action
 * goes to every chosen table at the same moment through its own socket, and each table's answer is
 * shown, so a refusal at one table is never hidden by the others' success.
 */
export function ClassConsole({ classId }: { classId: string }) {
  const { klass, error } = useClass(classId);
  useTabTitle(klass ? t.classes.tab(klass.title, T.pageName) : null);
  return (
    <main className="page fac cc" id="main" data-testid="class-console">
      <nav className="fac-crumbs" aria-label={t.facilitator.nav.label}>
        <Link to="/facilitator">{t.facilitator.nav.dashboard}</Link>
        {" · "}
        <Link to={`/facilitator/classes/${encodeURIComponent(classId)}`}>{T.back}</Link>
      </nav>
      <p className="con-kicker">{T.kicker}</p>
      <h1>{klass ? `${klass.title} · ${T.title}` : T.title}</h1>
      <ErrorText message={error} />
      {!klass && !error && <p>{t.common.loading}</p>}
      {klass && <Tables klass={klass} />}
    </main>
  );
}

function Tables({ klass }: { klass: ClassSummary }) {
  const links = useRef(new Map<string, TableLink>());
  const [, setVersion] = useState(0);
  const onLink = useCallback((gameId: string, link: TableLink | null) => {
    const before = links.current.get(gameId);
    if (link) links.current.set(gameId, link);
    else links.current.delete(gameId);
    // Re-render the actions only when what they show changes (the deck arrives with the first view).
    if (!before !== !link || !before?.view !== !link?.view) setVersion((v) => v + 1);
  }, []);
  // Every table is chosen by default: "all" is the usual action.
  const [unchosen, setUnchosen] = useState<Set<string>>(new Set());
  const [idle, setIdle] = useState(String(DEFAULT_IDLE_MINUTES));
  const idleMinutes = Number(idle) > 0 ? Number(idle) : DEFAULT_IDLE_MINUTES;
  const idleId = useId();
  const chosen = klass.tables.filter((tb) => !unchosen.has(tb.gameId));
  const all = chosen.length === klass.tables.length;
  const choose = (gameId: string, on: boolean) =>
    setUnchosen((s) => {
      const next = new Set(s);
      if (on) next.delete(gameId);
      else next.add(gameId);
      return next;
    });

  return (
    <>
      <section className="card" aria-labelledby="cc-tables-title">
        <h2 id="cc-tables-title" className="visually-hidden">
          {T.tablesCaption}
        </h2>
        <TableWrap label={T.tablesCaption}>
          <table className="fac-table cc-table" data-testid="cc-tables">
            <caption className="visually-hidden">{T.tablesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <input
                    type="checkbox"
                    checked={all}
                    onChange={(e) =>
                      setUnchosen(e.target.checked ? new Set() : new Set(klass.tables.map((x) => x.gameId)))
                    }
                    aria-label={T.chooseAll}
                    data-testid="cc-choose-all"
                  />
                </th>
                <th scope="col">{T.table}</th>
                <th scope="col">{T.phase}</th>
                <th scope="col">{T.signatures}</th>
                <th scope="col">{T.connected}</th>
                <th scope="col">{T.draft}</th>
                <th scope="col">{T.alerts}</th>
                <th scope="col">{T.open}</th>
              </tr>
            </thead>
            <tbody>
              {klass.tables.map((table) => (
                <ClassTableRow
                  key={table.gameId}
                  table={table}
                  chosen={!unchosen.has(table.gameId)}
                  onChoose={(on) => choose(table.gameId, on)}
                  idleMinutes={idleMinutes}
                  onLink={onLink}
                />
              ))}
            </tbody>
          </table>
        </TableWrap>
        <p className="cc-setting">
          <label htmlFor={idleId}>{T.idleLabel}</label>{" "}
          <input
            id={idleId}
            type="number"
            min={0.01}
            step="any"
            value={idle}
            onChange={(e) => setIdle(e.target.value)}
            aria-describedby={`${idleId}-hint`}
            data-testid="cc-idle-minutes"
          />
          <span className="hint" id={`${idleId}-hint`}>
            {" "}
            {T.idleHint}
          </span>
        </p>
      </section>
      <ClassActions tables={chosen} total={klass.tables.length} links={links.current} />
    </>
  );
}
