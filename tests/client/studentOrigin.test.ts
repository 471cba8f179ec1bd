import { describe, expect, it } from "vitest";
import { isLocalHost, offeredOrigins, pickOrigin } from "../../client/src/facilitator/useStudentOrigin";
import type { Addresses } from "../../shared/contract/index";

// Which address the set-up screen's links start with (issue #11): PUBLIC_URL, else the remembered
// pick, else this page's address when students reach it, else the server's first LAN address.

const lan = (...origins: string[]): Addresses => ({
  publicUrl: null,
  candidates: origins.map((origin) => ({ origin, interface: "wlan0", family: "IPv4", loopback: false })),
});
const LOCAL = "http://localhost:3000";

describe("the students' address", () => {
  it("is PUBLIC_URL whenever it is set, whatever was picked", () => {
    const a = { ...lan("http://10.0.0.5:3000"), publicUrl: "https://class.example.org" };
    expect(pickOrigin(a, "http://10.0.0.5:3000", LOCAL)).toBe("https://class.example.org");
  });

  it("is never this page's localhost once the server has answered: the first LAN address, or the remembered one", () => {
    const a = lan("http://10.0.0.5:3000", "http://192.168.1.20:3000");
    expect(pickOrigin(a, null, LOCAL)).toBe("http://10.0.0.5:3000");
    expect(pickOrigin(a, "http://192.168.1.20:3000", LOCAL)).toBe("http://192.168.1.20:3000");
    // A pick from another network (yesterday's school) is not offered today: the first one is used.
    expect(pickOrigin(a, "http://172.16.0.9:3000", LOCAL)).toBe("http://10.0.0.5:3000");
    expect(offeredOrigins(a, LOCAL)).toEqual(["http://10.0.0.5:3000", "http://192.168.1.20:3000"]);
  });

  it("is this page's own address when it is not localhost, offered beside the LAN ones", () => {
    const a = lan("http://10.0.0.5:3000");
    expect(pickOrigin(a, null, "http://teacher.local:3000")).toBe("http://teacher.local:3000");
    expect(offeredOrigins(a, "http://teacher.local:3000")).toEqual([
      "http://teacher.local:3000",
      "http://10.0.0.5:3000",
    ]);
    expect(pickOrigin(a, "http://10.0.0.5:3000", "http://teacher.local:3000")).toBe("http://10.0.0.5:3000");
  });

  it("is this page's address until the server answers", () => {
    expect(pickOrigin(null, "http://10.0.0.5:3000", LOCAL)).toBe(LOCAL);
  });

  it("calls localhost, 127.x and ::1 local, and nothing else", () => {
    for (const h of ["localhost", "app.localhost", "127.0.0.1", "127.1.2.3", "[::1]"])
      expect(isLocalHost(h)).toBe(true);
    for (const h of ["10.0.0.5", "teacher.local", "[fd00::2]", "example.org"]) expect(isLocalHost(h)).toBe(false);
  });
});
