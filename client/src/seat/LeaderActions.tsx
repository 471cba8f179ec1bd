import { useState } from "react";
import { checkMove } from "../../../shared/index";
import { ConfirmDialog } from "../common/ConfirmDialog";
import type { GameProps } from "../core/gameProps";
import { t } from "../texts";
import type { Model } from "./model";
import { Reason, ServerError } from "./Notes";
import { explain } from "./reasons";
import { Signatures } from "./Scorecard";
import { useMove } from "./useMove";
import { draftWorth, noDealWorth, reservationOf } from "./worth";

type Pending = { kind: "sign"; version: number } | { kind: "unsign" } | { kind: "walkAway" } | null;

/** The leader's decisions: sign the current draft, take the signature back, or walk away; each confirmed. */
export function LeaderActions({ m, send }: { m: Model; send: GameProps["send"] }) {
  const l = t.seat.leader;
  const { view, side, otherSide, role, scenario } = m;
  const move = useMove(send, m);
  const [pending, setPending] = useState<Pending>(null);
  const version = view.draft.version;
  const judge = (mv: Record<string, unknown>) => {
    const e = checkMove(view, mv);
    return e ? explain(m, e, mv) : null;
  };
  const signWhy = judge({ type: "sign", draftVersion: version });
  const unsignWhy = judge({ type: "unsign" });
  const walkWhy = judge({ type: "walkAway" });
  const draft = draftWorth(view);
  const reservation = reservationOf(view);
  const walked = noDealWorth(view, side.id);
  const theySigned = view.draft.signedBy.includes(otherSide.id);

  const confirm = async () => {
    const p = pending;
    setPending(null);
    if (!p) return;
    // The dialog always shows the current draft's numbers, so it signs the version it shows.
    if (p.kind === "sign") await move.run({ type: "sign", draftVersion: version });
    else await move.run({ type: p.kind });
  };

  return (
    <section className="panel leader-panel" aria-labelledby="leader-title" data-testid="leader-actions">
      <div className="panel-head">
        <h2 id="leader-title">{l.title}</h2>
      </div>
      <p className="hint">{l.intro(side.name, scenario.rules.minimumIssues)}</p>
      <Signatures m={m} />
      <div className="actions">
        <button
          type="button"
          disabled={signWhy !== null || move.pending}
          aria-describedby={signWhy ? "sign-why" : undefined}
          onClick={() => setPending({ kind: "sign", version })}
          data-testid="sign-button"
        >
          {l.sign(version)}
        </button>
        <button
          type="button"
          className="secondary"
          disabled={unsignWhy !== null || move.pending}
          aria-describedby={unsignWhy ? "unsign-why" : undefined}
          onClick={() => setPending({ kind: "unsign" })}
          data-testid="unsign-button"
        >
          {l.unsign}
        </button>
        <button
          type="button"
          className="danger"
          disabled={walkWhy !== null || move.pending}
          aria-describedby={walkWhy ? "walk-why" : undefined}
          onClick={() => setPending({ kind: "walkAway" })}
          data-testid="walkaway-button"
        >
          {l.walkAway}
        </button>
      </div>
      <Reason id="sign-why" reason={signWhy && l.whySign(signWhy)} />
      <Reason id="unsign-why" reason={unsignWhy && l.whyUnsign(unsignWhy)} />
      <Reason id="walk-why" reason={walkWhy && l.whyWalk(walkWhy)} />
      <ServerError error={move.error} />

      <ConfirmDialog
        open={pending !== null}
        title={
          pending?.kind === "sign"
            ? l.confirmSignTitle(version)
            : pending?.kind === "unsign"
              ? l.confirmUnsignTitle
              : l.confirmWalkTitle
        }
        confirmLabel={
          pending?.kind === "sign"
            ? pending.version !== version
              ? l.confirmSignNew(version)
              : l.confirmSign
            : pending?.kind === "unsign"
              ? l.confirmUnsign
              : l.confirmWalk
        }
        danger={pending?.kind === "walkAway"}
        onConfirm={confirm}
        onCancel={() => setPending(null)}
      >
        {pending?.kind === "sign" && (
          <>
            <p>
              {l.signBody(
                draft.settled,
                scenario.issues.length,
                side.name,
                draft.side,
                reservation,
                role.title,
                draft.role,
              )}
            </p>
            <p>{theySigned ? l.signEnds(otherSide.name) : l.signWaits(otherSide.name)}</p>
            {pending.version !== version && (
              <p className="warning" role="alert">
                {l.versionMoved(pending.version, version)}
              </p>
            )}
          </>
        )}
        {pending?.kind === "unsign" && <p>{l.unsignBody(otherSide.name)}</p>}
        {pending?.kind === "walkAway" && (
          <p>{l.walkBody(side.name, walked.side, role.title, walked.role, draft.side)}</p>
        )}
      </ConfirmDialog>
    </section>
  );
}
