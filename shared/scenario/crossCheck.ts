import { named } from "./naming";
import { LIMITS } from "./schema";

/**
 * The checks that relate one part of a scenario to another. They run on the raw document, beside
 * the zod schema rather than after it, so that a file with a type error in one place and a dangling
 * reference in another gets both back at once. Every read is therefore defensive: a malformed part
 * is the schema's to report, and is skipped here.
 */

/**
 * One thing wrong with a scenario, at its JSON path. An error blocks publishing; a warning
 * (playability.ts: a zone of agreement too wide, an acting role with nothing to move) is told to
 * the designer beside a scenario that is valid. Every structural problem is an error.
 */
export type Severity = "error" | "warning";
export type Problem = { path: string; message: string; severity: Severity };

type Path = (string | number)[];

export function formatPath(path: readonly PropertyKey[]): string {
  let out = "$";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else if (typeof key === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

/** Channel ids that the rules give their own meaning to. */
const RESERVED_IDS = new Set(["table", "press", "facilitator", "observer", "control", "all"]);

export function crossCheck(doc: unknown): Problem[] {
  const problems: Problem[] = [];
  // Each message names the things its path runs through by id (`issue "fish": …`), as parse.ts's do.
  const report = (path: Path, message: string) =>
    problems.push({ path: formatPath(path), message: named(doc, path, message), severity: "error" });
  if (!isObject(doc)) return problems;

  const sides = arr(doc.sides).filter(isObject);
  // The schema says once that a scenario has exactly two sides; the checks below hold only the first
  // two to a side's duties (points on every issue, a leader of its own), so that a third side is one
  // message, not one more per issue. A third side's id still counts as known where it is named.
  const seated = sides.slice(0, 2);
  const roles = arr(doc.roles);
  const issues = arr(doc.issues);
  const phases = arr(doc.phases);
  const backchannels = arr(doc.backchannels);
  const injects = arr(doc.injects);

  const sideIds = new Set(sides.map((s) => str(s.id)).filter((id): id is string => id !== undefined));
  const roleSide = new Map<string, string | undefined>();
  for (const r of roles) if (isObject(r) && str(r.id)) roleSide.set(str(r.id)!, str(r.side));
  const issueOptions = new Map<string, string[]>();
  for (const i of issues) {
    if (isObject(i) && str(i.id)) {
      issueOptions.set(
        str(i.id)!,
        arr(i.options).map((o) => (isObject(o) ? (str(o.id) ?? "") : "")),
      );
    }
  }
  const phaseIds = new Set(phases.map((p) => (isObject(p) ? str(p.id) : undefined)).filter(Boolean) as string[]);

  // Ids are unique across the whole scenario: a seat's id is its role's id, and channels, injects
  // and objectives are all addressed by id.
  const seen = new Map<string, string>();
  const claim = (id: unknown, path: Path) => {
    const s = str(id);
    if (s === undefined) return;
    const where = formatPath(path);
    const first = seen.get(s);
    if (first !== undefined) report(path, `id "${s}" is already used at ${first}; ids are unique across the scenario`);
    else seen.set(s, where);
    if (RESERVED_IDS.has(s) || s.startsWith("team")) report(path, `id "${s}" is reserved`);
  };
  claim(doc.id, ["id"]);
  sides.forEach((s, i) => {
    claim(s.id, ["sides", i, "id"]);
    if (s.id === "roles")
      report(["sides", i, "id"], 'a side may not be called "roles" (the outcome\'s scores use that key)');
  });
  roles.forEach((r, i) => {
    if (!isObject(r)) return;
    claim(r.id, ["roles", i, "id"]);
    arr(r.objectives).forEach((o, j) => {
      isObject(o) && claim(o.id, ["roles", i, "objectives", j, "id"]);
    });
  });
  issues.forEach((x, i) => {
    isObject(x) && claim(x.id, ["issues", i, "id"]);
  });
  phases.forEach((x, i) => {
    isObject(x) && claim(x.id, ["phases", i, "id"]);
  });
  backchannels.forEach((x, i) => {
    isObject(x) && claim(x.id, ["backchannels", i, "id"]);
  });
  injects.forEach((x, i) => {
    isObject(x) && claim(x.id, ["injects", i, "id"]);
  });
  const timingPlans = arr(doc.timingPlans);
  timingPlans.forEach((x, i) => {
    isObject(x) && claim(x.id, ["timingPlans", i, "id"]);
  });

  const checkSide = (v: unknown, path: Path) => {
    const s = str(v);
    if (s !== undefined && !sideIds.has(s)) report(path, `unknown side "${s}"`);
  };
  const checkRole = (v: unknown, path: Path) => {
    const s = str(v);
    if (s !== undefined && !roleSide.has(s)) report(path, `unknown role "${s}"`);
  };
  const checkIssue = (v: unknown, path: Path): string | undefined => {
    const s = str(v);
    if (s === undefined) return undefined;
    if (!issueOptions.has(s)) {
      report(path, `unknown issue "${s}"`);
      return undefined;
    }
    return s;
  };
  const checkOption = (issue: string | undefined, v: unknown, path: Path) => {
    const s = str(v);
    if (issue === undefined || s === undefined) return;
    if (!issueOptions.get(issue)!.includes(s)) report(path, `issue "${issue}" has no option "${s}"`);
  };
  const checkPhase = (v: unknown, path: Path) => {
    const s = str(v);
    if (s !== undefined && !phaseIds.has(s)) report(path, `unknown phase "${s}"`);
  };

  // Sides: each has a leader, a role of its own side that every game has.
  seated.forEach((s, i) => {
    const leader = str(s.leader);
    if (leader === undefined) return;
    const leaderRole = roles.find((r) => isObject(r) && r.id === leader);
    if (!isObject(leaderRole)) report(["sides", i, "leader"], `leader "${leader}" is not a role`);
    else if (leaderRole.side !== s.id) report(["sides", i, "leader"], `leader "${leader}" belongs to another side`);
    else if (leaderRole.optional === true) report(["sides", i, "leader"], `leader "${leader}" may not be optional`);
    const count = roles.filter((r) => isObject(r) && r.side === s.id).length;
    if (count > LIMITS.maxRolesPerSide)
      report(["roles"], `side "${String(s.id)}" has ${count} roles; at most ${LIMITS.maxRolesPerSide}`);
  });

  roles.forEach((r, i) => {
    if (!isObject(r)) return;
    checkSide(r.side, ["roles", i, "side"]);
    const portfolio = arr(r.portfolio);
    portfolio.forEach((p, j) => {
      checkIssue(p, ["roles", i, "portfolio", j]);
    });
    if (new Set(portfolio).size !== portfolio.length) report(["roles", i, "portfolio"], "an issue is listed twice");
    arr(r.objectives).forEach((o, j) => {
      if (isObject(o)) checkCondition(o.when, ["roles", i, "objectives", j, "when"]);
    });
  });

  function checkCondition(c: unknown, path: Path, depth = 0): void {
    if (!isObject(c)) return;
    if (depth > 8) {
      report(path, "conditions nest at most 8 deep");
      return;
    }
    if (Array.isArray(c.all))
      c.all.forEach((x, k) => {
        checkCondition(x, [...path, "all", k], depth + 1);
      });
    if (Array.isArray(c.any))
      c.any.forEach((x, k) => {
        checkCondition(x, [...path, "any", k], depth + 1);
      });
    if (isObject(c.not)) checkCondition(c.not, [...path, "not"], depth + 1);
    if ("issue" in c) {
      const issue = checkIssue(c.issue, [...path, "issue"]);
      for (const key of ["atLeast", "atMost", "is"]) if (key in c) checkOption(issue, c[key], [...path, key]);
    }
    if ("walkedAwayBy" in c) checkSide(c.walkedAwayBy, [...path, "walkedAwayBy"]);
    if (isObject(c.settledIn)) {
      const issue = checkIssue(c.settledIn.issue, [...path, "settledIn", "issue"]);
      void issue;
      checkPhase(c.settledIn.phase, [...path, "settledIn", "phase"]);
    }
    if (
      isObject(c.settledCount) &&
      typeof c.settledCount.atLeast === "number" &&
      c.settledCount.atLeast > issues.length
    ) {
      report([...path, "settledCount", "atLeast"], `the scenario has only ${issues.length} issues`);
    }
  }

  // Issues: noDeal is one of the options; every side has one whole number per option.
  issues.forEach((x, i) => {
    if (!isObject(x)) return;
    const options = arr(x.options);
    const optionIds = options.map((o) => (isObject(o) ? str(o.id) : undefined));
    optionIds.forEach((id, j) => {
      if (id !== undefined && optionIds.indexOf(id) !== j)
        report(["issues", i, "options", j, "id"], `option id "${id}" is used twice in this issue`);
    });
    if (str(x.noDeal) !== undefined && !optionIds.includes(str(x.noDeal))) {
      report(["issues", i, "noDeal"], `"${String(x.noDeal)}" is not one of this issue's options`);
    }
    if (isObject(x.points)) {
      for (const sideId of seated.map((s) => str(s.id)).filter((id) => id !== undefined)) {
        // An own key only: a side named after an Object.prototype name must not find a function here.
        const pts = Object.hasOwn(x.points, sideId) ? x.points[sideId] : undefined;
        if (pts === undefined) report(["issues", i, "points"], `no points for side "${sideId}"`);
        else if (Array.isArray(pts) && pts.length !== options.length) {
          report(["issues", i, "points", sideId], `${pts.length} numbers for ${options.length} options`);
        }
      }
      for (const key of Object.keys(x.points))
        if (!sideIds.has(key)) report(["issues", i, "points", key], `unknown side "${key}"`);
    }
  });

  phases.forEach((p, i) => {
    if (!isObject(p)) return;
    arr(p.agenda).forEach((a, j) => {
      checkIssue(a, ["phases", i, "agenda", j]);
    });
    if (Array.isArray(p.acting))
      p.acting.forEach((a, j) => {
        checkRole(a, ["phases", i, "acting", j]);
      });
  });

  backchannels.forEach((b, i) => {
    if (!isObject(b) || !Array.isArray(b.members)) return;
    b.members.forEach((m, j) => {
      checkRole(m, ["backchannels", i, "members", j]);
    });
    if (b.members.length === 2 && b.members[0] === b.members[1])
      report(["backchannels", i, "members"], "a backchannel joins two different roles");
  });

  injects.forEach((inj, i) => {
    if (!isObject(inj)) return;
    if (isObject(inj.when)) checkPhase(inj.when.scheduled, ["injects", i, "when", "scheduled"]);
    arr(inj.effects).forEach((e, j) => {
      if (!isObject(e)) return;
      const path: Path = ["injects", i, "effects", j];
      if (isObject(e.shiftReservation)) checkSide(e.shiftReservation.side, [...path, "shiftReservation", "side"]);
      if (isObject(e.shiftPoints)) {
        checkSide(e.shiftPoints.side, [...path, "shiftPoints", "side"]);
        const issue = checkIssue(e.shiftPoints.issue, [...path, "shiftPoints", "issue"]);
        checkOption(issue, e.shiftPoints.option, [...path, "shiftPoints", "option"]);
      }
      if (isObject(e.reveal)) {
        arr(e.reveal.to).forEach((t, k) => {
          const s = str(t);
          if (s !== undefined && !sideIds.has(s) && !roleSide.has(s))
            report([...path, "reveal", "to", k], `"${s}" is neither a seat nor a side`);
        });
      }
      if (isObject(e.agenda)) {
        arr(e.agenda.add).forEach((a, k) => {
          checkIssue(a, [...path, "agenda", "add", k]);
        });
        arr(e.agenda.remove).forEach((a, k) => {
          checkIssue(a, [...path, "agenda", "remove", k]);
        });
      }
    });
  });

  // Timing plans: each names every phase once (a record cannot name one twice), and no other;
  // the minutes' range is the schema's (the range POST /api/games accepts).
  timingPlans.forEach((plan, i) => {
    if (!isObject(plan) || !isObject(plan.phaseMinutes)) return;
    for (const phaseId of Object.keys(plan.phaseMinutes))
      checkPhase(phaseId, ["timingPlans", i, "phaseMinutes", phaseId]);
    for (const phaseId of phaseIds) {
      if (!Object.hasOwn(plan.phaseMinutes, phaseId))
        report(["timingPlans", i, "phaseMinutes"], `no minutes for phase "${phaseId}"; a plan names every phase`);
    }
  });

  if (isObject(doc.forecast)) {
    for (const [issue, option] of Object.entries(doc.forecast)) {
      const known = checkIssue(issue, ["forecast", issue]);
      checkOption(known, option, ["forecast", issue]);
    }
  }

  if (isObject(doc.rules) && typeof doc.rules.minimumIssues === "number" && doc.rules.minimumIssues > issues.length) {
    report(["rules", "minimumIssues"], `the scenario has only ${issues.length} issues`);
  }

  return problems;
}
