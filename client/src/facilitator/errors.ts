import type { RuleError } from "../../../shared/index";
import { ApiFailure } from "../core/api";
import { t } from "../texts";
import { NoAccess, NoKey } from "./access";

/** A refusal in words: the facilitator's own phrasing for the common codes, else the server's message. */
export function refusal(error: RuleError | { code: string; message: string }): string {
  const known = (t.facilitator.codes as Record<string, string>)[error.code];
  return t.common.error(known ?? error.message);
}

/** Any failure of an HTTP call or of the access helpers, in words. */
export function describeError(err: unknown): string {
  if (err instanceof NoAccess) return t.facilitator.access.none;
  if (err instanceof NoKey) return t.access.signIn.needKey;
  if (err instanceof ApiFailure) {
    if (err.status === 403) return t.facilitator.access.notOwner;
    if (err.status === 404) return t.facilitator.access.notFound;
    return refusal(err.error);
  }
  return err instanceof Error ? err.message : String(err);
}
