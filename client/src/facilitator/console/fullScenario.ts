import type { Scenario } from "../../../../shared/index";
import type { ClientView } from "../../core/mergeView";

/**
 * The whole scenario the analytics need, rebuilt from what the facilitator's view holds: the
 * public scenario and the secrets, with the effective points and reservations (inject shifts
 * applied). Injects are left out: `analyze` does not read them.
 */
export function fullScenario(view: ClientView): Scenario | null {
  const s = view.scenario;
  const secrets = view.secrets;
  if (!s || !secrets || secrets.sides.length !== 2) return null;
  return {
    ...s,
    sides: s.sides.map((side) => {
      const p = secrets.sides.find((x) => x.id === side.id);
      return {
        ...side,
        brief: p?.brief ?? "",
        reservation: p?.reservation ?? secrets.scores.reservations[side.id] ?? 0,
      };
    }),
    roles: s.roles.map((r) => {
      const p = secrets.roles.find((x) => x.id === r.id);
      return { ...r, brief: p?.brief ?? "", objectives: p?.objectives ?? [] };
    }),
    issues: s.issues.map((i) => ({
      ...i,
      points: Object.fromEntries(secrets.sides.map((side) => [side.id, side.points[i.id] ?? []])),
    })),
    injects: [],
  };
}

/** A key that changes exactly when the analytics' inputs do (points and reservations). */
export function analyticsKey(view: ClientView): string {
  const secrets = view.secrets;
  if (!secrets) return "";
  return JSON.stringify(secrets.sides.map((s) => [s.id, s.reservation, s.points]));
}
