import fs from "node:fs";
import path from "node:path";

/** Routes the custom server answers itself, before Next. */
export const SERVER_ROUTES = ["/api/rounds/[id]/events", "/metrics"];

const STATIC = 0;
const DYNAMIC = 1;
const CATCH_ALL = 2;
type Segment = { kind: typeof STATIC; text: string } | { kind: typeof DYNAMIC | typeof CATCH_ALL };

interface Route {
  template: string;
  segments: Segment[];
}

/**
 * Names a request path by its route template (`/api/rounds/[id]`), for metric
 * labels and span names: one series per route, not one per round id. The
 * templates are the pages and route handlers under `app/`, read once at
 * start-up, plus the server's own routes; anything else is `other`.
 */
export function createRouteNamer(appDir: string): (pathname: string) => string {
  const routes = [...SERVER_ROUTES, ...appRouteTemplates(appDir)].map(parseTemplate).sort(bySpecificity);
  return (pathname) => {
    if (pathname.startsWith("/_next/")) return "/_next/*";
    const parts = pathname.split("/").filter(Boolean);
    return routes.find((r) => matches(r.segments, parts))?.template ?? "other";
  };
}

/** Every page and route handler under `app/`, as Next routes it: `app/rounds/[id]/page.tsx` → `/rounds/[id]`. */
export function appRouteTemplates(appDir: string): string[] {
  const templates = new Set<string>();
  const walk = (dir: string, segments: string[]) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // no app/ (e.g. a Socket.IO-only test app): only the server's routes
    }
    for (const entry of entries) {
      if (entry.isDirectory()) {
        // Private folders (_x) and parallel slots (@x) are not routes; groups ((x)) add no segment.
        if (entry.name.startsWith("_") || entry.name.startsWith("@")) continue;
        const group = entry.name.startsWith("(") && entry.name.endsWith(")");
        walk(path.join(dir, entry.name), group ? segments : [...segments, entry.name]);
      } else if (/^(page|route)\.(tsx?|jsx?)$/.test(entry.name)) {
        templates.add(`/${segments.join("/")}`);
      }
    }
  };
  walk(appDir, []);
  return [...templates];
}

function parseTemplate(template: string): Route {
  const segments = template
    .split("/")
    .filter(Boolean)
    .map((text): Segment => {
      if (/^\[\[?\.\.\..+\]\]?$/.test(text)) return { kind: CATCH_ALL };
      if (/^\[.+\]$/.test(text)) return { kind: DYNAMIC };
      return { kind: STATIC, text };
    });
  return { template, segments };
}

// Next's precedence: a static segment before a dynamic one before a catch-all, position by position.
function bySpecificity(a: Route, b: Route): number {
  const n = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < n; i++) {
    const ka = a.segments[i]?.kind ?? -1;
    const kb = b.segments[i]?.kind ?? -1;
    if (ka !== kb) return ka - kb;
  }
  return 0;
}

function matches(segments: Segment[], parts: string[]): boolean {
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] as Segment;
    if (segment.kind === CATCH_ALL) return parts.length > i;
    const part = parts[i];
    if (part === undefined) return false;
    if (segment.kind === STATIC && segment.text !== part) return false;
  }
  return parts.length === segments.length;
}
