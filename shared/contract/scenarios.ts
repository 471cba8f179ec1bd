import { z } from "zod";
import { idSchema } from "../scenario/schema";
import { queryFlag } from "./http";

/** Scenarios: listing, reading the public fields, upload, delete, publishing. */

/** `GET /api/scenarios`: metadata only, the newest version of each. */
export const scenarioListing = z.object({
  id: z.string(),
  version: z.int(),
  title: z.string(),
  summary: z.string(),
  builtIn: z.boolean(),
  public: z.boolean(),
  mine: z.boolean(),
});
export type ScenarioListing = z.infer<typeof scenarioListing>;
export const scenarioList = z.array(scenarioListing);

export const scenarioParams = z.object({ id: idSchema });
export const versionQuery = z.strictObject({ version: z.coerce.number().int().min(1).max(1_000_000).optional() });
export const uploadQuery = z.strictObject({ dryRun: queryFlag });

/**
 * One problem of a scenario (shared/scenario/crossCheck.ts's `Problem`): an error blocks publishing,
 * a warning is told beside a valid scenario (playability.ts).
 */
export const scenarioProblem = z.object({
  path: z.string(),
  message: z.string(),
  severity: z.enum(["error", "warning"]),
});
export type ScenarioProblem = z.infer<typeof scenarioProblem>;
/** `invalid_scenario`'s details as the scenario routes send them: every error and warning. */
export const scenarioProblems = z.object({ problems: z.array(scenarioProblem) });
const warnings = z.array(scenarioProblem);

/** `?dryRun=true`: the scenario is valid (nothing stored); its warnings, if any. */
export const uploadChecked = z.object({ ok: z.literal(true), id: z.string(), version: z.int(), warnings });
export const uploaded = z.object({ id: z.string(), version: z.int(), warnings });

const zone = z.object({
  /** Packages strictly above both walk-aways. */
  packages: z.number(),
  /** Their share of all packages, 0 to 1. */
  share: z.number(),
});
const sideScores = z.record(z.string(), z.number());
/** What the analytics make of a scenario before any game of it (shared/scenario/playability.ts's `Preview`). */
export const scenarioPreview = z.object({
  totalPackages: z.number(),
  zone,
  reservations: sideScores,
  frontier: z.array(z.object({ scores: sideScores, packages: z.number() })),
  nash: z.object({ scores: sideScores, product: z.number(), package: z.record(z.string(), z.string()) }).nullable(),
  // before/after null: not computed (too large a scenario to analyse after every inject in one validation).
  injects: z.array(
    z.object({ id: z.string(), title: z.string(), when: z.string(), before: zone.nullable(), after: zone.nullable() }),
  ),
});
export type ScenarioPreview = z.infer<typeof scenarioPreview>;
/**
 * `POST /api/scenarios/validate`: every error and warning, and the preview once the document is
 * sound (even with playability errors); nothing is stored.
 */
export const scenarioValidated = z.object({
  ok: z.boolean(),
  problems: z.array(scenarioProblem),
  preview: scenarioPreview.optional(),
});
export type ScenarioValidated = z.infer<typeof scenarioValidated>;
export const publishBody = z.strictObject({ public: z.boolean() });
export const published = z.object({ id: z.string(), public: z.boolean() });
