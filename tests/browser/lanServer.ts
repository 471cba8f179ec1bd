import { createServer } from "node:net";
import { networkInterfaces } from "node:os";
import { inject } from "vitest";
import { buildApp } from "../../server/app";
import { loadConfig } from "../../server/config";
import { backends } from "../support/backends";
import { TEST_OPERATOR_KEY } from "../support/server";

// A server as `npm start` runs it in a classroom: on every address of the machine, so a student's
// phone reaches it at the laptop's network address, never at its own localhost.

/** A non-loopback IPv4 address of this machine: what a student's phone would reach. */
export const lan = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && a.family === "IPv4" && !a.internal)?.address;

if (!lan) console.warn("skipping the LAN-address browser tests: this machine has no non-loopback IPv4 address");

/** A port free on that address, to write PUBLIC_URL before the server starts. */
export function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, host, () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export type LanServer = Awaited<ReturnType<typeof serve>>;

/** A server on every address (`env.PORT`), with the built client, on a fresh embedded database. */
export async function serve(env: Record<string, string>) {
  const fresh = await backends[0]!.fresh();
  const port = Number(env.PORT);
  const config = loadConfig({
    HOST: "0.0.0.0",
    LOG_LEVEL: "warn",
    OPERATOR_KEY: TEST_OPERATOR_KEY,
    CLIENT_DIR: inject("clientDir"),
    ...env,
  });
  const built = await buildApp(config, fresh.db, { logStream: { write: () => {} } });
  await built.app.listen({ port, host: "0.0.0.0" });
  return {
    port,
    local: `http://127.0.0.1:${port}`,
    stop: async () => {
      await built.app.close();
      await fresh.db.close();
      await fresh.drop();
    },
  };
}
