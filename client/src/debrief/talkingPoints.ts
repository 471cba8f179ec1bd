import type { Debrief } from "./model";

/**
 * The three talking points on the report's first page, the page a teacher projects (issue #11):
 * figures computed from this game alone, so each table's report opens its own discussion.
 * - `left`: value left on the table, the model's figure (the cohort's too), against the best joint.
 * - `closest`: the proposal that came closest to a deal both sides could take: the one whose
 *   package with the draft of its moment (`withDraft`) had the largest smaller margin over the two
 *   sides' walk-aways at the end. With an agreement it says how the signed deal compares.
 * - `moved`: the issue whose proposed option changed most often from proposal to proposal (ties:
 *   the scenario's order), the issue the sides worked hardest on; null with no proposal naming one.
 */
export type TalkingPoints = {
  left: { points: number; joint: number; best: number };
  closest: {
    proposalId: string;
    /** What that package was worth to each side and its margin over that side's walk-away. */
    sides: { name: string; points: number; margin: number }[];
  } | null;
  moved: { title: string; changes: number; options: number } | null;
};

export function talkingPointsOf(model: Debrief): TalkingPoints {
  const s = model.effective;
  const reservation = (id: string) => s.sides.find((x) => x.id === id)?.reservation ?? 0;
  const nameOf = (id: string) => s.sides.find((x) => x.id === id)?.name ?? id;

  let closest: TalkingPoints["closest"] = null;
  let bestMin = Number.NEGATIVE_INFINITY;
  for (const curve of model.concessions) {
    for (const p of curve.proposals) {
      const mSelf = p.withDraft.self - reservation(curve.side);
      const mOther = p.withDraft.other - reservation(curve.other);
      const least = Math.min(mSelf, mOther);
      if (least > bestMin) {
        bestMin = least;
        closest = {
          proposalId: p.proposalId,
          sides: [
            { name: nameOf(curve.side), points: p.withDraft.self, margin: mSelf },
            { name: nameOf(curve.other), points: p.withDraft.other, margin: mOther },
          ],
        };
      }
    }
  }

  // Every proposal in the order made, whichever side made it.
  const ordered = model.concessions.flatMap((c) => c.proposals).sort((x, y) => x.seq - y.seq);
  let moved: TalkingPoints["moved"] = null;
  for (const issue of s.issues) {
    const named = ordered.map((p) => p.terms[issue.id]).filter((o): o is string => o !== undefined);
    if (named.length === 0) continue;
    let changes = 0;
    for (let k = 1; k < named.length; k++) if (named[k] !== named[k - 1]) changes++;
    if (!moved || changes > moved.changes) {
      moved = { title: issue.title, changes, options: new Set(named).size };
    }
  }

  return {
    left: {
      points: model.pointsLeftOnTable,
      joint: model.point.a + model.point.b,
      best: model.analysis.maxJoint.joint,
    },
    closest,
    moved,
  };
}
