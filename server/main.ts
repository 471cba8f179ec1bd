import { buildApp } from "./app";
import { reachableOrigin, signInLink } from "./auth/operator";
import { ConfigError, loadConfig } from "./config";
import { openDatabase } from "./db/connect";
import { holdDataDir } from "./db/dataDirLock";
import { setHeapGrowth } from "./heapGrowth";

/**
 * `npm start`: the server with the embedded database in DATA_DIR, or PostgreSQL when DATABASE_URL
 * is set. SIGTERM and SIGINT stop it gracefully: no new connections, moves in flight stored,
 * sockets closed, the database closed.
 */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  setHeapGrowth(config.HEAP_GROWING_PERCENT);
  const db = config.DATABASE_URL
    ? await openDatabase({ url: config.DATABASE_URL, poolSize: config.PG_POOL_SIZE })
    : await openDatabase({ dataDir: config.DATA_DIR });
  const release = db.kind === "embedded" ? holdDataDir(config.DATA_DIR) : () => {};
  const { app, newOperatorKey } = await buildApp(config, db);
  app.addHook("onClose", async () => {
    await db.close();
    release();
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    app.close().then(
      () => process.exit(0),
      (err) => {
        app.log.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));

  await app.listen({ port: config.PORT, host: config.HOST });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  app.log.info({ database: db.kind, port }, "Summitry is serving");
  const origin = reachableOrigin(config.PUBLIC_URL, config.HOST, port);
  // On standard output, not in the log: the key is a secret, and this is its one showing.
  if (newOperatorKey) {
    console.log(
      [
        "",
        "  Summitry is running. You are its operator: sign in (and invite other facilitators) at",
        `    ${signInLink(origin, newOperatorKey)}`,
        "  This link is shown once. Keep it; a lost one is replaced with: npm run keys -- operator",
        "",
      ].join("\n"),
    );
  } else {
    console.log(`\n  Summitry is running at ${origin}  (students join there; facilitators at ${origin}/facilitator)\n`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
