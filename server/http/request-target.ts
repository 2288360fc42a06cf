/** A request's path as the router will serve it, or why it is refused (400, before limits and Next). */
export type RequestTarget = { ok: true; pathname: string; route: string } | { ok: false; message: string };

/**
 * Reads the request target once, for everything that classifies a request
 * (rate limits, the access log, metrics, the router). Next normalises what a
 * raw path says before it routes (it resolves `..`, decodes `%73`), so a
 * limit that classified the raw text could be walked around:
 * `/_next/../api/session` was served as `/api/session` but counted as a static
 * asset. Rather than repeat Next's normalisation and hope both agree forever,
 * refuse what browsers never send: dot segments (plain or percent-encoded),
 * encoded separators, backslashes, control characters, bad percent-encoding
 * and any target that is not a path. What is left means the same to every
 * reader. Its route is named from the raw text, as Next matches it: Next
 * compares static segments undecoded (`/api/%73ession` is not `/api/session`
 * to it, but a 404) and decodes only the values of dynamic ones.
 */
export function readRequestTarget(rawUrl: string | undefined, routeOf: (pathname: string) => string): RequestTarget {
  const url = rawUrl ?? "/";
  // Origin-form only: an absolute-form target (`GET http://host/path`) would be routed by its path but read by us as text.
  if (!url.startsWith("/")) return refuse("must be a path starting with /");
  const end = url.search(/[?#]/);
  const raw = end === -1 ? url : url.slice(0, end);
  if (raw.includes("\\")) return refuse("must not contain a backslash");
  for (const segment of raw.split("/").slice(1)) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return refuse("has malformed percent-encoding");
    }
    if (decoded === "." || decoded === "..") return refuse("must not contain . or .. segments");
    if (/[/\\]/.test(decoded)) return refuse("must not contain an encoded / or \\");
    if (/\p{Cc}/u.test(decoded)) return refuse("must not contain control characters");
  }
  // Next parses the query into a plain object before a route sees it, where `__proto__` vanishes: a route
  // could not refuse it as the unknown parameter it is, so it is refused here, for every route.
  if (end !== -1 && url[end] === "?") {
    const query = url.slice(end + 1).split("#")[0] ?? "";
    if ([...new URLSearchParams(query).keys()].includes("__proto__"))
      return refuse('unknown field "__proto__"', "query");
  }
  return { ok: true, pathname: raw, route: routeOf(raw) };
}

function refuse(detail: string, part: "path" | "query" = "path"): RequestTarget {
  return { ok: false, message: `${part}: ${detail}` };
}
