import { networkInterfaces } from "node:os";
import type { KeyStore } from "../db/keyStore";
import { hashSecret, newId, newSecret } from "./secrets";

/**
 * The operator: whoever runs the server. OPERATOR_KEY sets its key (deployments, tests);
 * otherwise the first start on an empty database creates one and hands it back to be printed
 * once, as a sign-in link, the way Jupyter prints its token. It is never printed again: a lost
 * key is replaced with `npm run keys -- operator`.
 */
export async function ensureOperator(keys: KeyStore, operatorKey: string | undefined): Promise<string | null> {
  if (operatorKey) {
    await keys.setOperatorKey(() => newId("f"), hashSecret(operatorKey));
    return null;
  }
  if (await keys.hasOperator()) return null;
  const key = newSecret("fk");
  // Two processes starting together: the unique index lets one create it; the other prints nothing.
  return (await keys.createOperator(newId("f"), hashSecret(key))) ? key : null;
}

/**
 * The origin students' devices can reach: PUBLIC_URL when set, else this machine's first
 * non-internal IPv4 address (a classroom's laptop on the school network), else localhost.
 */
export function reachableOrigin(publicUrl: string | undefined, host: string, port: number): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, "");
  if (host !== "0.0.0.0" && host !== "::") return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
  for (const addresses of Object.values(networkInterfaces())) {
    for (const a of addresses ?? []) {
      if (a.family === "IPv4" && !a.internal) return `http://${a.address}:${port}`;
    }
  }
  return `http://localhost:${port}`;
}

export const signInLink = (origin: string, key: string) => `${origin}/facilitator#key=${encodeURIComponent(key)}`;
