import type { TestApp } from "./test-app.ts";

/** A W3C traceparent for a made-up trace: an admin request sent with it carries this trace id. */
export function traceparentOf(traceId: string): string {
  return `00-${traceId}-00f067aa0ba902b7-01`;
}

/**
 * One HTTP request as a browser would send it: its cookie, a JSON body, any
 * other headers; redirects are not followed. The raw Response (status, Set-Cookie, Location).
 */
export function sendRequest(
  app: TestApp,
  path: string,
  init: { method?: string; cookie?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  return fetch(`${app.url}${path}`, {
    method: init.method ?? "GET",
    redirect: "manual",
    headers: {
      ...init.headers,
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.body === undefined ? {} : { "content-type": "application/json" }),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** Calls an admin (or any) API with a cookie, a JSON body, a request id and, if given, a trace. */
export async function callApi(
  app: TestApp,
  method: "GET" | "POST" | "PATCH",
  path: string,
  options: { cookie?: string; body?: unknown; requestId?: string; traceId?: string } = {},
): Promise<{ status: number; body: Record<string, unknown> & { ok: boolean } }> {
  const headers: Record<string, string> = {};
  if (options.requestId) headers["x-request-id"] = options.requestId;
  if (options.traceId) headers.traceparent = traceparentOf(options.traceId);
  const res = await sendRequest(app, path, { method, cookie: options.cookie, body: options.body, headers });
  const text = await res.text();
  return { status: res.status, body: text.startsWith("{") ? JSON.parse(text) : { ok: res.ok, text } };
}
