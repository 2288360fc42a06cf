import { AppError, type ErrorCode, errorBody, httpStatusOf, toHttp } from "./errors.ts";
import { getServices } from "./server-context.ts";

export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, init);
}

export function errorResponse(code: ErrorCode, message: string): Response {
  return Response.json(errorBody(code, message), { status: httpStatusOf(code) });
}

const MAX_BODY_BYTES = 16 * 1024;

/**
 * Reads a JSON body; anything else is INVALID_INPUT. Requiring the JSON content
 * type also keeps plain cross-site form posts out.
 */
export async function readJson(request: Request): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new AppError("INVALID_INPUT", "content-type: must be application/json");
  }
  if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) {
    throw new AppError("INVALID_INPUT", "body: too large (16 KiB at most)");
  }
  const text = await request.text();
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new AppError("INVALID_INPUT", "body: too large (16 KiB at most)");
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", "body: must be JSON");
  }
}

/** Wraps a route handler so every thrown error leaves as the one envelope. */
export function route<A extends unknown[]>(handler: (...args: A) => Promise<Response>) {
  return async (...args: A): Promise<Response> => {
    try {
      return await handler(...args);
    } catch (err) {
      const { status, body } = toHttp(err);
      if (body.error.code === "INTERNAL") getServices().log.error({ err }, "route handler failed");
      return Response.json(body, { status });
    }
  };
}
