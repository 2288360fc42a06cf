import http from "node:http";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { readRequestTarget } from "../http/request-target.ts";
import { createLogger } from "../log.ts";
import { createRouteNamer } from "../observability/http-routes.ts";
import { captureLogs } from "../testing/observability.ts";
import { startTestApp, type TestApp } from "../testing/test-app.ts";

const routeOf = createRouteNamer(path.resolve(import.meta.dirname, "../../app"));

interface RawResponse {
  status: number;
  body: string;
}

/** A request whose target goes out exactly as written (`curl --path-as-is`): node:http does not normalise it. */
function raw(base: string, target: string, init: { method?: string; body?: string } = {}): Promise<RawResponse> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: hostname,
        port,
        path: target,
        method: init.method ?? "GET",
        headers: init.body === undefined ? {} : { "content-type": "application/json" },
      },
      (res) => {
        let body = "";
        res.on("data", (chunk) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end(init.body);
  });
}

describe("readRequestTarget", () => {
  it("names a plain path by its route, and refuses what a router would read otherwise", () => {
    expect(readRequestTarget("/api/rounds/abc?x=1", routeOf)).toEqual({
      ok: true,
      pathname: "/api/rounds/abc",
      route: "/api/rounds/[id]",
    });
    const refused: [string, RegExp][] = [
      ["/_next/../api/session", /\.\./],
      ["/api/./session", /\. or \.\./],
      ["/api/%2e%2E/session", /\. or \.\./],
      ["/api/%2E/session", /\. or \.\./],
      ["/_next/static/..%2f..%2fapi/session", /encoded/],
      ["/api\\session", /backslash/],
      ["/rounds/%ZZ", /percent-encoding/],
      ["/rounds/%E0%A4%A", /percent-encoding/],
      ["/rounds/a%00b", /control/],
      ["http://127.0.0.1/api/session", /path starting with/],
      ["*", /path starting with/],
      ["/api/analytics/heatmap?granularity=day&__proto__=1", /query: unknown field "__proto__"/],
      ["/api/rounds?__proto__[x]=1&__proto__=2", /__proto__/],
    ];
    for (const [target, message] of refused) {
      const read = readRequestTarget(target, routeOf);
      expect(read.ok, target).toBe(false);
      if (!read.ok) expect(read.message, target).toMatch(message);
    }
  });

  it("names a percent-encoded static segment as Next routes it: not the route it spells", () => {
    // Next compares static segments undecoded, so /api/%73ession is its catch-all 404, not the sign-in.
    expect(readRequestTarget("/api/%73ession", routeOf)).toMatchObject({ ok: true, route: "/api/[...path]" });
  });
});

describe("un-normalised paths on the real server (finding 2)", () => {
  let app: TestApp;
  let roundId: string;
  const logs = captureLogs();

  beforeAll(async () => {
    app = await startTestApp({
      next: true,
      log: createLogger({ level: "info", destination: logs.stream }),
      rateLimit: { watch: { ip: { points: 5, durationMs: 60_000 } } },
    });
    roundId = (await createOpenRound(app.db, app.clock.now())).id;
  });
  afterAll(async () => {
    await app.stop();
  });

  it("refuses a dot-segment path to a limited route with 400, so it cannot outrun the limit of the plain path", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await raw(app.url, `/api/rounds/${roundId}`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    for (const target of [`/_next/../api/rounds/${roundId}`, `/_next/%2e%2e/api/rounds/${roundId}`]) {
      const res = await raw(app.url, target);
      expect(res.status, target).toBe(400);
      expect(JSON.parse(res.body)).toEqual({
        ok: false,
        error: { code: "INVALID_INPUT", message: expect.stringContaining("path") },
      });
    }
  });

  it("creates no applicant through a dot-segment sign-in, and logs every refusal at info", async () => {
    const before = await app.db.applicant.count();
    for (const target of ["/_next/../api/session", "/api/./session", "/api/%2e/session"]) {
      const res = await raw(app.url, target, { method: "POST", body: JSON.stringify({ name: "Sneaky" }) });
      expect(res.status, target).toBe(400);
    }
    expect(await app.db.applicant.count()).toBe(before);
    const lines = logs.lines().filter((l) => l.msg === "http request" && l.route === "invalid");
    expect(lines.map((l) => [l.level, l.status, l.method])).toEqual([
      [30, 400, "GET"],
      [30, 400, "GET"],
      [30, 400, "POST"],
      [30, 400, "POST"],
      [30, 400, "POST"],
    ]);
  });

  it("answers bad percent-encoding and other malformed targets with 400 in the envelope, not 500 (finding 7)", async () => {
    for (const target of ["/rounds/%ZZ", "/api/rounds/%E0%A4%A", "/api%5Csession", "/rounds\\x"]) {
      const res = await raw(app.url, target);
      expect(res.status, target).toBe(400);
      expect(JSON.parse(res.body).error.code, target).toBe("INVALID_INPUT");
    }
  });
});
