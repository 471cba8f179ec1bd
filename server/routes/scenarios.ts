import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  errorResponses,
  noContent,
  publishBody,
  published,
  scenarioList,
  scenarioParams,
  scenarioValidated,
  uploadChecked,
  uploaded,
  uploadQuery,
  versionQuery,
} from "../../shared/contract/index";
import { publicScenario, publicScenarioSchema, scenarioJsonSchema } from "../../shared/index";
import { validateScenario } from "../../shared/scenario/validate";
import { callerOf, keyFirst, optionalKey, requireKey, requireOperator } from "../auth/caller";
import type { AppContext } from "../context";
import { HttpError } from "../http/errors";

const unknownScenario = (id: string) => new HttpError(404, "unknown_scenario", `no scenario "${id}"`);

/**
 * Scenarios: the built-in ones for everyone; an upload for the key that uploaded it, unless the
 * operator made it public (PROTOCOL.md, "Who may do what"). A document never leaves the server
 * whole: reads give its public fields only.
 */
export async function scenarioRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const { store, scenarios } = ctx;
  const r = app.withTypeProvider<ZodTypeProvider>();
  const jsonSchema = scenarioJsonSchema();

  r.get(
    "/api/scenarios",
    {
      schema: {
        tags: ["scenarios"],
        summary: "The scenarios this caller may create games from (newest version of each): metadata only",
        security: [{ bearer: [] }, {}],
        response: { 200: scenarioList },
      },
    },
    async (request) => scenarios.list(await optionalKey(store, request)),
  );

  /** An upload's public fields are for its owner, the operator, a public one, or any token of a game made from it. */
  async function readable(request: FastifyRequest, id: string, version: number | undefined) {
    const caller = await callerOf(store, request);
    if (caller?.kind === "token") {
      const game = await store.game(caller.gameId);
      if (game?.scenarioId === id) return scenarios.findForGame(id, version);
      return scenarios.find(id, version, null);
    }
    return scenarios.find(id, version, caller?.kind === "key" ? caller.facilitator : null);
  }

  r.get(
    "/api/scenarios/:id",
    {
      schema: {
        tags: ["scenarios"],
        summary: "A scenario's public fields (no brief, points, reservation, objective or inject)",
        security: [{ bearer: [] }, {}],
        params: scenarioParams,
        querystring: versionQuery,
        response: { 200: publicScenarioSchema, ...errorResponses },
      },
    },
    async (request) => {
      const s = await readable(request, request.params.id, request.query.version);
      if (!s) throw unknownScenario(request.params.id);
      return publicScenario(s);
    },
  );

  r.get(
    "/api/scenario-schema.json",
    { schema: { tags: ["scenarios"], summary: "The scenario format as JSON Schema, for editors" } },
    async () => jsonSchema,
  );

  r.post(
    "/api/scenarios",
    {
      onRequest: keyFirst(store),
      schema: {
        tags: ["scenarios"],
        summary:
          "Upload a scenario (owned by the uploading key), or validate it with ?dryRun=true; 400 lists every problem with its JSON path",
        security: [{ bearer: [] }],
        querystring: uploadQuery,
        body: z.unknown(),
        response: {
          200: uploadChecked,
          201: uploaded,
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const owner = await requireKey(store, request);
      // Structure, then playability: an error refuses the upload with every problem (warnings
      // included, so the designer sees all at once); warnings alone go back with the answer.
      const parsed = validateScenario(request.body);
      if (!parsed.ok || !parsed.scenario) {
        const errors = parsed.problems.filter((p) => p.severity === "error").length;
        throw new HttpError(400, "invalid_scenario", `the scenario has ${errors} problem(s) that block publishing`, {
          problems: parsed.problems,
        });
      }
      const warnings = parsed.problems;
      const { id, version } = parsed.scenario;
      if (scenarios.isBuiltIn(id)) {
        throw new HttpError(409, "reserved_scenario_id", `"${id}" is a built-in scenario's id; choose another id`);
      }
      if (request.query.dryRun === "true") return reply.status(200).send({ ok: true as const, id, version, warnings });
      const added = await scenarios.add(parsed.scenario, owner);
      if (added === "taken") {
        throw new HttpError(
          409,
          "scenario_id_taken",
          `scenario id "${id}" belongs to another facilitator; choose another id`,
        );
      }
      if (added !== "added") {
        throw new HttpError(
          409,
          "scenario_exists",
          `scenario "${id}" version ${version} exists already; raise the version`,
        );
      }
      request.log.info({ scenarioId: id, version }, "scenario uploaded");
      return reply.status(201).send({ id, version, warnings });
    },
  );

  r.post(
    "/api/scenarios/validate",
    {
      // The key is checked before the body is read, as for an upload; the body limit is the server's.
      onRequest: keyFirst(store),
      schema: {
        tags: ["scenarios"],
        summary:
          "Validate a scenario without publishing it: every error and warning with its JSON path, and the analytics preview (zone of agreement, frontier, Nash, each inject's effect); nothing is stored",
        security: [{ bearer: [] }],
        body: z.unknown(),
        response: { 200: scenarioValidated, ...errorResponses },
      },
    },
    async (request) => {
      await requireKey(store, request);
      const checked = validateScenario(request.body);
      const problems = [...checked.problems];
      // Publishing would be refused for a built-in's id (409 on upload): the lab says so up front.
      if (checked.scenario && scenarios.isBuiltIn(checked.scenario.id)) {
        problems.unshift({
          path: "$.id",
          message: `"${checked.scenario.id}" is a built-in scenario's id; choose another id`,
          severity: "error",
        });
      }
      return {
        ok: !problems.some((p) => p.severity === "error"),
        problems,
        ...(checked.preview ? { preview: checked.preview } : {}),
      };
    },
  );

  r.delete(
    "/api/scenarios/:id",
    {
      schema: {
        tags: ["scenarios"],
        summary: "Delete an uploaded scenario (every version, or ?version=) that no game uses: its owner's key",
        security: [{ bearer: [] }],
        params: scenarioParams,
        querystring: versionQuery,
        response: { 204: noContent("deleted"), ...errorResponses },
      },
    },
    async (request, reply) => {
      const viewer = await requireKey(store, request);
      const result = await scenarios.remove(request.params.id, request.query.version, viewer);
      if (result === "unknown") throw unknownScenario(request.params.id);
      if (result === "not_owner") throw new HttpError(403, "forbidden", "only the scenario's owner may delete it");
      if (result === "in_use") {
        throw new HttpError(409, "scenario_in_use", "games were created from this scenario; it stays for their record");
      }
      request.log.info({ scenarioId: request.params.id, version: request.query.version }, "scenario deleted");
      return reply.status(204).send(null);
    },
  );

  r.post(
    "/api/scenarios/:id/public",
    {
      schema: {
        tags: ["scenarios"],
        summary:
          "Make an uploaded scenario public (every key may create games from it), or private again: the operator",
        security: [{ bearer: [] }],
        params: scenarioParams,
        body: publishBody,
        response: { 200: published, ...errorResponses },
      },
    },
    async (request) => {
      await requireOperator(store, request);
      if (!(await scenarios.setPublic(request.params.id, request.body.public))) {
        throw unknownScenario(request.params.id);
      }
      return { id: request.params.id, public: request.body.public };
    },
  );
}
