import { type CreateClassBody, defaultLabel, MAX_TABLES, type Seating } from "../../shared/contract/classes";

/** A class's tables before any is stored: each table's label and who the roster seats where. */
export type ClassPlan = { tables: { label: string; seating: Seating }[] };

/**
 * Shares a class out: `tables` tables, or as many as the roster needs at `seatIds.length` seats a
 * table. The roster is dealt over the tables in turn (so tables fill evenly, not the first to the
 * brim and the last half empty), then, at each table, seat by seat in the scenario's order. A
 * problem is a sentence and the body's path it is about.
 */
export function planClass(
  body: Pick<CreateClassBody, "tables" | "roster" | "labels">,
  seatIds: string[],
): { ok: true; plan: ClassPlan } | { ok: false; path: string; message: string } {
  const roster = body.roster ?? [];
  const needed = Math.ceil(roster.length / Math.max(1, seatIds.length));
  const count = body.tables ?? body.labels?.length ?? needed;
  if (count < needed) {
    return {
      ok: false,
      path: "/tables",
      message: `${roster.length} names need ${needed} tables of ${seatIds.length} seats, not ${count}`,
    };
  }
  if (count > MAX_TABLES) {
    return {
      ok: false,
      path: "/roster",
      message: `at most ${MAX_TABLES} tables in a class (this roster needs ${count})`,
    };
  }
  if (body.labels && body.labels.length !== count) {
    return { ok: false, path: "/labels", message: `give one label per table (${count})` };
  }
  const tables = Array.from({ length: count }, (_, i) => ({
    label: body.labels?.[i] ?? defaultLabel(i),
    seating: {} as Seating,
  }));
  roster.forEach((name, i) => {
    const table = tables[i % count]!;
    const seat = seatIds[Math.floor(i / count)]!;
    table.seating[seat] = name;
  });
  return { ok: true, plan: { tables } };
}
