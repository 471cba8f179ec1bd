/** The HTTP half of the public interface, with its typed errors. */
import type { z } from "zod";

export type ApiError = { code: string; message: string; details?: Record<string, unknown> };

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly error: ApiError,
  ) {
    super(error.message);
  }
}

export async function api<T>(
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown } = {},
): Promise<T> {
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
  if (res.status === 204) return undefined as T;
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const error = (data as { error?: ApiError } | null)?.error ?? { code: "http_error", message: res.statusText };
    throw new ApiFailure(res.status, error);
  }
  return data as T;
}

/**
 * A call whose answer is checked against its schema: a server of another version, or a proxy's
 * error page, shows as a typed failure rather than as a screen built on a wrong shape.
 */
export async function apiOf<S extends z.ZodType>(
  schema: S,
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown } = {},
): Promise<z.infer<S>> {
  const data = await api<unknown>(method, path, options);
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new ApiFailure(502, { code: "bad_response", message: `Unexpected answer from ${method} ${path}.` });
  return parsed.data;
}
