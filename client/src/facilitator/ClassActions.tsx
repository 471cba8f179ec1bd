import { useId, useState } from "react";
import type { ClassSummary } from "../../../shared/contract/index";
import { t } from "../texts";
import type { TableLink } from "./ClassTableRow";
import { MinutesInput, minutesOf } from "./console/MinutesInput";
import { refusal } from "./errors";

const T = t.classConsole;

/** The clock's three actions, each one move with no fields; start is the move that resumes a paused clock. */
const CLOCK_ACTIONS = [
  { action: "start", move: "resume", primary: true },
  { action: "pause", move: "pause", primary: false },
  { action: "resume", move: "resume", primary: false },
] as const;

/** One table's answer to the last action: acknowledged, or refused with the rule's reason in words. */
type Result = { gameId: string; label: string; ok: boolean; text: string };

/**
 * The class console's actions: each goes to every chosen table at the same moment through its own
 * socket, and each table's answer is shown, so a refusal at one table is never hidden by the
 * others' success.
 */
export function ClassActions({
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
  const none = tables.length === 0;

  /** Sends one move to every chosen table at once, and keeps each table's answer. */
  const run = async (action: string, move: Record<string, unknown>): Promise<boolean> => {
    setBusy(true);
    const results = await Promise.all(
      tables.map(async (table): Promise<Result> => {
        const link = links.get(table.gameId);
        const ack = link
          ? await link.send(move)
          : { ok: false as const, error: { code: "offline", message: T.notConnected } };
        return {
          gameId: table.gameId,
          label: table.label,
          ok: ack.ok,
          // refusal() already opens with "Refused:" and gives the rule's reason in words.
          text: ack.ok ? T.acknowledged : refusal(ack.error),
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
        {CLOCK_ACTIONS.map((a) => (
          <button
            key={a.action}
            type="button"
            className={a.primary ? undefined : "secondary"}
            data-testid={`cc-${a.action}`}
            disabled={busy || none}
            onClick={() => run(names[a.action], { type: a.move })}
          >
            {T[a.action]}
          </button>
        ))}
      </div>

      <MinutesForm
        label={T.extendLabel}
        button={T.extend}
        initial="5"
        testId="cc-extend"
        disabled={busy || none}
        onSend={(m) => run(names.extend(m), { type: "extend", minutes: m })}
      />
      {/* Last call (rules version 3): the same minutes at every table, then each game ends. */}
      <MinutesForm
        label={T.lastCallLabel}
        button={T.lastCall}
        hint={T.lastCallHint}
        initial="3"
        testId="cc-last-call"
        disabled={busy || none}
        // It ends every chosen table's game, so it asks first, as a single table's console does.
        confirm={{ question: (m) => T.lastCallQuestion(m, tables.length), yes: T.lastCallConfirm }}
        onSend={(m) => run(names.lastCall(m), { type: "lastCall", minutes: m })}
      />

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

/**
 * A number of minutes (1 to 15, as the rules take for extend and last call) and its button; with
 * `confirm`, the button first asks that question in place and sends only on a second click.
 */
function MinutesForm({
  label,
  button,
  hint,
  initial,
  testId,
  disabled,
  confirm,
  onSend,
}: {
  label: string;
  button: string;
  hint?: string;
  initial: string;
  testId: string;
  disabled: boolean;
  confirm?: { question: (minutes: number) => string; yes: string };
  onSend: (minutes: number) => void;
}) {
  const [minutes, setMinutes] = useState(initial);
  const [asking, setAsking] = useState(false);
  const id = useId();
  const n = minutesOf(minutes);
  const bad = n === null;
  const question = asking && n !== null && confirm ? confirm.question(n) : null;
  return (
    <form
      className="fac-inline cc-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (n === null) return;
        if (confirm && !asking) return setAsking(true);
        setAsking(false);
        onSend(n);
      }}
      onKeyDown={(e) => {
        if (e.key === "Escape") setAsking(false);
      }}
    >
      <label htmlFor={id}>{label}</label>
      <MinutesInput
        id={id}
        value={minutes}
        onChange={(v) => {
          setMinutes(v);
          setAsking(false);
        }}
        describedBy={hint ? `${id}-hint` : undefined}
        testId={`${testId}-minutes`}
      />
      {question === null ? (
        <button type="submit" className="secondary" data-testid={testId} disabled={disabled || bad}>
          {button}
        </button>
      ) : (
        <fieldset className="con-confirm">
          <legend>
            <strong>{question}</strong>
          </legend>
          {/* biome-ignore lint/a11y/noAutofocus: the question just opened; its answer takes the focus */}
          <button type="submit" className="danger" data-testid={`${testId}-confirm`} disabled={disabled} autoFocus>
            {confirm?.yes}
          </button>{" "}
          <button type="button" className="secondary" onClick={() => setAsking(false)}>
            {t.common.cancel}
          </button>
        </fieldset>
      )}
      {hint && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </form>
  );
}
