import { AppError, type ErrorCode, errorBody, httpStatusOf, toHttp } from "./errors.ts";

export function json(data: unknown, init?: ResponseInit): Response {
  return Response.json(data, init);
}

export function errorResponse(code: ErrorCode, message: string): Response {
  return Response.json(errorBody(code, message), { status: httpStatusOf(code) });
}

const MAX_BODY_BYTES = 16 * 1024;

/** Reads a JSON body; anything else is INVALID_INPUT. */
export async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > MAX_BODY_BYTES) throw new AppError("INVALID_INPUT", "body: too large");
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
      if (body.error.code === "INTERNAL") console.error(err);
      return Response.json(body, { status });
    }
  };
}
