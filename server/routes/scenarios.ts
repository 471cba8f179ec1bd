import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { idSchema, parseScenario, publicScenario, publicScenarioSchema, scenarioJsonSchema } from "../../shared/index";
import type { AppContext } from "../context";
import { HttpError } from "../http/errors";
import { errorSchema } from "./schemas";

export async function scenarioRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const jsonSchema = scenarioJsonSchema();

  r.get(
    "/api/scenarios",
    {
      schema: {
        tags: ["scenarios"],
        summary: "The scenarios a game can be created from (newest version of each)",
        response: {
          200: z.array(z.object({ id: z.string(), version: z.int(), title: z.string(), summary: z.string() })),
        },
      },
    },
    async () =>
      (await ctx.scenarios.list()).map(({ id, version, title, summary }) => ({ id, version, title, summary })),
  );

  r.get(
    "/api/scenarios/:id",
    {
      schema: {
        tags: ["scenarios"],
        summary: "A scenario's public fields (no brief, points, reservation, objective or inject)",
        params: z.object({ id: idSchema }),
        querystring: z.strictObject({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: publicScenarioSchema, 400: errorSchema, 404: errorSchema },
      },
    },
    async (request) => {
      const s = await ctx.scenarios.find(request.params.id, request.query.version);
      if (!s) throw new HttpError(404, "unknown_scenario", `no scenario "${request.params.id}"`);
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
      schema: {
        tags: ["scenarios"],
        summary: "Upload a scenario; 400 lists every problem with its JSON path",
        body: z.unknown(),
        response: { 201: z.object({ id: z.string(), version: z.int() }), 400: errorSchema, 409: errorSchema },
      },
    },
    async (request, reply) => {
      const parsed = parseScenario(request.body);
      if (!parsed.ok) {
        throw new HttpError(400, "invalid_scenario", `the scenario has ${parsed.problems.length} problem(s)`, {
          problems: parsed.problems,
        });
      }
      const { id, version } = parsed.scenario;
      if (!(await ctx.scenarios.add(parsed.scenario))) {
        throw new HttpError(
          409,
          "scenario_exists",
          `scenario "${id}" version ${version} exists already; raise the version`,
        );
      }
      request.log.info({ scenarioId: id, version }, "scenario uploaded");
      return reply.status(201).send({ id, version });
    },
  );
}
