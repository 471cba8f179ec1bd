import { describe, expect, it } from "vitest";
import { backends } from "../support/backends";
import { http, startServer } from "../support/server";

// /health says what an acknowledged move survives, so an operator need not read the README to
// know: the embedded database a process crash, PostgreSQL (fsync and synchronous_commit on) a power cut.

describe.each(backends)("/health ($name)", (backend) => {
  it("names the database and what its acknowledgements survive", async () => {
    const fresh = await backend.fresh();
    const server = await startServer(fresh.db);
    try {
      const h = await http(server.url, "GET", "/health");
      expect(h.status).toBe(200);
      expect(h.body).toMatchObject({
        status: "ok",
        database: backend.name,
        durability: backend.name === "embedded" ? "process-crash" : "power-loss",
      });
    } finally {
      await server.stop();
      await fresh.db.close();
      await fresh.drop();
    }
  });
});
