import type http from "node:http";

/**
 * The Content-Security-Policy of every response. Next's App Router streams its
 * payload through inline scripts, and statically prerendered pages cannot carry
 * a per-request nonce, so scripts need 'unsafe-inline'; everything else is
 * locked to this origin: no plug-ins, no framing, no foreign connections, and
 * no eval outside development (Next's dev overlay needs it).
 */
export function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    // ws:/wss: of this origin: 'self' does not match WebSocket schemes in every browser.
    "connect-src 'self' ws: wss:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries, set before the event streams and Next write theirs. */
export function setSecurityHeaders(res: http.ServerResponse, dev: boolean): void {
  res.setHeader("Content-Security-Policy", contentSecurityPolicy(dev));
  res.setHeader("X-Frame-Options", "DENY");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  res.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
}

/**
 * Whether a request's Origin may act with this site's cookies: no Origin (not
 * a browser, or a same-origin navigation) passes; otherwise it must be the
 * configured public origin, or, when none is configured, the origin the
 * request was addressed to: its scheme, host and port, all three, since
 * `https://host` is another site than `http://host`. Browsers always send
 * Origin on cross-site POSTs and WebSocket handshakes, which is what this stops.
 */
export function originAllowed(req: http.IncomingMessage, publicOrigin: string | undefined, trustProxy = 0): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  const expected = publicOrigin ?? ownOrigin(req, trustProxy);
  if (expected === null) return false;
  try {
    return new URL(origin).origin === expected;
  } catch {
    return false;
  }
}

/**
 * The origin a request was addressed to: https when it came over TLS, or
 * when a trusted proxy (TRUST_PROXY) says so in X-Forwarded-Proto (the value
 * the outermost proxy, the one the browser spoke to, wrote first); else http.
 */
function ownOrigin(req: http.IncomingMessage, trustProxy: number): string | null {
  const host = req.headers.host;
  if (!host) return null;
  const forwarded =
    trustProxy > 0
      ? String(req.headers["x-forwarded-proto"] ?? "")
          .split(",")[0]
          ?.trim()
      : "";
  const tls = (req.socket as { encrypted?: boolean } | undefined)?.encrypted === true;
  const scheme = forwarded === "https" || forwarded === "http" ? forwarded : tls ? "https" : "http";
  try {
    return new URL(`${scheme}://${host}`).origin;
  } catch {
    return null;
  }
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A state-changing request (not GET/HEAD/OPTIONS) that carries cookies: the kind a forged cross-site form sends. */
export function isCookieAuthenticatedWrite(req: http.IncomingMessage): boolean {
  return !SAFE_METHODS.has(req.method ?? "GET") && typeof req.headers.cookie === "string";
}
