import type { KeyStore } from "../db/keyStore";
import { candidateOrigins, publicOrigin } from "../http/addresses";
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
 * The origin students' devices can reach: PUBLIC_URL when set, else this machine's first LAN
 * address (a classroom's laptop on the school network), else loopback — the same choice the
 * set-up screen offers first (server/http/addresses.ts).
 */
export function reachableOrigin(publicUrl: string | undefined, host: string, port: number): string {
  return publicOrigin(publicUrl) ?? candidateOrigins(host, port)[0]!.origin;
}

export const signInLink = (origin: string, key: string) => `${origin}/facilitator#key=${encodeURIComponent(key)}`;
