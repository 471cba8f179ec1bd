import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ConfigError, configSchema, loadConfig } from "../../server/config";

describe("configuration from the environment", () => {
  it("has defaults for a laptop: port 3000, the embedded database in ./data", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 3000, DATA_DIR: "./data", LOG_LEVEL: "info", SOCKET_MAX_MESSAGE_BYTES: 65536 });
    expect(c.DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ PORT: "eighty" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ DATABASE_URL: "mysql://x" }, "DATABASE_URL"],
    [{ LOG_LEVEL: "loud" }, "LOG_LEVEL"],
    [{ MOVE_BURST: "0" }, "MOVE_BURST"],
    [{ HEAP_GROWING_PERCENT: "-5" }, "HEAP_GROWING_PERCENT"],
    [{ HEAP_GROWING_PERCENT: "lots" }, "HEAP_GROWING_PERCENT"],
  ])("stops the start on %j with a message that names %s", (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
  });
});

describe("docker-compose.yml", () => {
  const compose = parse(readFileSync(new URL("../../docker-compose.yml", import.meta.url), "utf8"));
  const server = compose.services.server;
  const env: Record<string, string> = server.environment;

  it("sets only variables the server's configuration knows, and they parse", () => {
    const known = Object.keys(configSchema.shape);
    expect(Object.keys(env).filter((k) => !known.includes(k))).toEqual([]);
    const config = loadConfig(env);
    expect(config.DATABASE_URL).toMatch(/^postgres:\/\//);
  });

  it("points the server at its PostgreSQL service and publishes the configured port", () => {
    const db = new URL(env.DATABASE_URL!);
    expect(Object.keys(compose.services)).toContain(db.hostname);
    const pg = compose.services[db.hostname].environment;
    expect([db.username, db.password, db.pathname.slice(1)]).toEqual([
      pg.POSTGRES_USER,
      pg.POSTGRES_PASSWORD,
      pg.POSTGRES_DB,
    ]);
    expect(server.ports).toContain(`${env.PORT}:${env.PORT}`);
    expect(server.depends_on[db.hostname].condition).toBe("service_healthy");
  });

  // The text only: the path it describes (build, pack, install --omit=dev, start) is run for real
  // by tests/production.test.ts, since Docker does not run here.
  it("builds from a Dockerfile that builds, then runs node on the build with dependencies only", () => {
    const dockerfile = readFileSync(new URL("../../Dockerfile", import.meta.url), "utf8");
    expect(dockerfile).toMatch(/FROM \S+ AS build[\s\S]*RUN npm run build[\s\S]*\nFROM /);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/CMD \["node", "--enable-source-maps", "dist\/server\/main\.js"\]/);
    expect(dockerfile).toMatch(/\nUSER node\n/);
    expect(dockerfile).toMatch(/HEALTHCHECK [\s\S]*\/health/);
    expect(dockerfile).toMatch(/EXPOSE 3000/);
    expect(dockerfile).toContain("COPY migrations");
  });
});
