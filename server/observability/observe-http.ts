import type http from "node:http";
import { performance } from "node:perf_hooks";
import { context, propagation, ROOT_CONTEXT, type Span, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import type { Logger } from "../log.ts";
import type { Metrics } from "./metrics.ts";
import { runInRequest } from "./request-context.ts";
import { requestIdFrom } from "./request-id.ts";
import { tracingEnabled } from "./tracing.ts";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * Wraps every HTTP request the custom server takes (Next, event streams,
 * /metrics): it settles the request id (a well-formed `X-Request-ID` is kept,
 * else one is made) and writes it back into the request headers, so Next route
 * handlers read the same one, and into the response. With tracing on it opens
 * the request's server span (continuing a `traceparent` if one came). When the
 * response closes it records the duration and logs one access line.
 */
export function createHttpObserver(deps: { log: Logger; metrics: Metrics }) {
  const { log, metrics } = deps;
  const tracer = trace.getTracer("intake");

  /** `target`: the request's path and route template as read once by readRequestTarget (server/http/request-target.ts). */
  return function observe(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    target: { pathname: string; route: string },
    handle: () => void,
  ): void {
    const started = performance.now();
    const requestId = requestIdFrom(req.headers["x-request-id"]);
    req.headers["x-request-id"] = requestId;
    res.setHeader("x-request-id", requestId);
    const { pathname, route } = target;
    const method = METHODS.has(req.method ?? "") ? (req.method as string) : "other";

    let span: Span | undefined;
    let parent = ROOT_CONTEXT;
    if (tracingEnabled()) {
      parent = propagation.extract(ROOT_CONTEXT, req.headers);
      span = tracer.startSpan(
        `${method} ${route}`,
        {
          kind: SpanKind.SERVER,
          attributes: {
            "http.request.method": method,
            "http.route": route,
            "url.path": pathname,
            "intake.request_id": requestId,
          },
        },
        parent,
      );
    }
    const traceId = span?.spanContext().traceId;

    res.once("close", () => {
      const status = res.statusCode;
      const seconds = (performance.now() - started) / 1000;
      metrics.httpDuration.observe({ method, route, status: String(status) }, seconds);
      if (span) {
        span.setAttribute("http.response.status_code", status);
        if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
        span.end();
      }
      const line = {
        requestId,
        traceId,
        method,
        path: pathname,
        route,
        status,
        ms: Math.round(seconds * 10_000) / 10,
        aborted: res.writableFinished ? undefined : true,
      };
      // Static assets would drown the requests that matter.
      if (route === "/_next/*") log.debug(line, "http request");
      else log.info(line, "http request");
    });

    const run = () => runInRequest(requestId, handle);
    if (span) context.with(trace.setSpan(parent, span), run);
    else run();
  };
}
