import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reachableOrigin } from "../../server/auth/operator";
import { candidateOrigins } from "../../server/http/addresses";
import { addresses } from "../../shared/contract/index";
import { backends } from "../support/backends";
import { facilitatorKey, http, type Running, startServer } from "../support/server";

// Where students reach the server (issue #11): PUBLIC_URL when set, else this machine's LAN
// addresses, loopback only when there is nothing else; a facilitator's to read, nobody else's.

const lan = Object.values(networkInterfaces())
  .flat()
  .filter((a) => a && !a.internal && a.family === "IPv4")
  .map((a) => a!.address);

describe("candidate origins", () => {
  const lo = {
    address: "127.0.0.1",
    netmask: "255.0.0.0",
    family: "IPv4",
    mac: "",
    internal: true,
    cidr: null,
  } as const;
  const lo6 = { ...lo, address: "::1", family: "IPv6", scopeid: 0 } as const;
  const wifi = { ...lo, address: "192.168.1.20", internal: false } as const;
  const v6 = { ...lo6, address: "fd00::7", internal: false } as const;
  const linkLocal = { ...lo6, address: "fe80::1", internal: false, scopeid: 3 } as const;

  it("offers LAN addresses, IPv4 first, never loopback or link-local beside them", () => {
    const c = candidateOrigins("::", 3000, { lo: [lo, lo6], wlan0: [v6, linkLocal, wifi] });
    expect(c.map((x) => x.origin)).toEqual(["http://192.168.1.20:3000", "http://[fd00::7]:3000"]);
    expect(c.every((x) => !x.loopback)).toBe(true);
    expect(c[0]).toMatchObject({ interface: "wlan0", family: "IPv4" });
  });

  it("on 0.0.0.0 offers IPv4 only (the server listens on no IPv6 address)", () => {
    expect(candidateOrigins("0.0.0.0", 80, { wlan0: [v6, wifi] }).map((x) => x.origin)).toEqual([
      "http://192.168.1.20:80",
    ]);
  });

  it("offers loopback, marked so, only when there is nothing else; a server bound to one address only that", () => {
    expect(candidateOrigins("0.0.0.0", 3000, { lo: [lo] })).toEqual([
      { origin: "http://127.0.0.1:3000", interface: "lo", family: "IPv4", loopback: true },
    ]);
    expect(candidateOrigins("0.0.0.0", 3000, {})[0]).toMatchObject({ loopback: true });
    expect(candidateOrigins("127.0.0.1", 3000, { wlan0: [wifi] })).toEqual([
      { origin: "http://127.0.0.1:3000", interface: "HOST", family: "IPv4", loopback: true },
    ]);
    expect(candidateOrigins("10.1.2.3", 3000, { wlan0: [wifi] })[0]).toMatchObject({
      origin: "http://10.1.2.3:3000",
      loopback: false,
    });
  });

  it("gives the sign-in link PUBLIC_URL first, else the first candidate", () => {
    expect(reachableOrigin("https://class.example.org/", "0.0.0.0", 3000)).toBe("https://class.example.org");
    expect(reachableOrigin(undefined, "10.1.2.3", 3000)).toBe("http://10.1.2.3:3000");
  });
});

for (const backend of backends) {
  describe(`GET /api/addresses (${backend.name})`, () => {
    let plain: Running;
    let withUrl: Running;
    let drops: (() => Promise<void>)[] = [];
    let key: string;
    let game: { gameId: string; facilitatorToken: string; joinCodes: Record<string, string> };

    beforeAll(async () => {
      const a = await backend.fresh();
      const b = await backend.fresh();
      drops = [a.drop, b.drop];
      // Bound to every address, as `npm start` is (HOST's default): the route then lists the interfaces.
      plain = await startServer(a.db, { HOST: "0.0.0.0", LOG_LEVEL: "warn" });
      withUrl = await startServer(b.db, { PUBLIC_URL: "http://class.example.org:8080/", LOG_LEVEL: "warn" });
      key = await facilitatorKey(plain.url);
      game = (await http(plain.url, "POST", "/api/games", { token: key, body: { scenarioId: "great-rebalancing" } }))
        .body;
    });
    afterAll(async () => {
      await plain?.stop();
      await withUrl?.stop();
      for (const d of drops) await d();
    });

    it("needs a key or a facilitator token: none is 401, a seat's token 403", async () => {
      expect((await http(plain.url, "GET", "/api/addresses")).status).toBe(401);
      const seat = await http(plain.url, "POST", `/api/games/${game.gameId}/join`, {
        body: { code: Object.values(game.joinCodes)[0], name: "Ana" },
      });
      const r = await http(plain.url, "GET", "/api/addresses", { token: seat.body.token });
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
      expect((await http(plain.url, "GET", "/api/addresses", { token: game.facilitatorToken })).status).toBe(200);
    });

    it("without PUBLIC_URL: this machine's LAN addresses with the port it listens on, never loopback beside them", async () => {
      const r = await http(plain.url, "GET", "/api/addresses", { token: key });
      expect(r.status).toBe(200);
      const body = addresses.parse(r.body);
      expect(body.publicUrl).toBeNull();
      const port = new URL(plain.url).port;
      for (const c of body.candidates) expect(new URL(c.origin).port).toBe(port);
      if (lan.length) {
        expect(body.candidates.map((c) => new URL(c.origin).hostname)).toEqual(lan);
        expect(body.candidates.some((c) => c.loopback)).toBe(false);
      } else {
        expect(body.candidates.every((c) => c.loopback)).toBe(true);
      }
    });

    it("with PUBLIC_URL: that address, without its trailing slash", async () => {
      const r = await http(withUrl.url, "GET", "/api/addresses", { token: await facilitatorKey(withUrl.url) });
      expect(r.status).toBe(200);
      expect(r.body.publicUrl).toBe("http://class.example.org:8080");
    });
  });
}
