import { useState } from "react";
import { checkMove, type Proposal } from "../../../shared/index";
import type { GameProps } from "../core/gameProps";
import { t } from "../texts";
import { type Model, timeOf } from "./model";
import { Delta, Reason, ServerError } from "./Notes";
import { explain } from "./reasons";
import { useMove } from "./useMove";
import { draftWorth, worthOf } from "./worth";

type Props = {
  m: Model;
  send: GameProps["send"];
  blocks: Record<string, string | null>;
  onCounter: (p: Proposal) => void;
};

/** Proposals between the sides: incoming ones to answer, this side's open ones, and the history. */
export function Proposals({ m, send, blocks, onCounter }: Props) {
  const p = t.seat.proposals;
  const { view, side } = m;
  const newest = [...view.proposals].sort((a, b) => b.seq - a.seq);
  const incoming = newest.filter((x) => x.status === "open" && x.to === side.id);
  const outgoing = newest.filter((x) => x.status === "open" && x.from === side.id);
  const closed = newest.filter((x) => x.status !== "open");
  return (
    <section className="panel" aria-labelledby="proposals-title" data-testid="proposals">
      <div className="panel-head">
        <h2 id="proposals-title">{p.title}</h2>
        <p className="panel-meta">{p.counts(incoming.length, outgoing.length)}</p>
      </div>
      <h3 className="group-title">{p.incoming(m.otherSide.name)}</h3>
      {incoming.length === 0 ? (
        <p className="hint">{p.noIncoming}</p>
      ) : (
        incoming.map((x) => <ProposalCard key={x.id} m={m} p={x} send={send} blocks={blocks} onCounter={onCounter} />)
      )}
      <h3 className="group-title">{p.outgoing(side.name)}</h3>
      {outgoing.length === 0 ? (
        <p className="hint">{p.noOutgoing}</p>
      ) : (
        outgoing.map((x) => <ProposalCard key={x.id} m={m} p={x} send={send} blocks={blocks} onCounter={onCounter} />)
      )}
      {closed.length > 0 && (
        <details className="proposal-history">
          <summary>{p.history(closed.length)}</summary>
          {closed.map((x) => (
            <ProposalCard key={x.id} m={m} p={x} send={send} blocks={blocks} onCounter={onCounter} />
          ))}
        </details>
      )}
    </section>
  );
}

function ProposalCard({ m, p, send, blocks, onCounter }: { m: Model; p: Proposal } & Omit<Props, "m">) {
  const c = t.seat.proposals;
  const { view, side } = m;
  const move = useMove(send, m);
  const [note, setNote] = useState("");
  const mineToAnswer = p.to === side.id;
  const isOpen = p.status === "open";
  const titleId = `proposal-title-${p.id}`;
  const worth = isOpen ? worthOf(view, p.terms) : null;
  const draft = draftWorth(view);

  const judge = (mv: Record<string, unknown>) => {
    const e = checkMove(view, mv);
    return e ? explain(m, e, mv) : null;
  };
  const acceptMove = { type: "accept", proposalId: p.id };
  const rejectMove: Record<string, unknown> = { type: "reject", proposalId: p.id };
  if (note.trim()) rejectMove.note = note.trim();
  const withdrawMove = { type: "withdraw", proposalId: p.id };
  const acceptWhy = judge(acceptMove);
  const rejectWhy = judge(rejectMove);
  // Whether rejecting is open at all, whatever the note: a note too long must not hide its own field.
  const rejectOpen = note.trim() ? judge({ type: "reject", proposalId: p.id }) === null : rejectWhy === null;
  const withdrawWhy = judge(withdrawMove);
  const sameWhy = acceptWhy === rejectWhy;
  const counterable = Object.keys(p.terms).filter((id) => blocks[id] === null);
  const counterWhy =
    counterable.length > 0
      ? null
      : (Object.keys(p.terms)
          .map((id) => blocks[id])
          .find(Boolean) ?? null);

  return (
    <article
      className={`proposal proposal-${p.status} ${mineToAnswer ? "proposal-in" : "proposal-out"}`}
      aria-labelledby={titleId}
      data-testid={`proposal-${p.id}`}
    >
      <div className="proposal-head">
        <h4 id={titleId}>
          {c.heading(p.id)}{" "}
          <span className={`side-pill side-${m.sideIndex(p.from)}`}>
            {c.fromTo(m.sideName(p.from), m.sideName(p.to))}
          </span>
        </h4>
        <span className={`status status-${p.status}`}>{c.status[p.status]}</span>
      </div>
      <p className="hint">
        {c.meta(m.seatTitle(p.by), m.scenario.phases.find((x) => x.id === p.phase)?.title ?? p.phase, timeOf(p.at))}
        {p.inReplyTo && ` ${c.inReplyTo(p.inReplyTo)}`}
      </p>
      <table className="terms">
        <caption className="visually-hidden">{c.termsCaption(p.id)}</caption>
        <thead>
          <tr>
            <th scope="col">{c.issue}</th>
            <th scope="col">{c.proposed}</th>
            <th scope="col">{c.yourPoints(side.name)}</th>
            <th scope="col">{c.draftNow}</th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(p.terms).map(([issueId, optionId]) => {
            const inDraft = view.draft.terms[issueId];
            const pts = m.points(issueId, optionId);
            const nowPts = m.points(issueId, inDraft ?? m.issue(issueId)?.noDeal ?? "");
            return (
              <tr key={issueId}>
                <th scope="row">{m.issueTitle(issueId)}</th>
                <td>{m.optionLabel(issueId, optionId)}</td>
                <td className="num">
                  {pts ?? "—"}
                  {pts !== null && nowPts !== null && pts !== nowPts && (
                    <span className="cell-note">{c.change(pts - nowPts)}</span>
                  )}
                </td>
                <td>{inDraft ? m.optionLabel(issueId, inDraft) : c.notSettled}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {p.note && (
        <p className="proposal-note">
          <span className="visually-hidden">{c.noteLabel} </span>“{p.note}”
        </p>
      )}
      {worth && (
        <p className="proposal-worth">
          {c.worth(side.name, worth.side, m.role.title, worth.role)}{" "}
          <Delta value={worth.side - draft.side} against={c.vsDraft} />
        </p>
      )}
      {!isOpen && (
        <p className="hint">
          {c.closed(
            c.status[p.status],
            p.closedBy ? m.seatTitle(p.closedBy) : null,
            p.closedAt ? timeOf(p.closedAt) : null,
          )}
          {p.closeNote && ` “${p.closeNote}”`}
        </p>
      )}

      {isOpen && mineToAnswer && (
        <>
          <div className="actions">
            <button
              type="button"
              disabled={acceptWhy !== null || move.pending}
              aria-describedby={acceptWhy ? `accept-why-${p.id}` : undefined}
              onClick={() => move.run(acceptMove)}
              data-testid={`accept-${p.id}`}
            >
              {c.accept}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={rejectWhy !== null || move.pending}
              aria-describedby={rejectWhy ? `${sameWhy ? "accept" : "reject"}-why-${p.id}` : undefined}
              onClick={async () => {
                if (await move.run(rejectMove)) setNote("");
              }}
              data-testid={`reject-${p.id}`}
            >
              {c.reject}
            </button>
            <button
              type="button"
              className="secondary"
              disabled={counterWhy !== null}
              aria-describedby={counterWhy ? `counter-why-${p.id}` : undefined}
              onClick={() => onCounter(p)}
              data-testid={`counter-${p.id}`}
            >
              {c.counter}
            </button>
          </div>
          {sameWhy ? (
            <Reason id={`accept-why-${p.id}`} reason={acceptWhy && c.whyAnswer(acceptWhy)} />
          ) : (
            <>
              <Reason id={`accept-why-${p.id}`} reason={acceptWhy && c.whyAccept(acceptWhy)} />
              <Reason id={`reject-why-${p.id}`} reason={rejectWhy && c.whyReject(rejectWhy)} />
            </>
          )}
          <Reason id={`counter-why-${p.id}`} reason={counterWhy && c.whyCounter(counterWhy)} />
          {rejectOpen && (
            <details className="reject-note">
              <summary>{c.addNote}</summary>
              <label htmlFor={`reject-note-${p.id}`}>{c.rejectNote}</label>
              <input
                id={`reject-note-${p.id}`}
                value={note}
                // No maxLength (a long paste would be cut silently): the count shows it, the rule refuses it.
                aria-describedby={`reject-note-count-${p.id}`}
                onChange={(e) => setNote(e.target.value)}
                data-testid={`reject-note-${p.id}`}
              />
              <span className="hint" id={`reject-note-count-${p.id}`}>
                {t.seat.channels.count(note.length, m.scenario.rules.chatMaxLength)}
              </span>
            </details>
          )}
        </>
      )}
      {isOpen && !mineToAnswer && (
        <>
          <div className="actions">
            <button
              type="button"
              className="secondary"
              disabled={withdrawWhy !== null || move.pending}
              aria-describedby={withdrawWhy ? `withdraw-why-${p.id}` : undefined}
              onClick={() => move.run(withdrawMove)}
              data-testid={`withdraw-${p.id}`}
            >
              {c.withdraw}
            </button>
          </div>
          <Reason id={`withdraw-why-${p.id}`} reason={withdrawWhy && c.whyWithdraw(withdrawWhy)} />
          <p className="hint">{c.waiting(m.otherSide.name)}</p>
        </>
      )}
      <ServerError error={move.error} />
    </article>
  );
}
