import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { bearer, requireOperator } from "../auth/caller";
import { hashSecret } from "../auth/secrets";
import type { AppContext } from "../context";
import { errorSchema } from "./schemas";

export async function miscRoutes(app: FastifyInstance, ctx: AppContext): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const metricsToken = ctx.config.METRICS_TOKEN ? hashSecret(ctx.config.METRICS_TOKEN) : null;

  /** The figures say how busy each game is: the operator's, or a scraper's with METRICS_TOKEN. */
  async function requireMetricsReader(request: FastifyRequest): Promise<void> {
    const secret = bearer(request);
    if (metricsToken && secret && timingSafeEqual(Buffer.from(hashSecret(secret)), Buffer.from(metricsToken))) return;
    await requireOperator(ctx.store, request);
  }

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
        security: [{ bearer: [] }],
        response: { 200: z.record(z.string(), z.unknown()), 401: errorSchema, 403: errorSchema },
      },
    },
    async (request) => {
      await requireMetricsReader(request);
      return { ...ctx.metrics.snapshot(), games: ctx.service.stats };
    },
  );

  r.post(
    "/metrics/reset",
    {
      schema: {
        tags: ["operations"],
        summary: "Start the figures afresh (a benchmark's phase): the operator or METRICS_TOKEN",
        security: [{ bearer: [] }],
        response: { 204: z.null().describe("reset"), 401: errorSchema, 403: errorSchema },
      },
    },
    async (request, reply) => {
      await requireMetricsReader(request);
      ctx.metrics.reset();
      return reply.status(204).send(null);
    },
  );
}
