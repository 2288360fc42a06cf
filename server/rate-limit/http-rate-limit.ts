import type http from "node:http";
import { performance } from "node:perf_hooks";
import { rateLimitedBody } from "../../lib/errors.ts";
import { CLIENT_IP_HEADER, rateLimitHeaders } from "../../lib/server-only/http.ts";
import type { Metrics } from "../observability/metrics.ts";
import type { Sessions } from "../sessions.ts";
import type { RateLimiter, RateLimitScope } from "./create-rate-limiter.ts";
import { createRefusalPacer, type RefusalPacer, unpaced } from "./pace-refusals.ts";

/** Never limited: health probes, /metrics (it has its own token), and static assets. */
const UNLIMITED = new Set(["/_next/*", "/api/health", "/metrics"]);
const SIGN_IN = new Set(["/api/session", "/api/admin/session"]);
const WATCH = new Set(["/api/rounds/[id]", "/api/rounds/[id]/events"]);
const MAX_PACED_ADDRESSES = 10_000;

/** Which limit an HTTP request counts against, by method and route template; null for none. */
export function httpScopeOf(method: string, route: string): RateLimitScope | null {
  if (UNLIMITED.has(route)) return null;
  if (method === "POST" && SIGN_IN.has(route)) return "login";
  if ((method === "GET" || method === "HEAD") && WATCH.has(route)) return "watch";
  return "reads";
}

/**
 * The HTTP side of the rate limits, run by the custom server before the event
 * streams and Next: it stamps the client's address on the request for route
 * handlers (CLIENT_IP_HEADER), charges the request to its applicant (from the
 * session cookie) and address, and answers a refusal itself with 429, the
 * error envelope, Retry-After and the RateLimit headers, paced per address
 * like a socket's refusals (pace-refusals.ts; never by connection: behind a
 * proxy one connection carries many clients). Resolves with whether the
 * request may go on.
 */
export function createHttpRateLimit(deps: {
  limiter: RateLimiter;
  sessions: Pick<Sessions, "fromCookieHeader">;
  metrics: Metrics;
}) {
  const { limiter, sessions, metrics } = deps;
  const pacers = new Map<string, RefusalPacer>();
  let prunedAt = 0;
  const pacerOf = (ip: string): RefusalPacer => {
    const known = pacers.get(ip);
    if (known) return known;
    // Addresses no longer limited are forgotten once there are many, at most once a second.
    if (pacers.size >= MAX_PACED_ADDRESSES && performance.now() - prunedAt > 1000) {
      prunedAt = performance.now();
      for (const [key, p] of pacers) if (p.idle()) pacers.delete(key);
    }
    // Past the bound (a flood from very many addresses), refusals go out at once, unpaced.
    if (pacers.size >= MAX_PACED_ADDRESSES) return unpaced;
    const pacer = createRefusalPacer();
    pacers.set(ip, pacer);
    return pacer;
  };

  /** `route`: the request's route template, as readRequestTarget named it for the access log too. */
  return async function admit(req: http.IncomingMessage, res: http.ServerResponse, route: string): Promise<boolean> {
    const ip = limiter.clientIp(req);
    // Always overwritten: a client must not choose the address its sign-in failures are counted against.
    req.headers[CLIENT_IP_HEADER] = ip;
    const scope = httpScopeOf(req.method ?? "GET", route);
    if (!scope) return true;

    // Only a request to a limit that counts applicants resolves its session (no cookie: no lookup).
    // A signed-out cookie is then charged to its address alone, like any anonymous request.
    const applicantId = limiter.limits(scope, "applicant")
      ? (await sessions.fromCookieHeader(req.headers.cookie)).applicantId
      : undefined;
    const admission = await limiter.admit(scope, { ip, applicantId });
    if (admission.ok) {
      // Next does not replace headers already set, so a sign-in's own refusal (the lockout's 429) must set them.
      if (admission.state && scope !== "login") {
        for (const [name, value] of Object.entries(rateLimitHeaders(admission.state))) res.setHeader(name, value);
      }
      return true;
    }
    metrics.rateLimited.inc({ scope, route });
    const headers = {
      "content-type": "application/json",
      ...rateLimitHeaders(admission.state, admission.retryAfterMs),
    };
    pacerOf(ip)(rateLimitedBody(admission.message, admission.retryAfterMs), (body) => {
      if (res.destroyed || res.writableEnded) return;
      res.writeHead(429, headers);
      res.end(JSON.stringify(body));
    });
    return false;
  };
}
