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

  const healthSchema = z.object({
    status: z.enum(["ok", "unavailable"]),
    database: z.enum(["embedded", "postgres"]),
    /** Whether the database answered this check (within HEALTH_TIMEOUT_MS). */
    databaseUp: z.boolean(),
    /**
     * What an acknowledged move survives: "process-crash" on the embedded database (PGlite never
     * calls fsync), "power-loss" on PostgreSQL with fsync and synchronous_commit on (its defaults).
     */
    durability: z.enum(["process-crash", "power-loss"]),
    /** Database connections lost since the process started (the pool's and the adapter's). */
    connectionsLost: z.int(),
    /** When the last was lost (ISO 8601), null if none was. */
    lastConnectionLostAt: z.iso.datetime().nullable(),
    /** On a 503: the one error shape every 4xx and 5xx has, beside the fields above. */
    error: z.object({ code: z.literal("unavailable"), message: z.string() }).optional(),
  });
  r.get(
    "/health",
    {
      schema: {
        tags: ["operations"],
        summary: "Liveness, which database serves, and whether it answers (503 while it does not)",
        response: { 200: healthSchema, 503: healthSchema },
      },
    },
    async (_request, reply) => {
      let settings: { fsync: string; commit: string } | null = null;
      const check =
        ctx.db.kind === "embedded"
          ? ctx.db.query("SELECT 1")
          : ctx.db
              .query<{ fsync: string; commit: string }>(
                "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS commit",
              )
              .then((r) => {
                settings = r.rows[0] ?? null;
              });
      const up = await answers(check, HEALTH_TIMEOUT_MS);
      const s = settings as { fsync: string; commit: string } | null;
      const body = {
        status: up ? ("ok" as const) : ("unavailable" as const),
        database: ctx.db.kind,
        durability:
          s !== null && s.fsync === "on" && s.commit !== "off" ? ("power-loss" as const) : ("process-crash" as const),
        databaseUp: up,
        connectionsLost: ctx.db.health.lost,
        lastConnectionLostAt:
          ctx.db.health.lastLostAt === null ? null : new Date(ctx.db.health.lastLostAt).toISOString(),
      };
      if (up) return reply.status(200).send(body);
      return reply
        .status(503)
        .send({ ...body, error: { code: "unavailable" as const, message: "the database is not answering" } });
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

/** A load balancer's check must not hang on a database that does not answer. */
const HEALTH_TIMEOUT_MS = 2_000;

function answers(query: Promise<unknown>, limitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), limitMs);
    query.then(
      () => resolve(true),
      () => resolve(false),
    );
    query.finally(() => clearTimeout(timer)).catch(() => {});
  });
}
