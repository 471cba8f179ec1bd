import { timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { errorSchema, type Health, health, metrics, noContent } from "../../shared/contract/index";
import { bearer, requireOperator } from "../auth/caller";
import { hashSecret } from "../auth/secrets";
import type { AppContext } from "../context";

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
        summary: "Liveness, which database serves, and whether it answers (503 while it does not)",
        response: { 200: health, 503: health },
      },
    },
    async (_request, reply) => {
      // PostgreSQL says whether it syncs to disk; the embedded database never does.
      type Settings = { fsync: string; commit: string };
      const check: Promise<Settings | null> =
        ctx.db.kind === "embedded"
          ? ctx.db.query("SELECT 1").then(() => null)
          : ctx.db
              .query<Settings>(
                "SELECT current_setting('fsync') AS fsync, current_setting('synchronous_commit') AS commit",
              )
              .then((r) => r.rows[0] ?? null);
      const answer = await answers(check, HEALTH_TIMEOUT_MS);
      const up = answer.ok;
      const s = answer.ok ? answer.value : null;
      const body: Health = {
        status: up ? "ok" : "unavailable",
        database: ctx.db.kind,
        durability: s !== null && s.fsync === "on" && s.commit !== "off" ? "power-loss" : "process-crash",
        databaseUp: up,
        connectionsLost: ctx.db.health.lost,
        lastConnectionLostAt:
          ctx.db.health.lastLostAt === null ? null : new Date(ctx.db.health.lastLostAt).toISOString(),
      };
      if (up) return reply.status(200).send(body);
      return reply
        .status(503)
        .send({ ...body, error: { code: "unavailable", message: "the database is not answering" } });
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
        response: { 200: metrics, 401: errorSchema, 403: errorSchema },
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
        response: { 204: noContent("reset"), 401: errorSchema, 403: errorSchema },
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

/** The query's value if it answers within `limitMs`; not ok if it fails or takes longer. */
function answers<T>(query: Promise<T>, limitMs: number): Promise<{ ok: true; value: T } | { ok: false }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ ok: false }), limitMs);
    query.then(
      (value) => resolve({ ok: true, value }),
      () => resolve({ ok: false }),
    );
    query.finally(() => clearTimeout(timer)).catch(() => {});
  });
}
