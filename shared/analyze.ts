import type { Scenario, Terms } from "./scenario/schema";
import { completeTerms, effectiveScenario, scoresFor, signedEnding } from "./score";
import type { GameState, Scores } from "./state";

/**
 * Debrief analytics (GAME.md, "Debrief analytics").
 *
 * An uploaded scenario may have 6^12 ≈ two billion packages, so nothing here walks packages one by
 * one. Instead a dynamic programme adds issues one at a time over a dense grid of (score A, score B)
 * pairs, counting how many packages land on each pair. Points are whole numbers bounded by the
 * schema, so the grid is at most 2,401 × 2,401 even in the worst case, whatever the package count.
 * Everything the debrief shows (frontier, Nash, zone of agreement, the post-settlement step) is a
 * question about score pairs, and a single representative package for any pair is recovered by
 * backtracking through per-issue layers that remember which option first reached each cell.
 */

/** Points per side, keyed by side id. */
export type SideScores = Record<string, number>;

/** A complete package (every issue named) and what it is worth to each side. */
export interface ScoredPackage {
  package: Terms;
  scores: SideScores;
}

export interface FrontierPoint {
  scores: SideScores;
  /** How many packages score exactly this pair. */
  packages: number;
}

/** A distinct reachable score pair; `a` is side A's score (sides[0]), `b` side B's. */
export interface PairCount {
  a: number;
  b: number;
  packages: number;
}

export interface DealAnalysis {
  package: Terms;
  scores: SideScores;
  joint: number;
  onFrontier: boolean;
  pointsLeftOnTable: number;
  /** Euclidean distance in score space from the Nash pair; null when there is no Nash package. */
  distanceFromNash: number | null;
  /** Nash score minus deal score, per side; null when there is no Nash package. */
  nashGap: SideScores | null;
  better: {
    /** Packages strictly better than the deal for both sides. */
    packages: number;
    /** Up to five of them, one per frontier pair, best joint score first. */
    examples: ScoredPackage[];
  };
}

export interface Analysis {
  sides: [string, string];
  reservations: SideScores;
  totalPackages: number;
  /** Pareto-optimal distinct score pairs, side A's score ascending (so side B's descending). */
  frontier: FrontierPoint[];
  maxJoint: { joint: number; scores: SideScores; package: Terms };
  /** Packages strictly above both reservations; `share` is a fraction of all packages (0..1). */
  zopa: { packages: number; share: number };
  nash: { scores: SideScores; product: number; package: Terms } | null;
  forecast: ScoredPackage;
  /** Every distinct reachable pair, sorted by `a` then `b`. */
  pairs: PairCount[];
  deal: DealAnalysis | null;
}

// ---------------------------------------------------------------------------------------------
// Compiling a scenario into plain arrays

interface CompiledIssue {
  id: string;
  optionIds: string[];
  optionIndex: Map<string, number>;
  noDeal: number;
  a: number[];
  b: number[];
}

interface Compiled {
  sideA: string;
  sideB: string;
  issues: CompiledIssue[];
  issueIndex: Map<string, number>;
}

// The schema checks shapes but not cross-references (crossCheck.ts does). The grid relies on every
// points array being whole numbers of the right length, so a bad scenario must fail loudly here
// rather than silently produce a wrong frontier.
function compile(scenario: Scenario): Compiled {
  if (scenario.sides.length !== 2)
    throw new Error(`analyze: a scenario needs exactly two sides, got ${scenario.sides.length}`);
  const sideA = scenario.sides[0]!.id;
  const sideB = scenario.sides[1]!.id;
  if (sideA === sideB) throw new Error(`analyze: both sides are called "${sideA}"`);
  const issueIndex = new Map<string, number>();
  const issues = scenario.issues.map((issue, i): CompiledIssue => {
    if (issueIndex.has(issue.id)) throw new Error(`analyze: issue "${issue.id}" appears twice`);
    issueIndex.set(issue.id, i);
    const optionIds = issue.options.map((o) => o.id);
    // 255 is the most a Uint8Array back-pointer (option index + 1) can hold.
    if (optionIds.length < 1 || optionIds.length > 255) {
      throw new Error(`analyze: issue "${issue.id}" has ${optionIds.length} options`);
    }
    const optionIndex = new Map<string, number>();
    optionIds.forEach((id, k) => {
      if (optionIndex.has(id)) throw new Error(`analyze: issue "${issue.id}" has option "${id}" twice`);
      optionIndex.set(id, k);
    });
    const noDeal = optionIndex.get(issue.noDeal);
    if (noDeal === undefined)
      throw new Error(`analyze: issue "${issue.id}" has unknown noDeal option "${issue.noDeal}"`);
    const pointsFor = (side: string): number[] => {
      const pts = issue.points[side];
      if (!pts) throw new Error(`analyze: issue "${issue.id}" has no points for side "${side}"`);
      if (pts.length !== optionIds.length) {
        throw new Error(
          `analyze: issue "${issue.id}" has ${pts.length} points for side "${side}" but ${optionIds.length} options`,
        );
      }
      for (const p of pts) {
        if (!Number.isSafeInteger(p))
          throw new Error(`analyze: issue "${issue.id}" has non-integer points ${p} for "${side}"`);
      }
      return pts.slice();
    };
    return { id: issue.id, optionIds, optionIndex, noDeal, a: pointsFor(sideA), b: pointsFor(sideB) };
  });
  return { sideA, sideB, issues, issueIndex };
}

/** Option index per issue (scenario order) for a partial package; missing issues take noDeal. */
function choicesOf(c: Compiled, terms: Terms): number[] {
  const picks = c.issues.map((issue) => issue.noDeal);
  for (const [issueId, optionId] of Object.entries(terms)) {
    if (optionId === undefined) continue;
    const i = c.issueIndex.get(issueId);
    if (i === undefined) throw new Error(`Unknown issue "${issueId}" in terms`);
    const issue = c.issues[i]!;
    const k = issue.optionIndex.get(optionId);
    if (k === undefined) throw new Error(`Unknown option "${optionId}" for issue "${issueId}" in terms`);
    picks[i] = k;
  }
  return picks;
}

function packageOf(c: Compiled, picks: number[]): Terms {
  const pkg: Terms = {};
  c.issues.forEach((issue, i) => {
    pkg[issue.id] = issue.optionIds[picks[i]!]!;
  });
  return pkg;
}

function scoresOf(c: Compiled, a: number, b: number): SideScores {
  return { [c.sideA]: a, [c.sideB]: b };
}

function sumPicks(c: Compiled, picks: number[]): [number, number] {
  let a = 0;
  let b = 0;
  c.issues.forEach((issue, i) => {
    a += issue.a[picks[i]!]!;
    b += issue.b[picks[i]!]!;
  });
  return [a, b];
}

/** The complete package for partial terms: every issue named, missing ones at their noDeal option. */
export function fullPackage(scenario: Scenario, terms: Terms): Terms {
  const c = compile(scenario);
  return packageOf(c, choicesOf(c, terms));
}

/** Each side's points for partial terms (missing issues at noDeal). */
export function scoreTerms(scenario: Scenario, terms: Terms): SideScores {
  const c = compile(scenario);
  const [a, b] = sumPicks(c, choicesOf(c, terms));
  return scoresOf(c, a, b);
}

// ---------------------------------------------------------------------------------------------
// The score-pair grid

/**
 * Reachable pairs after some prefix of the issues. Cell (x, y) is the pair
 * (minA + x, minB + y), stored at x * height + y so that one side-A score is a contiguous column.
 */
interface Box {
  minA: number;
  minB: number;
  width: number;
  height: number;
}

interface Layer extends Box {
  /** Option index + 1 of the first option of this layer's issue that reached the cell; 0 = unreachable. */
  choice: Uint8Array;
}

interface Grid extends Box {
  counts: Float64Array;
  /** layers[i] covers the pairs reachable with issues 0..i. */
  layers: Layer[];
}

function buildGrid(c: Compiled): Grid {
  let box: Box = { minA: 0, minB: 0, width: 1, height: 1 };
  // One package (the empty one) scores (0, 0) before any issue is added.
  let counts = new Float64Array(1);
  counts[0] = 1;
  const layers: Layer[] = [];
  for (const issue of c.issues) {
    const loA = Math.min(...issue.a);
    const hiA = Math.max(...issue.a);
    const loB = Math.min(...issue.b);
    const hiB = Math.max(...issue.b);
    // The box of reachable sums grows by each side's spread on this issue only, so early layers
    // stay small and only the last few approach the full size.
    const next: Box = {
      minA: box.minA + loA,
      minB: box.minB + loB,
      width: box.width + hiA - loA,
      height: box.height + hiB - loB,
    };
    const nextCounts = new Float64Array(next.width * next.height);
    const choice = new Uint8Array(next.width * next.height);
    const { width, height } = box;
    // Which B scores are reachable in each column: many columns are sparse near the box corners,
    // and skipping empty rows and spans keeps the inner loop on live cells.
    const colLo = new Int32Array(width).fill(height);
    const colHi = new Int32Array(width).fill(-1);
    for (let x = 0; x < width; x++) {
      const base = x * height;
      for (let y = 0; y < height; y++) {
        if (counts[base + y] !== 0) {
          if (colLo[x] === height) colLo[x] = y;
          colHi[x] = y;
        }
      }
    }
    for (let k = 0; k < issue.a.length; k++) {
      const dA = issue.a[k]! - loA;
      const dB = issue.b[k]! - loB;
      const mark = k + 1;
      for (let x = 0; x < width; x++) {
        const hi = colHi[x]!;
        if (hi < 0) continue;
        const src = x * height;
        const dst = (x + dA) * next.height + dB;
        for (let y = colLo[x]!; y <= hi; y++) {
          const n = counts[src + y]!;
          if (n !== 0) {
            const t = dst + y;
            // Counts stay exact: at most 6^12 ≈ 2.2e9 packages in all, far below 2^53.
            nextCounts[t] = nextCounts[t]! + n;
            // Any option that reaches the cell is a valid way back; keeping the first is enough.
            if (choice[t] === 0) choice[t] = mark;
          }
        }
      }
    }
    layers.push({ ...next, choice });
    box = next;
    counts = nextCounts;
  }
  return { ...box, counts, layers };
}

/** One package scoring exactly (a, b), found by walking the layers backwards. */
function recover(c: Compiled, g: Grid, a: number, b: number): number[] {
  const picks: number[] = new Array(c.issues.length);
  let ra = a;
  let rb = b;
  for (let i = c.issues.length - 1; i >= 0; i--) {
    const layer = g.layers[i]!;
    const x = ra - layer.minA;
    const y = rb - layer.minB;
    const mark = x >= 0 && y >= 0 && x < layer.width && y < layer.height ? layer.choice[x * layer.height + y]! : 0;
    if (mark === 0) throw new Error(`analyze: internal error, pair (${a}, ${b}) is not reachable`);
    const k = mark - 1;
    picks[i] = k;
    ra -= c.issues[i]!.a[k]!;
    rb -= c.issues[i]!.b[k]!;
  }
  if (ra !== 0 || rb !== 0) throw new Error(`analyze: internal error, backtracking (${a}, ${b}) did not reach (0, 0)`);
  return picks;
}

/** Packages scoring strictly more than (a, b) for both sides. */
function countAbove(g: Grid, a: number, b: number): number {
  const x0 = Math.max(0, a + 1 - g.minA);
  const y0 = Math.max(0, b + 1 - g.minB);
  let total = 0;
  for (let x = x0; x < g.width; x++) {
    const base = x * g.height;
    for (let y = y0; y < g.height; y++) total += g.counts[base + y]!;
  }
  return total;
}

interface Pair {
  a: number;
  b: number;
  packages: number;
}

/**
 * Only the highest B score in each A column can be Pareto-optimal (the rest of the column is beaten
 * on B at equal A); it is optimal when it beats every B score to its right. One sweep from the
 * highest A score down therefore finds the whole frontier.
 */
function frontierOf(g: Grid): Pair[] {
  const out: Pair[] = [];
  let best = Number.NEGATIVE_INFINITY;
  for (let x = g.width - 1; x >= 0; x--) {
    const base = x * g.height;
    let y = g.height - 1;
    while (y >= 0 && g.counts[base + y] === 0) y--;
    if (y < 0) continue;
    const b = g.minB + y;
    if (b > best) {
      out.push({ a: g.minA + x, b, packages: g.counts[base + y]! });
      best = b;
    }
  }
  return out.reverse();
}

// ---------------------------------------------------------------------------------------------

/**
 * Debrief analytics for a scenario (with its effective points and reservations: inject shifts
 * already applied) and, optionally, the deal's terms (partial; missing issues at noDeal).
 * Throws on a scenario whose points do not fit its options and on unknown ids in `terms` or in the
 * scenario's forecast.
 */
export function analyze(scenario: Scenario, terms?: Terms): Analysis {
  const c = compile(scenario);
  const resA = scenario.sides[0]!.reservation;
  const resB = scenario.sides[1]!.reservation;
  const g = buildGrid(c);

  const pairs: PairCount[] = [];
  let totalPackages = 0;
  let zopaPackages = 0;
  for (let x = 0; x < g.width; x++) {
    const base = x * g.height;
    const a = g.minA + x;
    for (let y = 0; y < g.height; y++) {
      const n = g.counts[base + y]!;
      if (n === 0) continue;
      const b = g.minB + y;
      pairs.push({ a, b, packages: n });
      totalPackages += n;
      // Strictly above both reservations: GAME.md's packages "beat" both reservations, and a package
      // worth exactly a side's reservation leaves that side indifferent to walking away. It is also
      // the reading that reproduces the default's "about 38%": > gives 99,072 / 262,144 = 37.8%,
      // ≥ would give 108,203 = 41.3% (tests/analyze.test.ts pins both).
      if (a > resA && b > resB) zopaPackages += n;
    }
  }

  const front = frontierOf(g);

  // The best joint pair is always on the frontier (a pair that dominates another has a strictly
  // higher sum), so only the frontier needs scanning. Ties prefer the most even split, which is
  // the pair a facilitator would hold up as "the" efficient deal, then side A for determinism.
  let mj = front[0]!;
  for (const p of front) {
    const j = p.a + p.b;
    const bestJ = mj.a + mj.b;
    if (
      j > bestJ ||
      (j === bestJ && Math.abs(p.a - p.b) < Math.abs(mj.a - mj.b)) ||
      (j === bestJ && Math.abs(p.a - p.b) === Math.abs(mj.a - mj.b) && p.a > mj.a)
    ) {
      mj = p;
    }
  }
  const maxJoint = {
    joint: mj.a + mj.b,
    scores: scoresOf(c, mj.a, mj.b),
    package: packageOf(c, recover(c, g, mj.a, mj.b)),
  };

  // With both gains positive, a dominated pair has a strictly smaller product than the pair that
  // dominates it, so every Nash candidate (ties included) lies on the frontier. The final
  // "higher A" step only separates mirror-image ties, which no earlier criterion can.
  let nashPair: Pair | null = null;
  let nashProduct = 0;
  for (const p of front) {
    if (p.a <= resA || p.b <= resB) continue;
    const ga = p.a - resA;
    const gb = p.b - resB;
    const product = ga * gb;
    if (nashPair === null) {
      nashPair = p;
      nashProduct = product;
      continue;
    }
    const nga = nashPair.a - resA;
    const ngb = nashPair.b - resB;
    const joint = p.a + p.b;
    const nJoint = nashPair.a + nashPair.b;
    const better =
      product > nashProduct ||
      (product === nashProduct &&
        (joint > nJoint ||
          (joint === nJoint &&
            (Math.abs(ga - gb) < Math.abs(nga - ngb) ||
              (Math.abs(ga - gb) === Math.abs(nga - ngb) && p.a > nashPair.a)))));
    if (better) {
      nashPair = p;
      nashProduct = product;
    }
  }
  const nash =
    nashPair === null
      ? null
      : {
          scores: scoresOf(c, nashPair.a, nashPair.b),
          product: nashProduct,
          package: packageOf(c, recover(c, g, nashPair.a, nashPair.b)),
        };

  const forecastPicks = choicesOf(c, scenario.forecast);
  const [fa, fb] = sumPicks(c, forecastPicks);
  const forecast: ScoredPackage = { package: packageOf(c, forecastPicks), scores: scoresOf(c, fa, fb) };

  let deal: DealAnalysis | null = null;
  if (terms !== undefined) {
    const picks = choicesOf(c, terms);
    const [da, db] = sumPicks(c, picks);
    const joint = da + db;
    // Every package strictly better for both sides is dominated by (or is) a frontier pair that is
    // itself strictly better for both, so the examples run out only when no better package exists.
    const dominating = front
      .filter((p) => p.a > da && p.b > db)
      .sort(
        (p, q) =>
          q.a + q.b - (p.a + p.b) || Math.abs(p.a - da - (p.b - db)) - Math.abs(q.a - da - (q.b - db)) || q.a - p.a,
      )
      .slice(0, 5);
    deal = {
      package: packageOf(c, picks),
      scores: scoresOf(c, da, db),
      joint,
      onFrontier: front.some((p) => p.a === da && p.b === db),
      pointsLeftOnTable: maxJoint.joint - joint,
      distanceFromNash: nashPair === null ? null : Math.hypot(nashPair.a - da, nashPair.b - db),
      nashGap: nashPair === null ? null : scoresOf(c, nashPair.a - da, nashPair.b - db),
      better: {
        packages: countAbove(g, da, db),
        examples: dominating.map((p) => ({
          package: packageOf(c, recover(c, g, p.a, p.b)),
          scores: scoresOf(c, p.a, p.b),
        })),
      },
    };
  }

  return {
    sides: [c.sideA, c.sideB],
    reservations: { [c.sideA]: resA, [c.sideB]: resB },
    totalPackages,
    frontier: front.map((p) => ({ scores: scoresOf(c, p.a, p.b), packages: p.packages })),
    maxJoint,
    zopa: { packages: zopaPackages, share: totalPackages === 0 ? 0 : zopaPackages / totalPackages },
    nash,
    forecast,
    pairs,
    deal,
  };
}

// ---------------------------------------------------------------------------------------------
// One game's figures

/** A game's figures as the debrief and the cohort both show them (issue #11: one definition). */
export interface GameFigures {
  /** The scenario with the shifts of every inject the game played: the points it was scored on. */
  effective: Scenario;
  /** The analytics on those effective points against `terms`. */
  analysis: Analysis;
  /** The terms judged: the outcome's (complete), or a running game's draft as if signed now. */
  terms: Terms;
  /** Every side's and role's score: the outcome's, or the draft's if signed now. */
  scores: Scores;
  /** The outcome in score space (side A, side B): the deal's points, or with no deal each side's reservation. */
  point: { a: number; b: number };
  /**
   * The best joint score on the effective points minus the outcome's joint score. Computed against
   * the frontier after the injects, never the scenario's own: an inject that moves points moves
   * the frontier, and a game is judged on what its table could have reached.
   */
  pointsLeftOnTable: number;
}

/**
 * The figures of a game from its final state (the fold of its record): every figure the debrief and
 * the cohort print about value comes from here, so the two cannot disagree.
 */
export function gameFigures(final: GameState): GameFigures {
  const effective = effectiveScenario(final);
  const outcome = final.outcome;
  const terms = outcome ? outcome.terms : completeTerms(final.scenario, final.draft.terms);
  const analysis = analyze(effective, terms);
  const scores = outcome ? outcome.scores : scoresFor(effective, signedEnding(final));
  const [sideA, sideB] = analysis.sides;
  const point = { a: scores.sides[sideA] ?? 0, b: scores.sides[sideB] ?? 0 };
  return {
    effective,
    analysis,
    terms,
    scores,
    point,
    pointsLeftOnTable: analysis.maxJoint.joint - (point.a + point.b),
  };
}
