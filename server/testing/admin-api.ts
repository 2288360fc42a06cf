import type { TestApp } from "./test-app.ts";

/** A W3C traceparent for a made-up trace: an admin request sent with it carries this trace id. */
export function traceparentOf(traceId: string): string {
  return `00-${traceId}-00f067aa0ba902b7-01`;
}

/** Calls an admin (or any) API with a cookie, a JSON body, a request id and, if given, a trace. */
export async function callApi(
  app: TestApp,
  method: "GET" | "POST" | "PATCH",
  path: string,
  options: { cookie?: string; body?: unknown; requestId?: string; traceId?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> & { ok: boolean } }> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.requestId) headers["x-request-id"] = options.requestId;
  if (options.traceId) headers.traceparent = traceparentOf(options.traceId);
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  return { status: res.status, body: text.startsWith("{") ? JSON.parse(text) : { ok: res.ok, text } };
}
