import { z } from "zod";
import { crossCheck, formatPath, type Problem } from "./crossCheck";
import { absent, at, idAt, type Key, kindOf, named, ownerOf } from "./naming";
import { type Scenario, scenarioSchema } from "./schema";

export type ParseScenarioResult = { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] };

/**
 * Validates a scenario document (already decoded from JSON, or a JSON string) and returns every
 * problem with its JSON path, the schema's and the cross-references' together. Each message names
 * the thing it is about by id where the document gives one (`role "cn-commerce" is missing…`), and a
 * field missing from several items of a list is one message naming them all, not one per item.
 */
export function parseScenario(json: unknown): ParseScenarioResult {
  let doc = json;
  if (typeof json === "string") {
    try {
      doc = JSON.parse(json);
    } catch (err) {
      return {
        ok: false,
        problems: [{ path: "$", message: `not valid JSON: ${(err as Error).message}`, severity: "error" }],
      };
    }
  }
  const parsed = scenarioSchema.safeParse(doc);
  const problems: Problem[] = parsed.success ? [] : schemaProblems(doc, parsed.error);
  problems.push(...crossCheck(doc));
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: dedupe(problems) };
  return { ok: true, scenario: parsed.data };
}

/** One zod issue as the designer reads it; `missing` when a required field is absent. */
type Found = { path: Key[]; message: string; missing?: { field: string; expects: string } };

function schemaProblems(doc: unknown, error: z.ZodError): Problem[] {
  const found = flatten(doc, error.issues);
  return groupMissing(doc, found).map((f) => ({ path: formatPath(f.path), message: f.message, severity: "error" }));
}

function flatten(doc: unknown, issues: readonly z.core.$ZodIssue[]): Found[] {
  const out: Found[] = [];
  for (const issue of issues) {
    const path = issue.path as Key[];
    // A field that is not there: one message naming the field and what it takes, whatever the
    // field's type (a union would otherwise answer a bare "Invalid input").
    const field = path.at(-1);
    if (typeof field === "string" && isAbsent(doc, path)) {
      const expects = expected(issue);
      const owner = ownerOf(doc, path.slice(0, -1));
      const what = `missing required field "${field}"${expects ? ` (${expects})` : ""}`;
      out.push({ path, message: owner ? `${owner} is ${what}` : what, missing: { field, expects } });
      continue;
    }
    // A union that matched no branch: name the branch errors that got furthest, not just "invalid input".
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const best = issue.errors.reduce((a, b) => (score(b) > score(a) ? b : a));
      if (best.length > 0 && score(best) > 0) {
        out.push(
          ...flatten(
            doc,
            best.map((i) => ({ ...i, path: [...path, ...i.path] }) as z.core.$ZodIssue),
          ),
        );
        continue;
      }
    }
    out.push({ path, message: named(doc, path, reworded(doc, issue)) });
  }
  return out;
}

// How far into a union branch its errors reached: deeper paths mean that branch's shape matched more.
function score(issues: readonly z.core.$ZodIssue[]): number {
  return Math.max(0, ...issues.map((i) => (i.code === "unrecognized_keys" ? 0 : i.path.length)));
}

/** The last key of `path` is not in an object that is there. */
function isAbsent(doc: unknown, path: readonly Key[]): boolean {
  const parent = at(doc, path.slice(0, -1));
  return typeof parent === "object" && parent !== null && !Array.isArray(parent) && at(doc, path) === absent;
}

/** What a field takes, in the designer's words, from the zod issue that found it missing. */
function expected(issue: z.core.$ZodIssue): string {
  if (issue.code === "invalid_union") {
    const each = issue.errors.map((branch) => (branch[0] ? expected(branch[0]) : "")).filter(Boolean);
    return [...new Set(each)].join(" or ");
  }
  if (issue.code === "invalid_value") return issue.values.map((v) => JSON.stringify(v)).join(" or ");
  if (issue.code !== "invalid_type") return "";
  const words: Record<string, string> = {
    boolean: "true or false",
    number: "a number",
    int: "a whole number",
    string: "text",
    array: "a list",
    tuple: "a list",
    object: "an object",
    record: "an object",
  };
  return words[issue.expected] ?? issue.expected;
}

/** The few zod messages that can say more from the document itself. */
function reworded(doc: unknown, issue: z.core.$ZodIssue): string {
  const sides = at(doc, ["sides"]);
  if (issue.path.length === 1 && issue.path[0] === "sides" && Array.isArray(sides) && sides.length !== 2) {
    const ids = sides.map((_, i) => idAt(sides, [i]) ?? `[${i}]`);
    return `a scenario has exactly two sides; this one has ${sides.length}: ${ids.join(", ") || "none"}`;
  }
  return issue.message;
}

/**
 * The same field missing from several items of one list (every role without `optional`) is one
 * message at the list, naming each item, rather than a copy per item.
 */
function groupMissing(doc: unknown, found: Found[]): Found[] {
  const groups = new Map<string, Found[]>();
  const keyOf = (f: Found) => {
    const listPath = f.path.slice(0, -2);
    return f.missing && typeof f.path.at(-2) === "number" ? JSON.stringify([listPath, f.missing.field]) : null;
  };
  for (const f of found) {
    const key = keyOf(f);
    if (key) groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const out: Found[] = [];
  const done = new Set<string>();
  for (const f of found) {
    const key = keyOf(f);
    const group = key ? groups.get(key)! : [];
    if (key === null || group.length < 2) {
      out.push(f);
      continue;
    }
    if (done.has(key)) continue;
    done.add(key);
    const listPath = f.path.slice(0, -2);
    const list = listPath.at(-1);
    const kind = kindOf(list) ?? "item";
    const items = group.map((g) => {
      const index = g.path.at(-2) as number;
      return idAt(doc, [...listPath, index]) ?? `[${index}]`;
    });
    const { field, expects } = f.missing!;
    out.push({
      path: listPath,
      message: `${group.length} ${kind === "item" ? "items" : `${kind}s`} (${items.join(", ")}) are missing required field "${field}"${expects ? ` (${expects})` : ""}`,
    });
  }
  return out;
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
