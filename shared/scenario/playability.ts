import { type Analysis, analyze, type FrontierPoint } from "../analyze";
import { pointsAt } from "../concessions";
import type { FeedItem } from "../state";
import type { Problem, Severity } from "./crossCheck";
import { canHold, reachOf } from "./reachable";
import { GAME_PHASE_MINUTES, type Inject, type Scenario } from "./schema";

/**
 * Checks of playability, beside the structural ones (parse.ts, crossCheck.ts): a scenario can be
 * well formed and still unplayable (no phase opens signing, no package both sides prefer to walking
 * away). They run on a scenario that parsed, so every reference in it is known to be good. Each
 * problem is an error (publishing is refused: no game of it can reach an agreement, or the
 * New-game form would refuse it) or a warning (it plays, but probably not as its designer meant).
 */

/** Above this share of packages beating both walk-aways, almost any deal will do (a warning). */
export const WIDE_ZONE = 0.8;

export type Zone = { packages: number; share: number };

/**
 * The work (gridWork) the analyses after point-shifting injects may take in one validation: one
 * more analysis of the widest scenario the format allows (12 issues of 6 options, points 0 to 100:
 * about 3e7, a second or more here), hundreds of the default's (1.4e5 each).
 */
export const INJECT_WORK_BUDGET = 40_000_000;

export type InjectPreview = {
  id: string;
  title: string;
  /** "deck", or the phase whose start fires it. */
  when: string;
  /** The zone of agreement just before it fires and just after; null where it was not computed (INJECT_WORK_BUDGET). */
  before: Zone | null;
  after: Zone | null;
};

/** What the analytics make of a scenario before any game of it: the scenario lab's preview. */
export type Preview = {
  totalPackages: number;
  zone: Zone;
  reservations: Record<string, number>;
  frontier: FrontierPoint[];
  nash: Analysis["nash"];
  injects: InjectPreview[];
};

export type Playability = { problems: Problem[]; preview: Preview };

export function checkPlayability(scenario: Scenario): Playability {
  const problems: Problem[] = [];
  const report = (severity: Severity, path: string, message: string) => problems.push({ path, message, severity });
  const reach = reachOf(scenario);
  const side = (id: string) => scenario.roles.find((r) => r.id === id)?.side;

  // Signing: without a phase that opens it, no game can end in an agreement.
  if (reach.lastSigning === null) {
    report(
      "error",
      "$.phases",
      'no phase opens signing ("sign" in its moves): no game of this scenario can reach an agreement',
    );
  }

  scenario.phases.forEach((phase, i) => {
    const at = `$.phases[${i}]`;
    if (phase.minutes < GAME_PHASE_MINUTES.min || phase.minutes > GAME_PHASE_MINUTES.max) {
      report(
        "error",
        `${at}.minutes`,
        `phase "${phase.id}" runs ${phase.minutes} minutes; a game accepts ${GAME_PHASE_MINUTES.min} to ${GAME_PHASE_MINUTES.max} minutes a phase, so the New-game form would refuse it`,
      );
    }
    // Acting roles matter where the phase opens the moves across the table that need an issue.
    if (!phase.moves.includes("propose") && !phase.moves.includes("accept")) return;
    // A warning, not an error: the phase still plays (the role may speak at the table, and others
    // move), but a role the designer named as acting with nothing of its own on the agenda can only
    // watch, which is seldom what was meant. Under "all" nobody was named, so nobody is reported.
    if (Array.isArray(phase.acting)) {
      phase.acting.forEach((roleId, j) => {
        const role = scenario.roles.find((r) => r.id === roleId)!;
        if (role.portfolio.some((issue) => phase.agenda.includes(issue))) return;
        report(
          "warning",
          `${at}.acting[${j}]`,
          `role "${roleId}" acts in phase "${phase.id}" but holds no issue on its agenda (${list(phase.agenda)}); its portfolio is ${list(role.portfolio)}`,
        );
      });
    }
  });

  // A backchannel is the one private line across the table; two roles of one side have their team channel.
  scenario.backchannels.forEach((b, i) => {
    const [x, y] = b.members;
    if (side(x) !== undefined && side(x) === side(y)) {
      report(
        "error",
        `$.backchannels[${i}].members`,
        `backchannel "${b.id}" joins "${x}" and "${y}", both of side "${side(x)}"; a backchannel joins the two sides (a side talks on its team channel)`,
      );
    }
  });

  // minimumIssues against the issues that can enter the draft before signing closes.
  const settleable = scenario.issues.filter((i) => (reach.settleIn.get(i.id) ?? []).length > 0).map((i) => i.id);
  if (reach.lastSigning !== null && scenario.rules.minimumIssues > settleable.length) {
    const last = scenario.phases[reach.lastSigning]!.id;
    report(
      "error",
      "$.rules.minimumIssues",
      `minimumIssues is ${scenario.rules.minimumIssues}, but only ${settleable.length} issues (${list(settleable)}) can be proposed and accepted across the table by the last phase that opens signing ("${last}"): no draft could be signed`,
    );
  }

  // Objectives: a condition that no ending can meet. An error when it promises points (the role's
  // brief holds out something the game cannot give), a warning for a penalty that never applies.
  scenario.roles.forEach((role, i) => {
    role.objectives.forEach((o, j) => {
      if (canHold(scenario, reach, o.when) !== false) return;
      report(
        o.points > 0 ? "error" : "warning",
        `$.roles[${i}].objectives[${j}].when`,
        `objective "${o.id}" of role "${role.id}" can never hold: no ending of a game (agreement or not, in any phase the draft can change) meets its condition`,
      );
    });
  });

  // The zone of agreement, before any inject and after each.
  const base = analyze(scenario);
  const judge = (path: string, zone: Zone, reservations: Record<string, number>, after: string) => {
    const walkAways = Object.entries(reservations)
      .map(([id, r]) => `${id} ${r}`)
      .join(", ");
    if (zone.packages === 0) {
      report(
        "error",
        path,
        `${after}no package beats both walk-aways (${walkAways}): the zone of agreement is empty, so no deal is worth signing to both sides`,
      );
    } else if (zone.share > WIDE_ZONE) {
      report(
        "warning",
        path,
        `${after}${percent(zone.share)} of packages beat both walk-aways (${walkAways}): almost any deal will do, so there is little to negotiate`,
      );
    }
  };
  judge("$", base.zopa, base.reservations, "");

  // One grid per distinct set of points: a walk-away shift only recounts the grid of the points
  // before it. The grids after point shifts share a budget of work, so that a large scenario with
  // many such injects cannot hold the server for seconds: past it, an inject is left unchecked
  // (and said to be), never judged on a guess.
  const grids = new Map<Scenario, Analysis | null>([[scenario, base]]);
  let work = 0;
  const gridOf = (s: Scenario): Analysis | null => {
    if (grids.has(s)) return grids.get(s)!;
    const cost = gridWork(s);
    const grid = work + cost <= INJECT_WORK_BUDGET ? analyze(s) : null;
    if (grid) work += cost;
    grids.set(s, grid);
    return grid;
  };
  const zones = new Map<Scenario, Zone | null>();
  const zoneOf = (s: Scenario): Zone | null => {
    if (!zones.has(s)) {
      const grid = gridOf(s);
      zones.set(s, grid && zoneAbove(grid, reservationsOf(s)));
    }
    return zones.get(s)!;
  };
  const injects = injectStages(scenario).map(({ inject, index, before, after }): InjectPreview => {
    if (!inject.effects.some((e) => "shiftPoints" in e)) grids.set(after, gridOf(before));
    const zone = zoneOf(after);
    const at = `$.injects[${index}]`;
    const when = inject.when === "deck" ? "played from the deck" : `at the start of "${inject.when.scheduled}"`;
    const prefix = `after inject "${inject.id}" (${when}): `;
    // Only an inject that moves points or walk-aways can move the zone; the rest would repeat the baseline's.
    if (before !== after && zone) judge(at, zone, reservationsOf(after), prefix);
    if (!zone) {
      report(
        "warning",
        at,
        `${prefix}the zone of agreement was not checked: this scenario's grid of scores is too large to analyse after every inject in one validation`,
      );
    }
    return {
      id: inject.id,
      title: inject.title,
      when: inject.when === "deck" ? "deck" : inject.when.scheduled,
      before: zoneOf(before),
      after: zone,
    };
  });

  return {
    problems,
    preview: {
      totalPackages: base.totalPackages,
      zone: base.zopa,
      reservations: base.reservations,
      frontier: base.frontier,
      nash: base.nash,
      injects,
    },
  };
}

/**
 * What analyze's grid costs for a scenario, in cells visited: each issue adds its options over the
 * box of score pairs reached so far, and the box grows by each side's spread of points on the issue.
 */
export function gridWork(s: Scenario): number {
  const [sideA, sideB] = s.sides.map((x) => x.id) as [string, string];
  let width = 1;
  let height = 1;
  let work = 0;
  for (const issue of s.issues) {
    const spread = (pts: readonly number[] | undefined) => (pts ? Math.max(...pts) - Math.min(...pts) : 0);
    work += width * height * issue.options.length;
    width += spread(issue.points[sideA]);
    height += spread(issue.points[sideB]);
  }
  return work;
}

const reservationsOf = (s: Scenario) => Object.fromEntries(s.sides.map((x) => [x.id, x.reservation]));

/** The packages of an analysis's grid strictly above both walk-aways (analyze's own zopa rule). */
function zoneAbove(a: Analysis, reservations: Record<string, number>): Zone {
  const [sideA, sideB] = a.sides;
  const resA = reservations[sideA]!;
  const resB = reservations[sideB]!;
  const packages = a.pairs.reduce((n, p) => (p.a > resA && p.b > resB ? n + p.packages : n), 0);
  return { packages, share: a.totalPackages === 0 ? 0 : packages / a.totalPackages };
}

export type Stage = { inject: Inject; index: number; before: Scenario; after: Scenario };

/**
 * Each inject with the points just before it fires and just after. Scheduled injects fire in their
 * phases' order, each on top of the earlier ones (every game that reaches the phase plays them). A
 * deck card may come at any time; it is judged on top of every scheduled inject, the points most of
 * a game is played on. The shifts are applied by the debrief's own `pointsAt`, so they mean here
 * what they mean in play. An inject that shifts nothing leaves the scenario object as it was.
 */
export function injectStages(scenario: Scenario): Stage[] {
  const phaseOf = (inj: Inject) =>
    inj.when === "deck"
      ? scenario.phases.length
      : scenario.phases.findIndex((p) => typeof inj.when === "object" && p.id === inj.when.scheduled);
  const shifts = (inj: Inject) => inj.effects.some((e) => "shiftPoints" in e || "shiftReservation" in e);
  const ordered = scenario.injects
    .map((inject, index) => ({ inject, index }))
    .sort((x, y) => phaseOf(x.inject) - phaseOf(y.inject) || x.index - y.index);
  const scheduled: Inject[] = [];
  let current = scenario;
  const stages: Stage[] = [];
  for (const { inject, index } of ordered) {
    const before = current;
    if (inject.when === "deck") {
      // Deck cards come after every scheduled one in `ordered`, so `current` is the scheduled injects' points.
      stages.push({
        inject,
        index,
        before,
        after: shifts(inject) ? withInjects(scenario, [...scheduled, inject]) : before,
      });
      continue;
    }
    scheduled.push(inject);
    if (shifts(inject)) current = withInjects(scenario, scheduled);
    stages.push({ inject, index, before, after: current });
  }
  return stages.sort((x, y) => x.index - y.index);
}

/** The scenario with these injects' point and walk-away shifts, as a game that played them scores it. */
function withInjects(scenario: Scenario, injects: readonly Inject[]): Scenario {
  const feed: FeedItem[] = injects.map((inj, seq) => ({
    seq,
    at: 0,
    kind: "inject",
    injectId: inj.id,
    title: inj.title,
    text: inj.text,
    to: null,
  }));
  return pointsAt(scenario, { feed }, Number.POSITIVE_INFINITY);
}

const list = (ids: readonly string[]) => (ids.length === 0 ? "none" : ids.join(", "));
const percent = (share: number) => `${Math.round(share * 100)}%`;
