import { type NetworkInterfaceInfo, networkInterfaces } from "node:os";
import type { AddressCandidate } from "../../shared/contract/index";

/**
 * The addresses students' devices might reach this server at: what the set-up screen offers when
 * PUBLIC_URL is not set, and what the operator's sign-in link uses. A server bound to one address
 * is reachable only there; one bound to every address (0.0.0.0, ::) at each of this machine's
 * interfaces. Loopback (127.0.0.1, ::1) opens the student's own phone, so it is offered only when
 * there is nothing else, and says so; IPv6 link-local addresses (fe80::) need a zone no phone's
 * browser takes in a URL, so they are never offered.
 */

type Interfaces = NodeJS.Dict<NetworkInterfaceInfo[]>;

const bracket = (address: string) => (address.includes(":") ? `[${address}]` : address);
const origin = (address: string, port: number) => `http://${bracket(address)}:${port}`;
const isLoopback = (address: string) => address === "::1" || address.startsWith("127.") || address === "localhost";

export function candidateOrigins(
  host: string,
  port: number,
  interfaces: Interfaces = networkInterfaces(),
): AddressCandidate[] {
  if (host !== "0.0.0.0" && host !== "::") {
    return [
      {
        origin: origin(host, port),
        interface: "HOST",
        family: host.includes(":") ? "IPv6" : "IPv4",
        loopback: isLoopback(host),
      },
    ];
  }
  const lan: AddressCandidate[] = [];
  const loop: AddressCandidate[] = [];
  for (const [name, addresses] of Object.entries(interfaces)) {
    for (const a of addresses ?? []) {
      if (a.family === "IPv6" && /^fe80:/i.test(a.address)) continue;
      // A server bound to 0.0.0.0 listens on IPv4 only.
      if (a.family === "IPv6" && host === "0.0.0.0") continue;
      const c: AddressCandidate = {
        origin: origin(a.address, port),
        interface: name,
        family: a.family,
        loopback: a.internal,
      };
      (a.internal ? loop : lan).push(c);
    }
  }
  // IPv4 first: what a teacher reads aloud or a phone on the school's Wi-Fi most likely reaches.
  lan.sort((a, b) => (a.family === b.family ? 0 : a.family === "IPv4" ? -1 : 1));
  if (lan.length) return lan;
  return loop.length ? loop : [{ origin: origin("localhost", port), interface: "lo", family: "IPv4", loopback: true }];
}

/** PUBLIC_URL without its trailing slash, or null. */
export const publicOrigin = (publicUrl: string | undefined): string | null =>
  publicUrl ? publicUrl.replace(/\/+$/, "") : null;
