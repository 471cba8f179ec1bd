import { useCallback, useId, useRef, useState } from "react";
import type { ClassSummary } from "../../../shared/contract/index";
import { useTabTitle } from "../common/TableTitle";
import { Link } from "../core/router";
import { t } from "../texts";
import { ClassTableRow, type TableLink } from "./ClassTableRow";
import { ErrorText } from "./ErrorText";
import { refusal } from "./errors";
import { TableWrap } from "./TableWrap";
import { useClass } from "./useClass";
import "./facilitator.css";
import "./classConsole.css";

const T = t.classConsole;
const DEFAULT_IDLE_MINUTES = 5;

/** One table's answer to the last action: acknowledged, or refused with the rule's reason in words. */
type Result = { gameId: string; label: string; ok: boolean; text: string };

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
      <Actions tables={chosen} total={klass.tables.length} links={links.current} />
    </>
  );
}

function Actions({
  tables,
  total,
  links,
}: {
  tables: ClassSummary["tables"];
  total: number;
  links: Map<string, TableLink>;
}) {
  const [busy, setBusy] = useState(false);
  const [last, setLast] = useState<{ action: string; results: Result[]; run: number } | null>(null);
  const [minutes, setMinutes] = useState("5");
  const [callMinutes, setCallMinutes] = useState("3");
  const [card, setCard] = useState("");
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [note, setNote] = useState("");
  const id = useId();
  // Every table plays the same scenario: the deck is read from the first table whose view has arrived.
  const deck =
    [...links.values()]
      .find((l) => l.view?.secrets?.injects)
      ?.view?.secrets?.injects?.filter((i) => i.when === "deck") ?? [];
  const n = Number(minutes);
  const badMinutes = !Number.isInteger(n) || n < 1 || n > 15;
  const callN = Number(callMinutes);
  const badCall = !Number.isInteger(callN) || callN < 1 || callN > 15;
  const none = tables.length === 0;

  /** Sends one move to every chosen table at once, and keeps each table's answer. */
  const run = async (action: string, move: Record<string, unknown>): Promise<boolean> => {
    setBusy(true);
    const results = await Promise.all(
      tables.map(async (table): Promise<Result> => {
        const link = links.get(table.gameId);
        const ack = link
          ? await link.send(move)
          : { ok: false as const, error: { code: "offline", message: "Not connected: the move was not sent." } };
        return {
          gameId: table.gameId,
          label: table.label,
          ok: ack.ok,
          text: ack.ok ? T.acknowledged : T.refusedBy(refusal(ack.error)),
        };
      }),
    );
    // `run` counts the actions sent, so a reader (and a test) can tell one answer from the next.
    setLast((prev) => ({ action, results, run: (prev?.run ?? 0) + 1 }));
    setBusy(false);
    return results.every((r) => r.ok);
  };
  const names = T.actionNames;

  return (
    <section className="card cc-actions" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{T.actions}</h2>
      <p className="hint">{none ? T.noneChosen : T.actionsHint(tables.length, total)}</p>
      <div className="con-buttons">
        <button
          type="button"
          data-testid="cc-start"
          disabled={busy || none}
          onClick={() => run(names.start, { type: "resume" })}
        >
          {T.start}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="cc-pause"
          disabled={busy || none}
          onClick={() => run(names.pause, { type: "pause" })}
        >
          {T.pause}
        </button>
        <button
          type="button"
          className="secondary"
          data-testid="cc-resume"
          disabled={busy || none}
          onClick={() => run(names.resume, { type: "resume" })}
        >
          {T.resume}
        </button>
      </div>

      <form
        className="fac-inline cc-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!badMinutes) run(names.extend(n), { type: "extend", minutes: n });
        }}
      >
        <label htmlFor={`${id}-minutes`}>{T.extendLabel}</label>
        <input
          id={`${id}-minutes`}
          type="number"
          min={1}
          max={15}
          step={1}
          value={minutes}
          onChange={(e) => setMinutes(e.target.value)}
          aria-invalid={badMinutes}
          data-testid="cc-extend-minutes"
        />
        <button type="submit" className="secondary" data-testid="cc-extend" disabled={busy || none || badMinutes}>
          {T.extend}
        </button>
      </form>

      {/* Last call (rules version 3): the same minutes at every table, then each game ends. */}
      <form
        className="fac-inline cc-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (!badCall) run(names.lastCall(callN), { type: "lastCall", minutes: callN });
        }}
      >
        <label htmlFor={`${id}-call`}>{T.lastCallLabel}</label>
        <input
          id={`${id}-call`}
          type="number"
          min={1}
          max={15}
          step={1}
          value={callMinutes}
          onChange={(e) => setCallMinutes(e.target.value)}
          aria-invalid={badCall}
          aria-describedby={`${id}-call-hint`}
          data-testid="cc-last-call-minutes"
        />
        <button type="submit" className="secondary" data-testid="cc-last-call" disabled={busy || none || badCall}>
          {T.lastCall}
        </button>
        <span className="hint" id={`${id}-call-hint`}>
          {T.lastCallHint}
        </span>
      </form>

      <form
        className="fac-inline cc-form"
        onSubmit={(e) => {
          e.preventDefault();
          const inject = deck.find((i) => i.id === card);
          if (inject) run(names.inject(inject.title), { type: "inject", injectId: inject.id });
        }}
      >
        <label htmlFor={`${id}-card`}>{T.injectLabel}</label>
        <select id={`${id}-card`} value={card} onChange={(e) => setCard(e.target.value)} data-testid="cc-inject-card">
          <option value="">{T.injectPick}</option>
          {deck.map((i) => (
            <option key={i.id} value={i.id}>
              {i.title}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary" data-testid="cc-inject" disabled={busy || none || !card}>
          {T.injectPlay}
        </button>
      </form>

      <form
        className="cc-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!title.trim() || !text.trim()) return;
          if (await run(names.inject(title.trim()), { type: "inject", title: title.trim(), text: text.trim() })) {
            setTitle("");
            setText("");
          }
        }}
      >
        <label htmlFor={`${id}-wtitle`}>{T.writeTitle}</label>
        <input
          id={`${id}-wtitle`}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.target.value)}
          data-testid="cc-write-title"
        />
        <label htmlFor={`${id}-wtext`}>{T.writeText}</label>
        <textarea
          id={`${id}-wtext`}
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          data-testid="cc-write-text"
        />
        <button
          type="submit"
          className="secondary"
          data-testid="cc-write-send"
          disabled={busy || none || !title.trim() || !text.trim()}
        >
          {T.writeSend}
        </button>
      </form>

      <form
        className="cc-form"
        onSubmit={async (e) => {
          e.preventDefault();
          if (note.trim() && (await run(names.note, { type: "note", text: note.trim() }))) setNote("");
        }}
      >
        <label htmlFor={`${id}-note`}>{T.noteLabel}</label>
        <textarea
          id={`${id}-note`}
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          data-testid="cc-note-text"
        />
        <button type="submit" className="secondary" data-testid="cc-note-send" disabled={busy || none || !note.trim()}>
          {T.noteSend}
        </button>
      </form>

      <div aria-live="polite">
        {last && (
          <>
            <h3>{T.results}</h3>
            <p className="hint">{T.resultsCaption(last.action)}</p>
            <ul className="cc-results" data-testid="cc-results" data-run={last.run}>
              {last.results.map((r) => (
                <li
                  key={r.gameId}
                  className={r.ok ? "fac-ok" : "error"}
                  data-testid={`cc-result-${r.gameId}`}
                  data-ok={r.ok}
                >
                  <strong>{r.label}</strong>: {r.text}
                </li>
              ))}
            </ul>
          </>
        )}
      </div>
    </section>
  );
}
