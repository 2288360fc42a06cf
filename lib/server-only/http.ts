import { AppError, type ErrorCode, errorBody, httpStatusOf, toHttp } from "../errors.ts";
import { getServices } from "./server-context.ts";

export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, init);
}

export function errorResponse(code: ErrorCode, message: string): Response {
  return Response.json(errorBody(code, message), { status: httpStatusOf(code) });
}

/**
 * Set by the custom server on every request, overwriting whatever the client
 * sent: the client's address as the rate limits see it (TRUST_PROXY applied).
 */
export const CLIENT_IP_HEADER = "x-intake-client-ip";

/** The client's address as the custom server determined it ("unknown" outside it). */
export function clientIpOf(request: Request): string {
  return request.headers.get(CLIENT_IP_HEADER) ?? "unknown";
}

/** A rate limit as the RateLimit headers describe it: its points, what is left, and ms until it resets. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  resetMs: number;
}

/**
 * `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (seconds),
 * the three-header form of the IETF RateLimit header draft; with a refusal's
 * wait also `Retry-After` (seconds, at least 1).
 */
export function rateLimitHeaders(state: RateLimitState, retryAfterMs?: number): Record<string, string> {
  const headers: Record<string, string> = {
    "ratelimit-limit": String(state.limit),
    "ratelimit-remaining": String(Math.max(0, state.remaining)),
    "ratelimit-reset": String(Math.ceil(Math.max(0, state.resetMs) / 1000)),
  };
  if (retryAfterMs !== undefined) headers["retry-after"] = String(Math.max(1, Math.ceil(retryAfterMs / 1000)));
  return headers;
}

/** The most any request body may carry; the custom server stops reading there too (server/http/body-limit.ts). */
export const MAX_BODY_BYTES = 16 * 1024;

const TOO_LARGE = `body: too large (${MAX_BODY_BYTES / 1024} KiB at most)`;

/**
 * Reads a JSON body; anything else is INVALID_INPUT. Requiring the JSON content
 * type also keeps plain cross-site form posts out. The body is read chunk by
 * chunk and abandoned at the cap, so a body without a Content-Length cannot
 * make the process buffer more than that.
 */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("INVALID_INPUT", "content-type: must be application/json");
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", TOO_LARGE);
  }
  const text = await readCapped(request, MAX_BODY_BYTES);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", "body: must be JSON");
  }
}

async function readCapped(request: Request, maxBytes: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.byteLength;
    if (length > maxBytes) {
      await reader.cancel();
      throw new AppError("PAYLOAD_TOO_LARGE", TOO_LARGE);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Wraps a route handler so every thrown error leaves as the one envelope. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (err) {
      const { status, body } = toHttp(err);
      if (body.error.code === "INTERNAL") getServices().log.error({ err }, "route handler failed");
      const limited = err instanceof AppError ? err.rateLimit : undefined;
      const headers = limited
        ? rateLimitHeaders({ limit: limited.limit, remaining: 0, resetMs: limited.retryAfterMs }, limited.retryAfterMs)
        : undefined;
      return Response.json(body, { status, headers });
    }
  };
}
