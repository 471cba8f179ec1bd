import type { ReactNode } from "react";
import type { GameSummary } from "../../../shared/contract/index";
import { optionLabel, sideName } from "../replay/labels";
import { t } from "../texts";
import { type Loaded, nameOf } from "./loaded";

const T = t.replay.cohort;

/** The finished games of the scenario's version whose records loaded: the columns of the comparisons. */
function compared(data: Loaded): GameSummary[] {
  return data.games.filter(
    (g) => g.outcome !== null && data.figures[g.gameId] && g.scenarioVersion === data.scenario?.version,
  );
}

type Row = { id: string; head: ReactNode; cell: (g: GameSummary) => { text: ReactNode; muted?: boolean } };

/** A table with a row per item (issue, role) and a column per finished table of the cohort. */
function ByTable(props: { id: string; caption: string; corner: string; rows: Row[]; cols: GameSummary[] }) {
  return (
    <div className="deb-table-wrap">
      <table className="deb-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.corner}</th>
            {props.cols.map((g) => (
              <th scope="col" key={g.gameId}>
                {nameOf(g)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.id} data-testid={`${props.id}-${r.id}`}>
              <th scope="row">{r.head}</th>
              {props.cols.map((g) => {
                const c = r.cell(g);
                return (
                  <td key={g.gameId} className={c.muted ? "deb-diff" : ""}>
                    {c.text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Every issue, a row; every finished table, a column: what each table settled on (no-deal options in italics). */
export function IssuesTable({ data }: { data: Loaded }) {
  const s = data.scenario;
  const cols = compared(data);
  if (!s) return null;
  return (
    <section className="card deb-section" aria-labelledby="co-issues-title" data-testid="cohort-issues">
      <h2 id="co-issues-title">{T.issuesTitle}</h2>
      {cols.length === 0 ? (
        <p className="hint">{T.noFinished}</p>
      ) : (
        <ByTable
          id="cohort-issue"
          caption={T.issuesCaption}
          corner={T.issue}
          cols={cols}
          rows={s.issues.map((i) => ({
            id: i.id,
            head: i.title,
            cell: (g) => {
              const option = data.figures[g.gameId]!.terms[i.id] ?? i.noDeal;
              return { text: optionLabel(s, i.id, option), muted: option === i.noDeal };
            },
          }))}
        />
      )}
    </section>
  );
}

/** Every role, a row; every finished table, a column: each role's score there. */
export function RolesTable({ data }: { data: Loaded }) {
  const s = data.scenario;
  const cols = compared(data);
  if (!s || cols.length === 0) return null;
  return (
    <section className="card deb-section" aria-labelledby="co-roles-title" data-testid="cohort-roles">
      <h2 id="co-roles-title">{T.rolesTitle}</h2>
      <ByTable
        id="cohort-role"
        caption={T.rolesCaption}
        corner={T.role}
        cols={cols}
        rows={s.roles.map((r) => ({
          id: r.id,
          head: (
            <>
              {r.title} <span className="hint">({sideName(s, r.side)})</span>
            </>
          ),
          cell: (g) => ({ text: data.figures[g.gameId]!.roles[r.id] ?? "—" }),
        }))}
      />
    </section>
  );
}
