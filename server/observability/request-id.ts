import { randomUUID } from "node:crypto";
import { ZRequestId } from "../../lib/schemas/ids.ts";

/**
 * The request id a caller sent (an `X-Request-ID` header), kept when it is
 * well-formed (the same rule as a command's `requestId`: 1–100 characters of
 * `[A-Za-z0-9_.:-]`), else a fresh UUID. A malformed one is dropped, never
 * echoed: it could carry anything into logs and response headers.
 */
export function requestIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && ZRequestId.safeParse(value).success ? value : randomUUID();
}

export { randomUUID as newRequestId };
