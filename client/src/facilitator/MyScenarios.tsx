import { useCallback, useEffect, useState } from "react";
import { emptyAnswer, published, type ScenarioListing, scenarioList } from "../../../shared/contract/index";
import { ConfirmDialog } from "../common/ConfirmDialog";
import { api } from "../core/api";
import { t } from "../texts";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";
import { TableWrap } from "./TableWrap";

const T = t.facilitator.myScenarios;

type Listing = ScenarioListing;

/**
 * The uploaded scenarios this key may manage: its own (delete one no game uses) and, for the
 * operator, every upload (make one public, so every facilitator can create games from it).
 */
export function MyScenarios({ keyValue, operator }: { keyValue: string; operator: boolean }) {
  const [list, setList] = useState<Listing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [asking, setAsking] = useState<Listing | null>(null);

  const load = useCallback(async () => {
    try {
      const all = await api("/api/scenarios", scenarioList, { token: keyValue });
      setList(all.filter((s) => !s.builtIn && (s.mine || operator)));
    } catch (err) {
      setError(describeError(err));
    }
  }, [keyValue, operator]);
  useEffect(() => {
    load();
  }, [load]);

  async function run(call: () => Promise<unknown>) {
    setError(null);
    try {
      await call();
    } catch (err) {
      setError(describeError(err));
    }
    await load();
  }
  const remove = (s: Listing) =>
    run(() => api(`/api/scenarios/${encodeURIComponent(s.id)}`, emptyAnswer, { method: "DELETE", token: keyValue }));
  const share = (s: Listing) =>
    run(() =>
      api(`/api/scenarios/${encodeURIComponent(s.id)}/public`, published, {
        method: "POST",
        token: keyValue,
        body: { public: !s.public },
      }),
    );

  if (list === null && !error) return null;
  return (
    <section className="card" aria-labelledby="fac-scenarios-title" data-testid="my-scenarios">
      <h2 id="fac-scenarios-title">{T.title}</h2>
      <p className="hint">{operator ? T.hintOperator : T.hint}</p>
      <ErrorText message={error} />
      {list?.length === 0 && <p>{T.none}</p>}
      {list && list.length > 0 && (
        <TableWrap label={T.caption}>
          <table className="fac-table">
            <caption className="visually-hidden">{T.caption}</caption>
            <thead>
              <tr>
                <th scope="col">{T.colScenario}</th>
                <th scope="col">{T.colShared}</th>
                <th scope="col">{T.colActions}</th>
              </tr>
            </thead>
            <tbody>
              {list.map((s) => (
                <tr key={s.id} data-testid={`scenario-row-${s.id}`}>
                  <th scope="row">
                    {s.title} <span className="hint">{T.version(s.id, s.version)}</span>
                  </th>
                  <td>{s.public ? T.public : s.mine ? T.private : T.someoneElses}</td>
                  <td className="fac-actions">
                    {operator && (
                      <button type="button" className="secondary" onClick={() => share(s)}>
                        {s.public ? T.makePrivate : T.makePublic}
                      </button>
                    )}
                    <button type="button" className="secondary" onClick={() => setAsking(s)}>
                      {T.delete}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <ConfirmDialog
        open={asking !== null}
        title={T.deleteTitle(asking?.title ?? "")}
        confirmLabel={T.delete}
        danger
        onConfirm={() => {
          const s = asking;
          setAsking(null);
          if (s) remove(s);
        }}
        onCancel={() => setAsking(null)}
      >
        <p>{T.deleteText}</p>
      </ConfirmDialog>
    </section>
  );
}
