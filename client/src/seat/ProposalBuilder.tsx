import { useState } from "react";
import { checkMove, type Terms } from "../../../shared/index";
import type { GameProps } from "../core/gameProps";
import { t } from "../texts";
import { choosable, ISSUE_CODES } from "./availability";
import type { Model } from "./model";
import { Delta, Reason, ServerError } from "./Notes";
import { explain } from "./reasons";
import { useMove } from "./useMove";
import { draftWorth, reservationOf, worthOf } from "./worth";

/** The package being built; `dropped` lists the issues of a countered proposal this seat may not propose. */
export type Builder = { terms: Terms; inReplyTo: string | null; note: string; dropped?: string[] };
export const emptyBuilder: Builder = { terms: {}, inReplyTo: null, note: "" };

type Props = {
  m: Model;
  send: GameProps["send"];
  builder: Builder;
  setBuilder: (b: Builder) => void;
  blocks: Record<string, string | null>;
};

/**
 * Build a package: one option per issue this seat may propose now (the agenda and its portfolio),
 * an optional note, and "Send". Every choice or button that is closed says why.
 */
export function ProposalBuilder({ m, send, builder, setBuilder, blocks }: Props) {
  const b = t.seat.builder;
  const { view, scenario, otherSide, side } = m;
  const move = useMove(send, m);
  const [sent, setSent] = useState(false);
  const pkg = choosable(builder.terms, blocks);
  const picked = Object.keys(pkg).length;
  const open = scenario.issues.filter((i) => blocks[i.id] === null);
  const closed = scenario.issues.filter((i) => blocks[i.id] !== null);

  const proposal: Record<string, unknown> = { type: "propose", terms: pkg };
  if (builder.inReplyTo) proposal.inReplyTo = builder.inReplyTo;
  if (builder.note.trim()) proposal.note = builder.note.trim();
  // With nothing picked yet, judge a one-issue sample so the button still says why it is closed.
  const sampleIssue = open[0] ?? scenario.issues[0]!;
  const sample = picked > 0 ? proposal : { ...proposal, terms: { [sampleIssue.id]: sampleIssue.options[0]!.id } };
  const check = checkMove(view, sample);
  const rule = !check
    ? null
    : ISSUE_CODES.has(check.code) && picked === 0
      ? b.nothingOpen
      : explain(m, check, proposal);
  const blocked = rule ?? (picked === 0 ? b.pickFirst : null);

  const pick = (issueId: string, optionId: string | null) => {
    const terms = { ...builder.terms };
    if (optionId === null) delete terms[issueId];
    else terms[issueId] = optionId;
    setSent(false);
    setBuilder({ ...builder, terms });
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (blocked || move.pending) return;
    if (await move.run(proposal)) {
      setBuilder({ terms: {}, inReplyTo: null, note: "" });
      setSent(true);
    }
  };

  const worth = picked > 0 ? worthOf(view, pkg) : null;
  const draft = draftWorth(view);
  const reservation = reservationOf(view);

  return (
    <section className="panel" aria-labelledby="builder-title" data-testid="proposal-builder" id="proposal-builder">
      <div className="panel-head">
        <h2 id="builder-title" tabIndex={-1}>
          {b.title}
        </h2>
        <p className="panel-meta">{b.to(otherSide.name)}</p>
      </div>
      <p className="hint">{b.intro}</p>
      {builder.inReplyTo && (
        <p className="builder-reply">
          {b.countering(builder.inReplyTo)}{" "}
          <button
            type="button"
            className="link-button"
            onClick={() => setBuilder({ ...builder, inReplyTo: null, dropped: [] })}
          >
            {b.stopCountering}
          </button>
        </p>
      )}
      {builder.inReplyTo && builder.dropped && builder.dropped.length > 0 && (
        <p className="seat-reason">
          {b.dropped(builder.dropped.map((id) => `${m.issueTitle(id)} (${blocks[id] ?? ""})`))}
        </p>
      )}
      <form onSubmit={submit}>
        {open.map((issue) => (
          <IssueChoice key={issue.id} m={m} issueId={issue.id} chosen={pkg[issue.id]} onPick={pick} reason={null} />
        ))}
        {closed.length > 0 && (
          <details className="builder-closed">
            <summary>{b.closedIssues(closed.length)}</summary>
            {closed.map((issue) => (
              <IssueChoice
                key={issue.id}
                m={m}
                issueId={issue.id}
                chosen={undefined}
                onPick={pick}
                reason={blocks[issue.id] ?? null}
              />
            ))}
          </details>
        )}

        <label htmlFor="proposal-note">{b.note(otherSide.name)}</label>
        <textarea
          id="proposal-note"
          rows={2}
          // No maxLength (a long paste would be cut silently): the count shows it, the rule refuses it.
          value={builder.note}
          aria-describedby="proposal-note-count"
          onChange={(e) => setBuilder({ ...builder, note: e.target.value })}
          data-testid="proposal-note"
        />
        <p className="hint" id="proposal-note-count" data-testid="proposal-note-count">
          {t.seat.channels.count(builder.note.length, scenario.rules.chatMaxLength)}
        </p>

        <div className="builder-worth" aria-live="polite">
          {worth ? (
            <>
              <p>
                {b.worth(side.name, worth.side, m.role.title, worth.role)}{" "}
                <Delta value={worth.side - draft.side} against={b.vsDraft} />
              </p>
              {worth.side < reservation && (
                <p className="warning">
                  <span aria-hidden="true">⚠ </span>
                  {b.belowReservation(side.name, reservation)}
                </p>
              )}
            </>
          ) : (
            <p className="hint">{b.worthEmpty}</p>
          )}
        </div>

        <div className="actions">
          <button
            type="submit"
            disabled={blocked !== null || move.pending}
            aria-describedby={blocked ? "propose-reason" : undefined}
            data-testid="propose-button"
          >
            {move.pending ? b.sending : builder.inReplyTo ? b.sendCounter(otherSide.name) : b.send(otherSide.name)}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={picked === 0 && !builder.note && !builder.inReplyTo}
            onClick={() => {
              setBuilder({ terms: {}, inReplyTo: null, note: "" });
              move.clear();
            }}
          >
            {b.clear}
          </button>
        </div>
        <Reason id="propose-reason" reason={blocked} />
        <ServerError error={move.error} />
        {sent && !move.error && (
          <p className="success" role="status">
            <span aria-hidden="true">✓ </span>
            {b.sent(otherSide.name)}
          </p>
        )}
      </form>
    </section>
  );
}

type ChoiceProps = {
  m: Model;
  issueId: string;
  chosen: string | undefined;
  onPick: (issueId: string, optionId: string | null) => void;
  reason: string | null;
};

function IssueChoice({ m, issueId, chosen, onPick, reason }: ChoiceProps) {
  const b = t.seat.builder;
  const issue = m.issue(issueId)!;
  const inDraft = m.view.draft.terms[issueId];
  const reasonId = `choice-reason-${issueId}`;
  const name = `pick-${issueId}`;
  return (
    <fieldset className="choice" disabled={reason !== null} aria-describedby={reason ? reasonId : undefined}>
      <legend>
        {issue.title}
        <span className="choice-draft">
          {" · "}
          {inDraft ? b.draftHas(m.optionLabel(issueId, inDraft)) : b.draftEmpty}
        </span>
      </legend>
      {reason && <Reason id={reasonId} reason={reason} />}
      <div className="chips">
        <label className={chosen === undefined ? "chip chip-leave chip-on" : "chip chip-leave"}>
          <input
            type="radio"
            name={name}
            checked={chosen === undefined}
            onChange={() => onPick(issueId, null)}
            data-testid={`leave-${issueId}`}
          />
          <span className="chip-label">{b.leaveOut}</span>
        </label>
        {issue.options.map((o) => {
          const pts = m.points(issueId, o.id);
          return (
            <label key={o.id} className={chosen === o.id ? "chip chip-on" : "chip"}>
              <input
                type="radio"
                name={name}
                value={o.id}
                checked={chosen === o.id}
                onChange={() => onPick(issueId, o.id)}
                data-testid={`option-${issueId}-${o.id}`}
              />
              <span className="chip-label">{o.label}</span>
              <span className="chip-points">
                {pts === null ? "" : t.common.points(pts)}
                {inDraft === o.id && <span className="chip-draft"> · {b.now}</span>}
              </span>
            </label>
          );
        })}
      </div>
    </fieldset>
  );
}
