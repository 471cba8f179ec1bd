import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { hashSecret, newId, newSecret } from "../auth/secrets";
import type { AppContext } from "../context";

export async function miscRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/health",
    {
      schema: {
        tags: ["operations"],
        summary: "Liveness and which database serves",
        response: { 200: z.object({ status: z.literal("ok"), database: z.enum(["embedded", "postgres"]) }) },
      },
    },
    async () => {
      await ctx.db.query("SELECT 1");
      return { status: "ok" as const, database: ctx.db.kind };
    },
  );

  r.get(
    "/metrics",
    {
      schema: {
        tags: ["operations"],
        summary:
          "Moves handled, their time inside the server (socket message to acknowledgement), event-loop delay, memory",
        querystring: z.strictObject({ reset: z.enum(["true", "false"]).optional() }),
      },
    },
    async (request) => {
      const snapshot = ctx.metrics.snapshot();
      if (request.query.reset === "true") ctx.metrics.reset();
      return { ...snapshot, games: ctx.service.stats };
    },
  );

  r.post(
    "/api/facilitators",
    {
      schema: {
        tags: ["facilitators"],
        summary: "A new facilitator key: a teacher's identity across games",
        response: { 201: z.object({ facilitatorKey: z.string() }) },
      },
    },
    async (_request, reply) => {
      const facilitatorKey = newSecret("fk");
      await ctx.store.insertFacilitator(newId("f"), hashSecret(facilitatorKey));
      return reply.status(201).send({ facilitatorKey });
    },
  );
}
