/**
 * Where each proposal of a list sits and which are open, kept beside the list so that the rules
 * (judge.ts), the reducer (apply.ts) and the compact view (view.ts) never scan a long game's whole
 * list on a move: a game of 100,000 moves holds some 30,000 proposals, and a scan per move (once
 * per seat in the views) made every move cost more than the one before (docs/performance.md).
 *
 * The index belongs to one array (a WeakMap entry): a new array gets a new index, built on its
 * first use in one pass. A list that grows in place (the live game's, apply.ts `append`) is caught
 * up from the length the index last saw, and one that shrank (a rolled-back dry run) drops what it
 * lost; the one in-place change that keeps the length, a proposal closed where it sits, is told
 * with `replaced`.
 */

export type IndexedProposal = { id: string; from: string; status: string; seq?: number; closedSeq?: number | null };

type Index = {
  length: number;
  /** Each position's id and closedSeq, so that a shrink knows what to drop. */
  ids: string[];
  closedSeqs: (number | null)[];
  /** The first position of each id (as `find` would say). */
  at: Map<string, number>;
  open: Set<number>;
  /** closedSeq → position: at most one proposal closes per event. */
  closedAt: Map<number, number>;
};

const indexes = new WeakMap<readonly IndexedProposal[], Index>();

function add(ix: Index, p: IndexedProposal, i: number): void {
  const closedSeq = typeof p.closedSeq === "number" ? p.closedSeq : null;
  ix.ids[i] = p.id;
  ix.closedSeqs[i] = closedSeq;
  if (!ix.at.has(p.id)) ix.at.set(p.id, i);
  if (p.status === "open") ix.open.add(i);
  if (closedSeq !== null) ix.closedAt.set(closedSeq, i);
}

function drop(ix: Index, i: number): void {
  const id = ix.ids[i]!;
  const closedSeq = ix.closedSeqs[i] ?? null;
  if (ix.at.get(id) === i) ix.at.delete(id);
  ix.open.delete(i);
  if (closedSeq !== null && ix.closedAt.get(closedSeq) === i) ix.closedAt.delete(closedSeq);
}

function indexOf(list: readonly IndexedProposal[]): Index {
  let ix = indexes.get(list);
  if (!ix) {
    ix = { length: 0, ids: [], closedSeqs: [], at: new Map(), open: new Set(), closedAt: new Map() };
    indexes.set(list, ix);
  }
  if (ix.length > list.length) {
    for (let i = list.length; i < ix.length; i++) drop(ix, i);
    ix.ids.length = list.length;
    ix.closedSeqs.length = list.length;
    ix.length = list.length;
  }
  for (let i = ix.length; i < list.length; i++) add(ix, list[i]!, i);
  ix.length = list.length;
  return ix;
}

/** The position of the first proposal with this id, or -1. */
export function proposalPosition(list: readonly IndexedProposal[], id: string): number {
  return indexOf(list).at.get(id) ?? -1;
}

/** The proposal with this id (the first, as `find` would say). */
export function proposalById<P extends IndexedProposal>(list: readonly P[], id: string): P | undefined {
  const i = proposalPosition(list, id);
  return i < 0 ? undefined : list[i];
}

/** The open proposals, in list order. */
export function openProposals<P extends IndexedProposal>(list: readonly P[]): P[] {
  return [...indexOf(list).open].sort((a, b) => a - b).map((i) => list[i]!);
}

/**
 * What the compact view carries (view.ts): the proposals event `seq` made or closed, in list
 * order (the client keeps the others from its whole view, client/src/core/mergeView.ts).
 */
export function proposalsChangedBy<P extends IndexedProposal>(list: readonly P[], seq: number): P[] {
  const ix = indexOf(list);
  const picked = new Set<number>();
  const closed = ix.closedAt.get(seq);
  if (closed !== undefined) picked.add(closed);
  // Made by this event: at the end, since proposals are appended in seq order.
  for (let i = list.length - 1; i >= 0 && list[i]!.seq === seq; i--) picked.add(i);
  return [...picked].sort((a, b) => a - b).map((i) => list[i]!);
}

/** The list's item at `i` was replaced in place: the index follows. */
export function replaced(list: readonly IndexedProposal[], i: number): void {
  const ix = indexes.get(list);
  if (!ix || i >= ix.length) return;
  drop(ix, i);
  add(ix, list[i]!, i);
}
