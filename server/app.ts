import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Logger } from "pino";
import { ensureOperator } from "./auth/operator";
import { newId } from "./auth/secrets";
import type { Config } from "./config";
import type { AppContext } from "./context";
import { appendBatch } from "./db/batchAppend";
import { BotStore } from "./db/botStore";
import type { Database } from "./db/connect";
import { GameStore } from "./db/gameStore";
import { EventNotices } from "./db/notices";
import { ScenarioStore } from "./db/scenarioStore";
import { BotRunner, type BotTurnFn } from "./games/botRunner";
import { GroupCommit } from "./games/groupCommit";
import { ScenarioRegistry } from "./games/scenarios";
import { GameService } from "./games/service";
import { fastifyErrorOptions, installErrorHandler, installErrorShape } from "./http/errors";
import { installInputGuards } from "./http/inputGuards";
import { swaggerOptions, swaggerUiOptions } from "./http/openapi";
import { registerSecurity } from "./http/security";
import { serverTimeouts } from "./http/timeouts";
import { installHttpLimits } from "./limits/http";
import { Limits } from "./limits/limits";
import { Metrics } from "./metrics";
import { addressRoutes } from "./routes/addresses";
import { botRoutes } from "./routes/bots";
import { classRoutes } from "./routes/classes";
import { facilitatorRoutes } from "./routes/facilitators";
import { gameRoutes } from "./routes/games";
import { labRoutes } from "./routes/lab";
import { miscRoutes } from "./routes/misc";
import { practiceRoutes } from "./routes/practice";
import { recordRoutes } from "./routes/record";
import { scenarioRoutes } from "./routes/scenarios";
import { Gateway } from "./socket/gateway";

export type App = {
  app: FastifyInstance;
  ctx: AppContext;
  gateway: Gateway;
  /** The operator's key when this start created it (print its sign-in link once), else null. */
  newOperatorKey: string | null;
};

/**
 * Builds the server on an open database: third-party plugins first, then the application's own
 * services, then the routes, then Socket.IO on the same HTTP server. `app.close()` stops taking
 * moves, waits for those in flight to be stored, closes the sockets, then the database.
 */
export async function buildApp(
  config: Config,
  db: Database,
  options: { logStream?: { write(line: string): void }; botTurn?: BotTurnFn } = {},
): Promise<App> {
  const app = Fastify({
    logger: {
      level: config.LOG_LEVEL,
      // Tokens travel in this header; a log line never carries one.
      redact: ["req.headers.authorization", "req.headers.cookie"],
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    bodyLimit: config.BODY_LIMIT_BYTES,
    // A hop count trusts that many proxies nearest this server (proxy-addr's rule).
    trustProxy:
      typeof config.TRUST_PROXY === "number"
        ? (
            (hops: number) => (_address: string, i: number) =>
              i < hops
          )(config.TRUST_PROXY)
        : config.TRUST_PROXY,
    genReqId: () => crypto.randomUUID(),
    ...serverTimeouts(config),
    // Fastify's own refusals (a bad URL, a malformed request, closing) in the one error shape.
    ...fastifyErrorOptions,
  });
  // JSON in and out: a text/plain body is refused as an unsupported media type, not half-parsed.
  app.removeContentTypeParser("text/plain");
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  await app.register(swagger, swaggerOptions);
  await app.register(swaggerUi, swaggerUiOptions);
  await registerSecurity(app);
  await app.register(rateLimit, { global: false });

  const store = new GameStore(db);
  const newOperatorKey = await ensureOperator(store.keys, config.OPERATOR_KEY);
  const log = app.log as unknown as Logger;
  // Several processes may share a PostgreSQL database; each listens for the others' events.
  let notices: EventNotices | null = null;
  const notice = db.url ? (gameId: string, seq: number) => notices!.encode(gameId, seq) : null;
  // Group commit (issue #13): moves of different games that arrive together share one statement.
  const group =
    config.APPEND_BATCH_MAX > 1
      ? new GroupCommit(
          (members) => appendBatch(db, members, notices?.origin ?? null),
          (m) =>
            store.appendEvent(m.gameId, m.event, m.head, notice?.(m.gameId, m.event.seq) ?? null, undefined, m.json),
          { maxBatch: config.APPEND_BATCH_MAX, inFlight: 2 },
        )
      : null;
  const service: GameService = new GameService(
    store,
    log,
    { snapshotEvery: config.SNAPSHOT_EVERY, idleEvictMs: config.IDLE_EVICT_SECONDS * 1000 },
    Date.now,
    notice,
    group,
  );
  if (db.url) {
    notices = new EventNotices(
      db.url,
      newId("p"),
      (n) => service.notifyRemote(n.gameId, n.seq),
      log,
      () => service.catchUpAll(),
    );
    await notices.start();
  }
  const scenarios = new ScenarioRegistry(new ScenarioStore(db));
  const metrics = new Metrics();
  const limits = new Limits(config, service);
  const base = { config, db, store, service, scenarios, log, metrics, limits };
  const gateway = new Gateway(app.server, base);
  const ctx: AppContext = { ...base, gateway };
  // Bots play seats through the service, as people do (server/games/botRunner.ts).
  const botStore = new BotStore(db);
  const bots = new BotRunner(service, botStore, log, config, options.botTurn);
  gateway.setBots((gameId) => botStore.ofGame(gameId));

  installErrorHandler(app);
  installErrorShape(app);
  installInputGuards(app);
  installHttpLimits(app, limits);
  // The built web client, when there is one: its files, and index.html for its own paths.
  const clientDir = resolve(config.CLIENT_DIR);
  const hasClient = existsSync(join(clientDir, "index.html"));
  if (hasClient) await app.register(fastifyStatic, { root: clientDir, wildcard: false, index: ["index.html"] });
  app.setNotFoundHandler({ preHandler: app.rateLimit({ max: 600, timeWindow: 60_000 }) }, (request, reply) => {
    const path = request.url.split("?")[0]!;
    const appPath = !/^\/(api|socket\.io|docs|health|metrics)(\/|$)/.test(path) && !/\.[a-z0-9]+$/i.test(path);
    if (hasClient && request.method === "GET" && appPath) return reply.type("text/html").sendFile("index.html");
    return reply.status(404).send({ error: { code: "not_found", message: `no route ${request.method} ${path}` } });
  });

  await app.register(async (scope) => miscRoutes(scope, ctx));
  await app.register(async (scope) => facilitatorRoutes(scope, ctx));
  await app.register(async (scope) => addressRoutes(scope, ctx));
  await app.register(async (scope) => scenarioRoutes(scope, ctx));
  await app.register(async (scope) => labRoutes(scope, ctx));
  await app.register(async (scope) => gameRoutes(scope, ctx));
  await app.register(async (scope) => classRoutes(scope, ctx));
  await app.register(async (scope) => recordRoutes(scope, ctx));
  await app.register(async (scope) => botRoutes(scope, ctx, bots));
  await app.register(async (scope) => practiceRoutes(scope, ctx, bots));

  const sweep = setInterval(() => service.evictIdle((id) => gateway.isWatched(id)), 60_000);
  sweep.unref();

  app.addHook("onReady", async () => {
    const armed = await service.armAll();
    if (armed > 0) app.log.info({ armed }, "deadlines armed");
    const seated = await bots.armAll();
    if (seated > 0) app.log.info({ seated }, "bots back in their seats");
  });
  app.addHook("preClose", async () => {
    clearInterval(sweep);
    // Bots first: a bot's move in flight is stored before the service stops taking moves.
    await bots.close();
    await service.close();
    await gateway.close();
    await notices?.close();
    metrics.close();
  });

  return { app, ctx, gateway, newOperatorKey };
}
