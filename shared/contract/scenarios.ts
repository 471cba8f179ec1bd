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
/** `?dryRun=true`: the scenario is valid (nothing stored). */
export const uploadChecked = z.object({ ok: z.literal(true), id: z.string(), version: z.int() });
export const uploaded = z.object({ id: z.string(), version: z.int() });
export const publishBody = z.strictObject({ public: z.boolean() });
export const published = z.object({ id: z.string(), public: z.boolean() });
