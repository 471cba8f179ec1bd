import { t } from "../texts";
import { ErrorText } from "./ErrorText";
import { InviteForm, NewKeyForm } from "./OperatorForms";
import { FacilitatorTable, InviteTable } from "./OperatorTables";
import { useOperatorLists } from "./useOperatorLists";

const T = t.access.operator;

/**
 * The operator's part of the dashboard (only for the operator's key): who may run games on this
 * server. Invites and keys are made here; keys are rotated and revoked here.
 */
export function OperatorPanel({ operatorKey, meId }: { operatorKey: string; meId: string }) {
  const { facilitators, invites, error, reload } = useOperatorLists(operatorKey);
  return (
    <section className="card" aria-labelledby="fac-op-title" data-testid="operator-panel">
      <h2 id="fac-op-title">{T.title}</h2>
      <p className="hint">{T.hint}</p>
      <div className="fac-op-grid">
        <InviteForm operatorKey={operatorKey} onChange={reload} />
        <NewKeyForm operatorKey={operatorKey} onChange={reload} />
      </div>
      <ErrorText message={error} />
      <h3 id="fac-op-facilitators">{T.facilitatorsTitle}</h3>
      {facilitators === null && !error ? (
        <p>{t.common.loading}</p>
      ) : (
        facilitators && <FacilitatorTable rows={facilitators} operatorKey={operatorKey} meId={meId} onChange={reload} />
      )}
      <h3 id="fac-op-invites">{T.invitesTitle}</h3>
      {invites === null && !error ? (
        <p>{t.common.loading}</p>
      ) : (
        invites && <InviteTable rows={invites} operatorKey={operatorKey} onChange={reload} />
      )}
    </section>
  );
}
