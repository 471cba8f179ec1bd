import { z } from "zod";
import { idSchema } from "../scenario/schema";
import { gameSetupSchema } from "../setup";
import { INT4_MAX, textSchema } from "../text";
import { createdGame } from "./games";
import { pathId } from "./http";

/**
 * Classes (issue #11): one form, N labelled games of one scenario with one set-up, created
 * together or not at all, linked by a class id. A class is a facilitator's own: another key
 * never sees it (404).
 */

/** At most this many tables in one class: a period's room, and a bounded transaction. */
export const MAX_TABLES = 20;
/** Names on one roster: every table full at the most seats a scenario may have. */
export const MAX_ROSTER = 400;

const label = textSchema({ max: 40, trim: true, min: 1 });
const name = textSchema({ max: 80, trim: true, min: 1 });

/** "Table A", "Table B"…: a class's default labels (past Z, "Table 27"). */
export const defaultLabel = (i: number) => `Table ${i < 26 ? String.fromCharCode(65 + i) : String(i + 1)}`;

/** How a class's seats are shared out: a number of tables, or a roster of names dealt over them. */
export const createClassBody = z
  .strictObject({
    scenarioId: idSchema,
    scenarioVersion: z.int().min(1).max(INT4_MAX).optional(),
    /** A name for the class (a period, a course); the scenario's title when left out. */
    title: textSchema({ max: 200, trim: true, min: 1 }).optional(),
    /** How many tables; with a roster, left out (the roster decides) or at least the roster needs. */
    tables: z.int().min(1).max(MAX_TABLES).optional(),
    /** Students to seat: dealt over the tables in turn, then seat by seat in the scenario's order. */
    roster: z.array(name).min(1).max(MAX_ROSTER).optional(),
    /** One of the scenario's timing plans (its `timingPlans`): every table's phase minutes; `phaseMinutes` beside it win. */
    timingPlan: idSchema.optional(),
    /** Each table's label, in order; "Table A", "Table B"… when left out. */
    labels: z.array(label).min(1).max(MAX_TABLES).optional(),
  })
  .extend(gameSetupSchema.shape)
  .superRefine((b, ctx) => {
    if (b.tables === undefined && b.roster === undefined)
      ctx.addIssue({ code: "custom", path: ["tables"], message: "give a number of tables or a roster of names" });
    if (b.labels && b.tables !== undefined && b.labels.length !== b.tables)
      ctx.addIssue({ code: "custom", path: ["labels"], message: `give one label per table (${b.tables})` });
    if (b.labels) {
      const seen = new Set<string>();
      b.labels.forEach((l, i) => {
        const key = l.toLocaleLowerCase();
        if (seen.has(key)) ctx.addIssue({ code: "custom", path: ["labels", i], message: `"${l}" labels two tables` });
        seen.add(key);
      });
    }
  });
export type CreateClassBody = z.input<typeof createClassBody>;

/** Who sits where at one table: seat id → the roster's name (only seats the roster filled). */
export const seatingSchema = z.record(z.string(), z.string());
export type Seating = z.infer<typeof seatingSchema>;

/** `POST /api/classes`: each table's secrets, told once (the server keeps their hashes only). */
export const createdClass = z.object({
  classId: z.string(),
  title: z.string(),
  tables: z.array(createdGame.extend({ label: z.string(), title: z.string(), seating: seatingSchema })),
});
export type CreatedClass = z.infer<typeof createdClass>;

/** One table of a class, as its owner reads it later (no codes: the server has only their hashes). */
export const classTable = z.object({
  gameId: z.string(),
  label: z.string(),
  title: z.string(),
  status: z.enum(["live", "over", "archived"]),
  phase: z.string(),
  seats: z.array(z.object({ id: z.string(), joined: z.boolean() })),
  seating: seatingSchema,
});
export type ClassTable = z.infer<typeof classTable>;

export const classSummary = z.object({
  classId: z.string(),
  title: z.string(),
  scenarioId: z.string(),
  scenarioVersion: z.int(),
  createdAt: z.string(),
  tables: z.array(classTable),
});
export type ClassSummary = z.infer<typeof classSummary>;
export const classList = z.array(classSummary);

export const classIdParams = z.object({ classId: pathId });
