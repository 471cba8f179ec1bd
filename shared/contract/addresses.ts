import { z } from "zod";

/** `GET /api/addresses`: where students reach this server, for the links and QR codes a facilitator hands out. */

export const addressCandidate = z.object({
  /** `http://192.168.1.20:3000`: what a link starts with. */
  origin: z.string(),
  /** The network interface it belongs to (`eth0`, `wlan0`), or `HOST` for the one address the server is bound to. */
  interface: z.string(),
  family: z.enum(["IPv4", "IPv6"]),
  /** Reachable from this machine only: offered only when there is nothing else. */
  loopback: z.boolean(),
});
export type AddressCandidate = z.infer<typeof addressCandidate>;

export const addresses = z.object({
  /** PUBLIC_URL, when the operator set it (without a trailing slash): the one address to use. */
  publicUrl: z.string().nullable(),
  /** This machine's addresses, LAN ones first; loopback only when there is no other. */
  candidates: z.array(addressCandidate),
});
export type Addresses = z.infer<typeof addresses>;
