import { createHash, timingSafeEqual } from "node:crypto";
import type http from "node:http";
import { sendError } from "../http/send-error.ts";
import type { Logger } from "../log.ts";
import type { Metrics } from "./metrics.ts";

const PATH = /^\/metrics\/?(?:\?.*)?$/;

/**
 * `GET /metrics` in Prometheus's text format, answered by the custom server
 * before Next. With a token (METRICS_TOKEN) only `Authorization: Bearer
 * <token>` is let in; anything else gets 401.
 */
export function createMetricsEndpoint(deps: { metrics: Metrics; token?: string; log: Logger }) {
  const { metrics, log } = deps;
  const expected = deps.token === undefined ? null : digest(deps.token);

  const authorized = (header: string | undefined): boolean => {
    if (expected === null) return true;
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
    // Compare digests: equal lengths, and no early exit that would time how much of the token matched.
    return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), expected);
  };

  return {
    /** Answers `GET /metrics` and returns true; any other request returns false. */
    handle(req: http.IncomingMessage, res: http.ServerResponse): boolean {
      if ((req.method !== "GET" && req.method !== "HEAD") || !PATH.test(req.url ?? "")) return false;
      if (!authorized(req.headers.authorization)) {
        res.setHeader("www-authenticate", 'Bearer realm="metrics"');
        sendError(res, "UNAUTHENTICATED", "Send the metrics token: Authorization: Bearer <METRICS_TOKEN>.");
        return true;
      }
      metrics.registry.metrics().then(
        (text) => {
          res.writeHead(200, { "content-type": metrics.registry.contentType, "cache-control": "no-store" });
          res.end(req.method === "HEAD" ? undefined : text);
        },
        (err) => {
          log.error({ err }, "metrics scrape failed");
          sendError(res, "INTERNAL", "Something went wrong on our side.");
        },
      );
      return true;
    },
  };
}

function digest(text: string): Buffer {
  return createHash("sha256").update(text).digest();
}

/**
 * Why an open `/metrics` deserves a warning at start-up, or null: without
 * METRICS_TOKEN anyone who reaches the port can read it, which is fine on
 * loopback (a local Prometheus or sidecar) and worth saying anywhere else.
 */
export function openMetricsWarning(host: string, token: string | undefined): string | null {
  if (token !== undefined || isLoopback(host)) return null;
  return `/metrics is open to anyone who can reach ${host}: set METRICS_TOKEN, or let only your Prometheus reach this port`;
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return bare === "localhost" || bare === "::1" || /^127\.\d+\.\d+\.\d+$/.test(bare);
}
