import type { AuditActor, CommandMeta } from "../domain/audit.ts";
import { type ErrorCode, errorBody, httpStatusOf } from "../errors.ts";
import { ZRequestId } from "../schemas/ids.ts";
import { currentTraceId } from "./trace-id.ts";

/**
 * The audit metadata of a command sent over HTTP: the request's id (the
 * X-Request-ID header, which the custom server normalizes; a fresh UUID if it
 * is missing or malformed) and the active trace, for the given actor.
 */
export function commandMetaOf(request: Request, actor: AuditActor): CommandMeta {
  const header = request.headers.get("x-request-id");
  const requestId = header !== null && ZRequestId.safeParse(header).success ? header : crypto.randomUUID();
  return { requestId, traceId: currentTraceId(), actor };
}

export const ADMIN: AuditActor = { type: "admin", id: null };

/** A command refused by the engine: the one envelope, plus the requestId that finds its audit row. */
export function refusalResponse(code: ErrorCode, message: string, requestId: string): Response {
  return Response.json({ ...errorBody(code, message), requestId }, { status: httpStatusOf(code) });
}
