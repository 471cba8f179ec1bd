import { useId } from "react";
import type { Effect } from "../../../../shared/index";
import type { ClientView } from "../../core/mergeView";
import { t } from "../../texts";

const T = t.control.effects;

/** The kinds of effect a row can be: a deck card's (scenario/schema.ts), the agenda's two ways apart. */
export const ROW_KINDS = ["shiftPoints", "shiftReservation", "agendaAdd", "agendaRemove", "press", "reveal"] as const;
export type RowKind = (typeof ROW_KINDS)[number];
/** One effect as typed: every field a string until it is read (`effectOf`). */
export type EffectRow = {
  kind: RowKind;
  side: string;
  issue: string;
  option: string;
  by: string;
  text: string;
  to: string;
};

export const newRow = (kind: RowKind = "shiftPoints"): EffectRow => ({
  kind,
  side: "",
  issue: "",
  option: "",
  by: "",
  text: "",
  to: "",
});

/** A row's effect, or null while it is incomplete; the server checks the ids against the game. */
export function effectOf(row: EffectRow): Effect | null {
  const by = /^[+-]?\d+$/.test(row.by.trim()) ? Number(row.by) : Number.NaN;
  const shift = Number.isInteger(by) && by !== 0 && Math.abs(by) <= 100;
  switch (row.kind) {
    case "shiftPoints":
      return row.side && row.issue && row.option && shift
        ? { shiftPoints: { side: row.side, issue: row.issue, option: row.option, by } }
        : null;
    case "shiftReservation":
      return row.side && shift ? { shiftReservation: { side: row.side, by } } : null;
    case "agendaAdd":
      return row.issue ? { agenda: { add: [row.issue] } } : null;
    case "agendaRemove":
      return row.issue ? { agenda: { remove: [row.issue] } } : null;
    case "press":
      return row.text.trim() ? { press: { text: row.text.trim() } } : null;
    case "reveal":
      return row.text.trim() && row.to ? { reveal: { to: [row.to], text: row.text.trim() } } : null;
  }
}

/** Typed effect rows for a written inject: shift points or a walk-away, the agenda, press, a reveal. */
export function EffectsEditor({
  view,
  rows,
  onChange,
}: {
  view: ClientView;
  rows: EffectRow[];
  onChange: (rows: EffectRow[]) => void;
}) {
  const id = useId();
  const s = view.scenario;
  const sides = s?.sides ?? [];
  const issues = s?.issues ?? [];
  const set = (i: number, patch: Partial<EffectRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset className="con-effects" data-testid="effects-editor">
      <legend>{T.legend}</legend>
      <p className="hint">{T.hint}</p>
      {rows.map((row, i) => {
        const rid = `${id}-${i}`;
        const options = issues.find((x) => x.id === row.issue)?.options ?? [];
        const needsSide = row.kind === "shiftPoints" || row.kind === "shiftReservation";
        const needsIssue = row.kind === "shiftPoints" || row.kind === "agendaAdd" || row.kind === "agendaRemove";
        const select = (field: keyof EffectRow, label: string, choices: { id: string; name: string }[]) => (
          <span className="con-effect-field">
            <label htmlFor={`${rid}-${field}`}>{label}</label>
            <select
              id={`${rid}-${field}`}
              value={row[field]}
              onChange={(e) => set(i, { [field]: e.target.value, ...(field === "issue" ? { option: "" } : {}) })}
              data-testid={`effect-${i}-${field}`}
            >
              <option value="">{t.control.ruling.choose}</option>
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </span>
        );
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <div className="con-effect-row" key={i} data-testid={`effect-${i}`}>
            <span className="con-effect-field">
              <label htmlFor={`${rid}-kind`}>{T.kind}</label>
              <select
                id={`${rid}-kind`}
                value={row.kind}
                onChange={(e) => set(i, newRow(e.target.value as RowKind))}
                data-testid={`effect-${i}-kind`}
              >
                {ROW_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {T.kinds[k]}
                  </option>
                ))}
              </select>
            </span>
            {needsSide &&
              select(
                "side",
                T.side,
                sides.map((x) => ({ id: x.id, name: x.name })),
              )}
            {needsIssue &&
              select(
                "issue",
                T.issue,
                issues.map((x) => ({ id: x.id, name: x.title })),
              )}
            {row.kind === "shiftPoints" &&
              select(
                "option",
                T.option,
                options.map((o) => ({ id: o.id, name: o.label })),
              )}
            {needsSide && (
              <span className="con-effect-field">
                <label htmlFor={`${rid}-by`}>{T.by}</label>
                <input
                  id={`${rid}-by`}
                  inputMode="numeric"
                  size={5}
                  value={row.by}
                  onChange={(e) => set(i, { by: e.target.value })}
                  data-testid={`effect-${i}-by`}
                />
              </span>
            )}
            {row.kind === "reveal" &&
              select("to", T.to, [
                ...sides.map((x) => ({ id: x.id, name: x.name })),
                ...view.seats.map((x) => ({ id: x.id, name: x.title })),
              ])}
            {(row.kind === "press" || row.kind === "reveal") && (
              <span className="con-effect-field con-effect-text">
                <label htmlFor={`${rid}-text`}>{T.text}</label>
                <input
                  id={`${rid}-text`}
                  value={row.text}
                  maxLength={4000}
                  onChange={(e) => set(i, { text: e.target.value })}
                  data-testid={`effect-${i}-text`}
                />
              </span>
            )}
            <button
              type="button"
              className="secondary"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
              data-testid={`effect-${i}-remove`}
            >
              {T.remove}
            </button>
          </div>
        );
      })}
      {rows.length < 20 && (
        <button
          type="button"
          className="secondary"
          onClick={() => onChange([...rows, newRow()])}
          data-testid="effect-add"
        >
          {T.add}
        </button>
      )}
    </fieldset>
  );
}
