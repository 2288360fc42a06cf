import path from "node:path";
import { describe, expect, it } from "vitest";
import { appRouteTemplates, createRouteNamer } from "./http-routes.ts";

const APP_DIR = path.resolve(import.meta.dirname, "../../app");

describe("createRouteNamer", () => {
  const routeOf = createRouteNamer(APP_DIR);

  it("reads every page and route handler under app/", () => {
    const templates = appRouteTemplates(APP_DIR);
    expect(templates).toEqual(
      expect.arrayContaining(["/", "/rounds/[id]", "/api/rounds/[id]", "/api/rounds/[id]/timer", "/api/[...path]"]),
    );
  });

  it("names paths by template, static segments first, so ids never become label values", () => {
    expect(routeOf("/")).toBe("/");
    expect(routeOf("/rounds/cmwr0abc")).toBe("/rounds/[id]");
    expect(routeOf("/rounds/cmwr0abc/screen")).toBe("/rounds/[id]/screen");
    expect(routeOf("/api/rounds")).toBe("/api/rounds");
    expect(routeOf("/api/rounds/cmwr0abc")).toBe("/api/rounds/[id]");
    expect(routeOf("/api/rounds/cmwr0abc/timer")).toBe("/api/rounds/[id]/timer");
    expect(routeOf("/api/rounds/cmwr0abc/events")).toBe("/api/rounds/[id]/events");
    expect(routeOf("/api/session")).toBe("/api/session");
    expect(routeOf("/api/no/such/thing")).toBe("/api/[...path]");
    expect(routeOf("/metrics")).toBe("/metrics");
    expect(routeOf("/_next/static/chunks/main.js")).toBe("/_next/*");
    expect(routeOf("/wp-login.php")).toBe("other");
    expect(routeOf("/rounds/a/b/c")).toBe("other");
  });

  it("knows only the server's own routes without an app/ folder", () => {
    const bare = createRouteNamer("/nonexistent/app");
    expect(bare("/metrics")).toBe("/metrics");
    expect(bare("/api/rounds/x")).toBe("other");
  });
});
