import { z } from "zod";
import { crossCheck, formatPath, type Problem } from "./crossCheck";
import { type Scenario, scenarioSchema } from "./schema";

export type ParseScenarioResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/**
 * Validates a scenario document (already decoded from JSON, or a JSON string) and returns every
 * problem with its JSON path, the schema's and the cross-references' together.
 */
export function parseScenario(json: unknown): ParseScenarioResult {
  let doc = json;
  if (typeof json === "string") {
    try {
      doc = JSON.parse(json);
    } catch (err) {
      return { ok: false, problems: [{ path: "$", message: `not valid JSON: ${(err as Error).message}` }] };
    }
  }
  const parsed = scenarioSchema.safeParse(doc);
  const problems: Problem[] = parsed.success ? [] : flatten(parsed.error);
  problems.push(...crossCheck(doc));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: dedupe(problems) };
  return { ok: true, scenario: parsed.data };
}

function flatten(error: z.ZodError): Problem[] {
  const out: Problem[] = [];
  for (const issue of error.issues) {
    // A union that matched no branch: name the branch errors that got furthest, not just "invalid input".
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const best = issue.errors.reduce((a, b) => (score(b) > score(a) ? b : a));
      const nested = best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
      if (best.length > 0 && score(best) > 0) {
        out.push(...flatten(new z.ZodError(nested as z.core.$ZodIssue[])));
        continue;
      }
    }
    out.push({ path: formatPath(issue.path), message: issue.message });
  }
  return out;
}

// How far into a union branch its errors reached: deeper paths mean that branch's shape matched more.
function score(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => (i.code === "unrecognized_keys" ? 0 : i.path.length)));
}

function dedupe(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * The scenario format's JSON Schema id: `.invalid` is a reserved domain (RFC 2606), so the id names
 * the format and is never fetched; the server serves the schema at /api/scenario-schema.json.
 * The number is the format's: it changes only with an incompatible change of the format.
 */
export const SCENARIO_SCHEMA_ID = "https://summitry.invalid/schemas/scenario-1.json";

/**
 * The scenario format as JSON Schema, generated from the zod schema, for editors: a description
 * on every field (schema.ts's `.meta`), the fields one must write as `required` (the input side:
 * what a teacher types, not what parsing makes of it).
 */
export function scenarioJsonSchema(): Record<string, unknown> {
  const { $schema, title, description, ...rest } = z.toJSONSchema(scenarioSchema, {
    unrepresentable: "any",
    io: "input",
  });
  return { $schema, $id: SCENARIO_SCHEMA_ID, title, description, ...rest };
}
