import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Analysis, analyze, fullPackage, scoreTerms } from "../shared/analyze";
import { type Scenario, scenarioSchema, type Terms } from "../shared/scenario/schema";

// ---------------------------------------------------------------------------------------------
// Fixtures

interface IssueSpec {
  id: string;
  a: number[];
  b: number[];
  noDeal: number;
}

const opt = (k: number) => `o${k}`;

/** A complete, schema-valid scenario around the given points; only the analytics inputs vary. */
function makeScenario(
  issues: IssueSpec[],
  reservations: [number, number],
  forecast: Terms,
  sides: [string, string] = ["washington", "beijing"],
): Scenario {
  const [sa, sb] = sides;
  return scenarioSchema.parse({
    id: "test",
    version: 1,
    title: "Test",
    summary: "A test scenario.",
    background: "",
    sides: [
      { id: sa, name: "Side A", brief: "", reservation: reservations[0], leader: `${sa}-lead` },
      { id: sb, name: "Side B", brief: "", reservation: reservations[1], leader: `${sb}-lead` },
    ],
    roles: [
      { id: `${sa}-lead`, side: sa, title: "Leader A", portfolio: [], brief: "", objectives: [], optional: false },
      { id: `${sb}-lead`, side: sb, title: "Leader B", portfolio: [], brief: "", objectives: [], optional: false },
    ],
    issues: issues.map((s) => ({
      id: s.id,
      title: s.id,
      description: "",
      options: s.a.map((_, k) => ({ id: opt(k), label: `option ${k}`, description: "" })),
      noDeal: opt(s.noDeal),
      points: { [sa]: s.a, [sb]: s.b },
    })),
    phases: [
      { id: "talks", title: "Talks", minutes: 10, agenda: [], acting: "all", moves: ["propose", "accept", "sign"] },
    ],
    backchannels: [],
    injects: [],
    forecast,
    debriefQuestions: [],
    rules: { minimumIssues: 0, revealAtEnd: true, maxOpenProposalsPerSide: 3, chatMaxLength: 500 },
  });
}

/** GAME.md, "The default scenario": the points table, reservations and forecast. */
function defaultScenario(): Scenario {
  const table: IssueSpec[] = [
    { id: "tariffs", a: [0, 8, 12, 14], b: [0, 8, 14, 20], noDeal: 0 },
    { id: "chips", a: [14, 12, 7, 0], b: [0, 5, 12, 16], noDeal: 1 },
    { id: "rareEarths", a: [0, 6, 13, 18], b: [14, 12, 7, 0], noDeal: 1 },
    { id: "fentanyl", a: [0, 4, 9, 12], b: [6, 5, 3, 0], noDeal: 0 },
    { id: "tiktok", a: [0, 2, 7, 9], b: [4, 6, 7, 0], noDeal: 1 },
    { id: "purchases", a: [0, 5, 10, 14], b: [6, 6, 4, 1], noDeal: 0 },
    { id: "investment", a: [0, 3, 6, 7], b: [0, 3, 7, 9], noDeal: 1 },
    { id: "taiwan", a: [12, 10, 4, 0], b: [0, 8, 16, 22], noDeal: 0 },
    { id: "framing", a: [0, 2, 3, 3], b: [0, 3, 5, 6], noDeal: 0 },
  ];
  const forecast: Terms = {};
  for (const s of table) forecast[s.id] = opt(s.id === "taiwan" ? 1 : s.id === "framing" ? 3 : 2);
  return makeScenario(table, [50, 53], forecast);
}

// ---------------------------------------------------------------------------------------------
// Brute force: every package, one by one (the thing analyze must never do, here as the oracle)

interface Pkg {
  picks: number[];
  a: number;
  b: number;
}

function sides(s: Scenario): [string, string] {
  return [s.sides[0]!.id, s.sides[1]!.id];
}

function forEachPackage(s: Scenario, visit: (p: Pkg) => void): void {
  const [sa, sb] = sides(s);
  const n = s.issues.length;
  const picks = new Array<number>(n).fill(0);
  const rec = (i: number, a: number, b: number) => {
    if (i === n) {
      visit({ picks, a, b });
      return;
    }
    const issue = s.issues[i]!;
    for (let k = 0; k < issue.options.length; k++) {
      picks[i] = k;
      rec(i + 1, a + issue.points[sa]![k]!, b + issue.points[sb]![k]!);
    }
  };
  rec(0, 0, 0);
}

const key = (a: number, b: number) => `${a},${b}`;

interface Brute {
  total: number;
  counts: Map<string, number>;
  pairs: { a: number; b: number }[];
  frontier: { a: number; b: number }[];
}

function brute(s: Scenario): Brute {
  const counts = new Map<string, number>();
  let total = 0;
  forEachPackage(s, ({ a, b }) => {
    total++;
    counts.set(key(a, b), (counts.get(key(a, b)) ?? 0) + 1);
  });
  const pairs = [...counts.keys()].map((k) => {
    const [a, b] = k.split(",").map(Number) as [number, number];
    return { a, b };
  });
  // The definition, literally: nothing reachable is at least as good for both and better for one.
  const frontier = pairs
    .filter((p) => !pairs.some((q) => q.a >= p.a && q.b >= p.b && (q.a > p.a || q.b > p.b)))
    .sort((p, q) => p.a - q.a);
  return { total, counts, pairs, frontier };
}

function scoreOf(s: Scenario, pkg: Terms): [number, number] {
  const [sa, sb] = sides(s);
  let a = 0;
  let b = 0;
  for (const issue of s.issues) {
    const id = pkg[issue.id];
    const k = issue.options.findIndex((o) => o.id === id);
    expect(k, `package names a real option for ${issue.id}`).toBeGreaterThanOrEqual(0);
    a += issue.points[sa]![k]!;
    b += issue.points[sb]![k]!;
  }
  return [a, b];
}

/** Every package the analysis hands out is complete and really scores the pair it claims. */
function checkRecovered(s: Scenario, r: Analysis): void {
  const [sa, sb] = sides(s);
  const claims: { package: Terms; scores: Record<string, number> }[] = [r.maxJoint, r.forecast];
  if (r.nash) claims.push(r.nash);
  if (r.deal) claims.push(r.deal, ...r.deal.better.examples);
  for (const c of claims) {
    expect(Object.keys(c.package).sort()).toEqual(s.issues.map((i) => i.id).sort());
    expect(scoreOf(s, c.package)).toEqual([c.scores[sa], c.scores[sb]]);
  }
}

/** Compares an analysis with the brute-force oracle on everything it reports. */
function checkAgainstBrute(s: Scenario, r: Analysis, bf: Brute, terms?: Terms): void {
  const [sa, sb] = sides(s);
  const resA = s.sides[0]!.reservation;
  const resB = s.sides[1]!.reservation;
  expect(r.sides).toEqual([sa, sb]);
  expect(r.reservations).toEqual({ [sa]: resA, [sb]: resB });
  expect(r.totalPackages).toBe(bf.total);

  // Pairs: the same set with the same counts, sorted by a then b.
  expect(r.pairs.length).toBe(bf.counts.size);
  for (const p of r.pairs) expect(p.packages).toBe(bf.counts.get(key(p.a, p.b)));
  const sorted = [...r.pairs].sort((p, q) => p.a - q.a || p.b - q.b);
  expect(r.pairs).toEqual(sorted);

  expect(r.frontier.map((f) => [f.scores[sa], f.scores[sb]])).toEqual(bf.frontier.map((p) => [p.a, p.b]));
  for (const f of r.frontier) expect(f.packages).toBe(bf.counts.get(key(f.scores[sa]!, f.scores[sb]!)));

  // maxJoint: highest sum, then most even split, then higher A.
  const mj = [...bf.pairs].sort(
    (p, q) => q.a + q.b - (p.a + p.b) || Math.abs(p.a - p.b) - Math.abs(q.a - q.b) || q.a - p.a,
  )[0]!;
  expect(r.maxJoint.joint).toBe(mj.a + mj.b);
  expect(r.maxJoint.scores).toEqual({ [sa]: mj.a, [sb]: mj.b });

  let zopa = 0;
  forEachPackage(s, ({ a, b }) => {
    if (a > resA && b > resB) zopa++;
  });
  expect(r.zopa.packages).toBe(zopa);
  expect(r.zopa.share).toBeCloseTo(zopa / bf.total, 12);

  // Nash over every package strictly above both reservations, with the documented tie-breaks.
  let nash: { a: number; b: number; product: number } | null = null;
  forEachPackage(s, ({ a, b }) => {
    if (a <= resA || b <= resB) return;
    const ga = a - resA;
    const gb = b - resB;
    const product = ga * gb;
    if (nash === null) {
      nash = { a, b, product };
      return;
    }
    const n: { a: number; b: number; product: number } = nash;
    const d = Math.abs(ga - gb);
    const nd = Math.abs(n.a - resA - (n.b - resB));
    if (
      product > n.product ||
      (product === n.product && (a + b > n.a + n.b || (a + b === n.a + n.b && (d < nd || (d === nd && a > n.a)))))
    ) {
      nash = { a, b, product };
    }
  });
  const bn = nash as { a: number; b: number; product: number } | null;
  if (bn === null) {
    expect(r.nash).toBeNull();
  } else {
    expect(r.nash).not.toBeNull();
    expect(r.nash!.product).toBe(bn.product);
    expect(r.nash!.scores).toEqual({ [sa]: bn.a, [sb]: bn.b });
  }

  const [fa, fb] = scoreOf(s, fullPackage(s, s.forecast));
  expect(r.forecast.scores).toEqual({ [sa]: fa, [sb]: fb });

  if (terms === undefined) {
    expect(r.deal ?? null).toBeNull();
  } else {
    const deal = r.deal!;
    expect(deal).toBeTruthy();
    const [da, db] = scoreOf(s, fullPackage(s, terms));
    expect(deal.scores).toEqual({ [sa]: da, [sb]: db });
    expect(deal.joint).toBe(da + db);
    expect(deal.pointsLeftOnTable).toBe(mj.a + mj.b - da - db);
    expect(deal.onFrontier).toBe(bf.frontier.some((p) => p.a === da && p.b === db));
    if (bn === null) {
      expect(deal.distanceFromNash).toBeNull();
      expect(deal.nashGap).toBeNull();
    } else {
      expect(deal.distanceFromNash).toBeCloseTo(Math.hypot(bn.a - da, bn.b - db), 9);
      expect(deal.nashGap).toEqual({ [sa]: bn.a - da, [sb]: bn.b - db });
    }
    let better = 0;
    forEachPackage(s, ({ a, b }) => {
      if (a > da && b > db) better++;
    });
    expect(deal.better.packages).toBe(better);
    // Examples: distinct frontier pairs strictly better for both, the best joint scores first.
    const dominating = bf.frontier.filter((p) => p.a > da && p.b > db);
    const ex = deal.better.examples.map((e) => ({ a: e.scores[sa]!, b: e.scores[sb]! }));
    expect(ex.length).toBe(Math.min(5, dominating.length));
    expect(new Set(ex.map((p) => key(p.a, p.b))).size).toBe(ex.length);
    for (const p of ex) expect(dominating.some((q) => q.a === p.a && q.b === p.b)).toBe(true);
    const topJoints = dominating
      .map((p) => p.a + p.b)
      .sort((x, y) => y - x)
      .slice(0, 5);
    expect(ex.map((p) => p.a + p.b)).toEqual(topJoints);
    if (better > 0) expect(ex.length).toBeGreaterThan(0);
  }
  checkRecovered(s, r);
}

// ---------------------------------------------------------------------------------------------

describe("analyze: the default scenario reproduces GAME.md", () => {
  const s = defaultScenario();
  const r = analyze(s);

  it("counts 4^9 packages", () => {
    expect(r.totalPackages).toBe(4 ** 9);
    expect(r.sides).toEqual(["washington", "beijing"]);
    expect(r.reservations).toEqual({ washington: 50, beijing: 53 });
  });

  it("has a best joint package worth 161 (77 / 84)", () => {
    expect(r.maxJoint.joint).toBe(161);
    expect(r.maxJoint.scores).toEqual({ washington: 77, beijing: 84 });
  });

  it("puts the Nash package at 77 / 84", () => {
    expect(r.nash).not.toBeNull();
    expect(r.nash!.scores).toEqual({ washington: 77, beijing: 84 });
    expect(r.nash!.product).toBe((77 - 50) * (84 - 53));
  });

  it("scores the essay's forecast 77 / 68", () => {
    expect(r.forecast.scores).toEqual({ washington: 77, beijing: 68 });
    expect(r.forecast.package).toEqual({
      tariffs: "o2",
      chips: "o2",
      rareEarths: "o2",
      fentanyl: "o2",
      tiktok: "o2",
      purchases: "o2",
      investment: "o2",
      taiwan: "o1",
      framing: "o3",
    });
  });

  it("has about 38% of packages beating both reservations (strictly)", () => {
    expect(r.zopa.packages).toBe(99_072);
    expect(r.zopa.share).toBeGreaterThanOrEqual(0.36);
    expect(r.zopa.share).toBeLessThanOrEqual(0.4);
    // Why strictly: counting packages that merely match a reservation gives 41%, not "about 38%".
    let atLeast = 0;
    for (const p of r.pairs) if (p.a >= 50 && p.b >= 53) atLeast += p.packages;
    expect(atLeast).toBe(108_203);
  });

  it("finds 146 as the best package that splits every difference (options 1–2 only)", () => {
    let best = Number.NEGATIVE_INFINITY;
    for (let mask = 0; mask < 2 ** s.issues.length; mask++) {
      const pkg: Terms = {};
      s.issues.forEach((issue, i) => {
        pkg[issue.id] = opt(1 + ((mask >> i) & 1));
      });
      const [a, b] = scoreOf(s, pkg);
      best = Math.max(best, a + b);
    }
    expect(best).toBe(146);
    expect(r.maxJoint.joint - best).toBe(15);
  });

  it("passes the balance tests", () => {
    // A zone of possible agreement exists and is neither trivial nor everything.
    expect(r.zopa.share).toBeGreaterThanOrEqual(0.2);
    expect(r.zopa.share).toBeLessThanOrEqual(0.6);
    // Splitting every difference is far below the frontier.
    let middle = Number.NEGATIVE_INFINITY;
    for (let mask = 0; mask < 2 ** s.issues.length; mask++) {
      const pkg: Terms = {};
      s.issues.forEach((issue, i) => {
        pkg[issue.id] = opt(1 + ((mask >> i) & 1));
      });
      const [a, b] = scoreOf(s, pkg);
      middle = Math.max(middle, a + b);
    }
    expect(r.maxJoint.joint - middle).toBeGreaterThanOrEqual(10);
    // Trading across issues reaches a Nash package that both sides prefer to walking away.
    expect(r.nash!.scores.washington!).toBeGreaterThan(50);
    expect(r.nash!.scores.beijing!).toBeGreaterThan(53);
  });

  it("hands out packages that score what they claim", () => {
    checkRecovered(s, r);
    for (const f of r.frontier) expect(f.packages).toBeGreaterThan(0);
  });
});

describe("analyze agrees with brute force", () => {
  it("on the default scenario (262,144 packages) with several deals", () => {
    const s = defaultScenario();
    const bf = brute(s);
    checkAgainstBrute(s, analyze(s), bf);
    const nashPkg = analyze(s).nash!.package;
    const dealTerms: Terms[] = [
      {}, // no agreement on anything: every issue at noDeal
      s.forecast,
      nashPkg,
      { tariffs: "o2", taiwan: "o1" },
      { tariffs: "o3", chips: "o0", rareEarths: "o3", taiwan: "o3", purchases: "o1" },
      Object.fromEntries(s.issues.map((i) => [i.id, "o1"])),
    ];
    for (const terms of dealTerms) checkAgainstBrute(s, analyze(s, terms), bf, terms);
  }, 60_000);

  it("on the default scenario: a deal at the Nash package is on the frontier with nothing better", () => {
    const s = defaultScenario();
    const r0 = analyze(s);
    const r = analyze(s, r0.nash!.package);
    expect(r.deal!.onFrontier).toBe(true);
    expect(r.deal!.distanceFromNash).toBe(0);
    expect(r.deal!.pointsLeftOnTable).toBe(0);
    expect(r.deal!.better.packages).toBe(0);
    expect(r.deal!.better.examples).toEqual([]);
    expect(r.deal!.nashGap).toEqual({ washington: 0, beijing: 0 });
  });

  const issueArb = (maxAbs: number) =>
    fc.integer({ min: 2, max: 4 }).chain((n) =>
      fc.record({
        a: fc.array(fc.integer({ min: -maxAbs, max: maxAbs }), { minLength: n, maxLength: n }),
        b: fc.array(fc.integer({ min: -maxAbs, max: maxAbs }), { minLength: n, maxLength: n }),
        noDeal: fc.integer({ min: 0, max: n - 1 }),
        forecast: fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: undefined }),
        term: fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: undefined }),
      }),
    );
  const scenarioArb = (maxAbs: number) =>
    fc.record({
      issues: fc.array(issueArb(maxAbs), { minLength: 2, maxLength: 5 }),
      resA: fc.integer({ min: -5 * maxAbs, max: 5 * maxAbs }),
      resB: fc.integer({ min: -5 * maxAbs, max: 5 * maxAbs }),
      withDeal: fc.boolean(),
    });

  const property = (maxAbs: number) =>
    fc.property(scenarioArb(maxAbs), ({ issues, resA, resB, withDeal }) => {
      const specs = issues.map((x, i) => ({ id: `i${i}`, a: x.a, b: x.b, noDeal: x.noDeal }));
      const forecast: Terms = {};
      const terms: Terms = {};
      issues.forEach((x, i) => {
        if (x.forecast !== undefined) forecast[`i${i}`] = opt(x.forecast);
        if (x.term !== undefined) terms[`i${i}`] = opt(x.term);
      });
      // Side ids other than the default's, so nothing leans on "washington"/"beijing".
      const s = makeScenario(specs, [resA, resB], forecast, ["north", "south"]);
      const t = withDeal ? terms : undefined;
      checkAgainstBrute(s, analyze(s, t), brute(s), t);
    });

  it("on random small scenarios (2–5 issues, 2–4 options, points in [-10, 10])", () => {
    fc.assert(property(10), { numRuns: 300 });
  }, 60_000);

  it("on random small scenarios with many ties (points in [-2, 2])", () => {
    fc.assert(property(2), { numRuns: 300 });
  }, 60_000);
});

describe("analyze at the size limit", () => {
  it("counts 6^12 packages exactly on a 12 × 6 scenario and recovers real packages", () => {
    let seed = 12345;
    const rand = (n: number) => {
      // A small LCG: deterministic points without Math.random.
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const specs: IssueSpec[] = Array.from({ length: 12 }, (_, i) => ({
      id: `i${i}`,
      a: Array.from({ length: 6 }, () => rand(21)),
      b: Array.from({ length: 6 }, () => rand(21)),
      noDeal: 0,
    }));
    const s = makeScenario(specs, [100, 100], {});
    const terms = { i0: "o3", i5: "o2" };
    const r = analyze(s, terms);
    expect(r.totalPackages).toBe(6 ** 12);
    expect(r.pairs.reduce((t, p) => t + p.packages, 0)).toBe(6 ** 12);
    checkRecovered(s, r);
    // Frontier: strictly decreasing B as A increases, and nothing reachable dominates a point.
    for (let i = 1; i < r.frontier.length; i++) {
      expect(r.frontier[i]!.scores.washington!).toBeGreaterThan(r.frontier[i - 1]!.scores.washington!);
      expect(r.frontier[i]!.scores.beijing!).toBeLessThan(r.frontier[i - 1]!.scores.beijing!);
    }
    const maxB = new Map<number, number>();
    for (const p of r.pairs) maxB.set(p.a, Math.max(maxB.get(p.a) ?? Number.NEGATIVE_INFINITY, p.b));
    for (const f of r.frontier) {
      for (const [a, b] of maxB) {
        const fa = f.scores.washington!;
        const fb = f.scores.beijing!;
        expect(a >= fa && b >= fb && (a > fa || b > fb)).toBe(false);
      }
    }
  });
});

describe("scoreTerms and fullPackage", () => {
  const s = defaultScenario();

  it("fills missing issues with their noDeal option", () => {
    expect(fullPackage(s, { tariffs: "o3" })).toEqual({
      tariffs: "o3",
      chips: "o1",
      rareEarths: "o1",
      fentanyl: "o0",
      tiktok: "o1",
      purchases: "o0",
      investment: "o1",
      taiwan: "o0",
      framing: "o0",
    });
    // No agreement on anything: the sum of the noDeal points.
    expect(scoreTerms(s, {})).toEqual({
      washington: 0 + 12 + 6 + 0 + 2 + 0 + 3 + 12 + 0,
      beijing: 0 + 5 + 12 + 6 + 6 + 6 + 3 + 0 + 0,
    });
    expect(scoreTerms(s, s.forecast)).toEqual({ washington: 77, beijing: 68 });
  });

  it("throws a clear error on unknown ids", () => {
    expect(() => scoreTerms(s, { nope: "o1" })).toThrow(/Unknown issue "nope"/);
    expect(() => fullPackage(s, { tariffs: "o9" })).toThrow(/Unknown option "o9" for issue "tariffs"/);
    expect(() => analyze(s, { tariffs: "o9" })).toThrow(/Unknown option/);
    expect(() => analyze({ ...s, forecast: { nope: "o0" } })).toThrow(/Unknown issue/);
  });

  it("rejects points that do not fit the options", () => {
    const bad = structuredClone(s);
    bad.issues[0]!.points.washington = [1, 2, 3];
    expect(() => analyze(bad)).toThrow(/3 points for side "washington" but 4 options/);
  });
});
