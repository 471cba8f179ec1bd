/** The HTTP half of the public interface: every answer parsed with the contract's schema. */
import type { z } from "zod";
import { type ApiError, errorSchema } from "../../../shared/contract/index";

export type { ApiError };

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

export type ApiOptions = { method?: string; token?: string | null; body?: unknown };

/**
 * Calls the API and parses its answer with `schema` (from shared/contract/): a server of another
 * version, or a proxy's error page, is a typed failure (`bad_response`) rather than a
 * screen built on a wrong shape. A 204 answers `null`, so a route that answers nothing takes the
 * contract's `emptyAnswer`. A refusal is an ApiFailure with the server's `{ code, message, details }`.
 */
export async function api<S extends z.ZodType>(
  path: string,
  schema: S,
  options: ApiOptions = {},
): Promise<z.output<S>> {
  const method = options.method ?? "GET";
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  } catch {
    throw new ApiFailure(0, { code: "offline", message: "The server cannot be reached." });
  }
  const data: unknown = res.status === 204 ? null : await res.json().catch(() => undefined);
  if (!res.ok) throw new ApiFailure(res.status, refusalOf(data, res.statusText));
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ApiFailure(502, {
      code: "bad_response",
      message: `Unexpected answer from ${method} ${path}: ${issue?.message ?? "invalid"} (at ${issue?.path.join(".") || "the body"}).`,
    });
  }
  return parsed.data;
}

/** The server's refusal in the contract's shape, or `http_error` for a body that is not one (a proxy's page). */
export function refusalOf(body: unknown, statusText: string): ApiError {
  const parsed = errorSchema.safeParse(body);
  return parsed.success ? parsed.data.error : { code: "http_error", message: statusText || "HTTP error" };
}
