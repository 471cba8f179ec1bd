import { useState } from "react";
import { emptyAnswer, type FacilitatorRow, type InviteRow, rotatedKey } from "../../../shared/contract/index";
import { ConfirmDialog } from "../common/ConfirmDialog";
import { api } from "../core/api";
import { storage } from "../core/storage";
import { t } from "../texts";
import { ErrorText } from "./ErrorText";
import { describeError } from "./errors";
import { ShownOnce } from "./ShownOnce";
import { TableWrap } from "./TableWrap";

const T = t.access.operator;
const nameOf = (n: string | null | undefined) => n || t.access.unnamed;
const when = (iso: string) => (
  <time dateTime={iso} title={iso}>
    {new Date(iso).toLocaleString()}
  </time>
);

type Asking = { kind: "rotate" | "revoke"; row: FacilitatorRow } | null;

/**
 * Every facilitator key: a new key for one (rotate: the old stops at once) or a revoked one, each
 * after a confirmation. A new key is shown once, here. The operator's own key can be rotated (this
 * browser keeps the new one) but not revoked.
 */
export function FacilitatorTable({
  rows,
  operatorKey,
  meId,
  onChange,
}: {
  rows: FacilitatorRow[];
  operatorKey: string;
  meId: string;
  onChange: () => void;
}) {
  const [asking, setAsking] = useState<Asking>(null);
  const [error, setError] = useState<string | null>(null);
  const [rotated, setRotated] = useState<{ name: string; key: string } | null>(null);

  async function act(a: NonNullable<Asking>) {
    setAsking(null);
    setError(null);
    setRotated(null);
    const path = `/api/facilitators/${encodeURIComponent(a.row.id)}`;
    try {
      if (a.kind === "rotate") {
        const r = await api(`${path}/rotate`, rotatedKey, { method: "POST", token: operatorKey });
        // The operator's own key: the old one stopped, so this browser keeps the new one.
        if (a.row.id === meId) storage.setFacilitatorKey(r.facilitatorKey);
        setRotated({ name: nameOf(a.row.name), key: r.facilitatorKey });
      } else {
        await api(path, emptyAnswer, { method: "DELETE", token: operatorKey });
      }
    } catch (err) {
      setError(describeError(err));
    }
    onChange();
  }

  const rowName = asking ? nameOf(asking.row.name) : "";
  return (
    <>
      <ErrorText message={error} />
      {rotated && (
        <ShownOnce label={T.rotated(rotated.name)} value={rotated.key} copyLabel={T.copyKey} testId="rotated-key" />
      )}
      <TableWrap label={T.facilitatorsCaption}>
        <table className="fac-table" data-testid="facilitator-table">
          <caption className="visually-hidden">{T.facilitatorsCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{T.colName}</th>
              <th scope="col">{T.colCreated}</th>
              <th scope="col">{T.colStatus}</th>
              <th scope="col">{T.colActions}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const name = nameOf(row.name);
              return (
                <tr key={row.id} data-testid={`facilitator-row-${row.id}`}>
                  <th scope="row">
                    {name}
                    {row.operator && <span className="fac-tag">{t.access.signIn.operator}</span>}
                    {row.id === meId && <span className="fac-tag">{T.you}</span>}
                  </th>
                  <td>{when(row.createdAt)}</td>
                  <td>
                    {row.revokedAt ? (
                      <span className="fac-status fac-status-over">
                        {T.revoked(new Date(row.revokedAt).toLocaleString())}
                      </span>
                    ) : (
                      <span className="fac-status fac-status-live">{T.active}</span>
                    )}
                  </td>
                  <td className="fac-row-actions">
                    {!row.revokedAt && (
                      <button
                        type="button"
                        className="secondary"
                        aria-label={T.rotateLabel(name)}
                        onClick={() => setAsking({ kind: "rotate", row })}
                        data-testid={`rotate-${row.id}`}
                      >
                        {T.rotate}
                      </button>
                    )}
                    {!row.revokedAt && !row.operator && (
                      <button
                        type="button"
                        className="danger"
                        aria-label={T.revokeLabel(name)}
                        onClick={() => setAsking({ kind: "revoke", row })}
                        data-testid={`revoke-${row.id}`}
                      >
                        {T.revoke}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      <ConfirmDialog
        open={asking !== null}
        title={asking?.kind === "rotate" ? T.rotateTitle(rowName) : T.revokeTitle(rowName)}
        confirmLabel={asking?.kind === "rotate" ? T.rotateConfirm : T.revokeConfirm}
        danger
        onConfirm={() => asking && act(asking)}
        onCancel={() => setAsking(null)}
      >
        <p>{asking?.kind === "rotate" ? T.rotateText : T.revokeText}</p>
      </ConfirmDialog>
    </>
  );
}

/** The invite links made so far: who for, when they expire, whether used; an unused one can be withdrawn. */
export function InviteTable({
  rows,
  operatorKey,
  onChange,
}: {
  rows: InviteRow[];
  operatorKey: string;
  onChange: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  if (rows.length === 0) return <p>{T.noInvites}</p>;
  const now = Date.now();
  async function withdraw(row: InviteRow) {
    setError(null);
    try {
      await api(`/api/invites/${encodeURIComponent(row.id)}`, emptyAnswer, { method: "DELETE", token: operatorKey });
    } catch (err) {
      setError(describeError(err));
    }
    onChange();
  }
  return (
    <>
      <ErrorText message={error} />
      <TableWrap label={T.invitesCaption}>
        <table className="fac-table" data-testid="invite-table">
          <caption className="visually-hidden">{T.invitesCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{T.colFor}</th>
              <th scope="col">{T.colCreated}</th>
              <th scope="col">{T.colExpires}</th>
              <th scope="col">{T.colUsed}</th>
              <th scope="col">{T.colActions}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => {
              const name = nameOf(row.name);
              const expired = !row.usedAt && new Date(row.expiresAt).getTime() < now;
              return (
                <tr key={row.id} data-testid={`invite-row-${row.id}`}>
                  <th scope="row">{name}</th>
                  <td>{when(row.createdAt)}</td>
                  <td>
                    {when(row.expiresAt)}
                    {expired && <div className="hint">{T.expired}</div>}
                  </td>
                  <td>{row.usedAt ? when(row.usedAt) : T.unused}</td>
                  <td className="fac-row-actions">
                    <button
                      type="button"
                      className="secondary"
                      aria-label={T.deleteInviteLabel(name)}
                      onClick={() => withdraw(row)}
                      data-testid={`delete-invite-${row.id}`}
                    >
                      {T.deleteInvite}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
