import http from "node:http";
import { performance } from "node:perf_hooks";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { openSse, type SseStream } from "../testing/sse-client.ts";
import { signIn, startTestApp, type TestApp } from "../testing/test-app.ts";
import { REFUSAL_HOLD_MS } from "./pace-refusals.ts";

const MINUTE = 60_000;
const PASSWORD = "the-right-admin-password-42";
const WRONG = "a-wrong-guess-at-the-password";
const per = (points: number, durationMs = MINUTE) => ({ points, durationMs });

/** A 429 with Retry-After, the RateLimit headers and the RATE_LIMITED envelope whose message matches. */
async function expectRefusal(res: Response, message: RegExp) {
  expect(res.status).toBe(429);
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
  expect(res.headers.get("ratelimit-remaining")).toBe("0");
  expect(Number(res.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
  expect(res.headers.get("content-type")).toMatch(/^application\/json/);
  const body = await res.json();
  expect(body).toEqual({
    ok: false,
    error: { code: "RATE_LIMITED", message: expect.stringMatching(message), retryAfterMs: expect.any(Number) },
  });
  expect(body.error.retryAfterMs).toBeGreaterThan(0);
  expect(body.error.retryAfterMs).toBeLessThanOrEqual(retryAfter * 1000);
  return body;
}

/**
 * Each test speaks for its own client address: the apps trust one proxy, so
 * X-Forwarded-For names the address the limits count, and tests do not share
 * counts. (Without TRUST_PROXY the header is ignored: socket-rate-limit.test.ts.)
 */
describe("rate limits on HTTP (real server, Next.js routes, event streams)", () => {
  let app: TestApp;
  let roundId: string;

  beforeAll(async () => {
    app = await startTestApp({
      next: true,
      rateLimit: {
        reads: { applicant: per(2), ip: per(3) },
        watch: { ip: per(2) },
        login: { ip: per(2) },
        trustProxy: 1,
      },
    });
    roundId = (await createOpenRound(app.db, app.clock.now())).id;
  });
  afterAll(async () => {
    await app.stop();
  });

  const from = (address: string, init: RequestInit & { headers?: Record<string, string> } = {}) => ({
    ...init,
    headers: { "x-forwarded-for": address, ...init.headers },
  });
  const get = (path: string, address: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}${path}`, from(address, { headers }));
  const post = (path: string, address: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(
      `${app.url}${path}`,
      from(address, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify(body),
      }),
    );
  const rateLimited = async (scope: string, route: string) =>
    (await app.metrics.rateLimited.get()).values.find((v) => v.labels.scope === scope && v.labels.route === route)
      ?.value ?? 0;

  it("answers a GET route over its limit 429 with Retry-After, RateLimit headers and the envelope", async () => {
    const address = "203.0.113.1";
    const remaining: (string | null)[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await get("/api/rounds", address);
      expect(res.status).toBe(200);
      expect(res.headers.get("ratelimit-limit")).toBe("3");
      remaining.push(res.headers.get("ratelimit-remaining"));
    }
    expect(remaining).toEqual(["2", "1", "0"]);
    const refused = await get("/api/rounds", address);
    await expectRefusal(refused, /^Too many requests from your network: try again in (\d+ seconds|1 minute)\.$/);
    expect(refused.headers.get("ratelimit-limit")).toBe("3");
    expect(refused.headers.get("x-request-id")).toBeTruthy();

    // Health probes are never limited, and another address has its own count.
    expect((await get("/api/health", address)).status).toBe(200);
    expect((await get("/api/rounds", "203.0.113.2")).status).toBe(200);
    expect(await rateLimited("reads", "/api/rounds")).toBe(1);
  });

  it("counts a signed-in applicant before the address, so one applicant cannot use up their network's limit", async () => {
    const address = "203.0.113.3";
    const { cookie } = await signIn(app, "Ada");
    for (let i = 0; i < 2; i++) expect((await get("/api/session", address, { cookie })).status).toBe(200);
    await expectRefusal(await get("/api/session", address, { cookie }), /^Too many requests from you: /);
    await expectRefusal(await get("/api/rounds", address, { cookie }), /^Too many requests from you: /);
    // The applicant's refusals were not charged to the address: it has one read left of three.
    expect((await get("/api/session", address)).headers.get("ratelimit-remaining")).toBe("0");
    await expectRefusal(await get("/api/session", address), /^Too many requests from your network: /);
  });

  it("limits event streams per address, answering the one over the limit 429 before the stream starts", async () => {
    const address = "203.0.113.4";
    const path = `/api/rounds/${roundId}/events`;
    const open: SseStream[] = [];
    try {
      for (let i = 0; i < 2; i++) {
        const stream = await openSse(`${app.url}${path}`, { "x-forwarded-for": address });
        open.push(stream);
        expect(stream.status).toBe(200);
        expect(stream.headers["ratelimit-limit"]).toBe("2");
        expect((await stream.next()).retry).toBe(2000);
      }
      await expectRefusal(await get(path, address), /^Too many live views opened from your network: /);
      // The snapshot route is watching too, and shares the count.
      await expectRefusal(await get(`/api/rounds/${roundId}`, address), /^Too many live views opened/);
      expect(await rateLimited("watch", "/api/rounds/[id]/events")).toBe(1);
      expect(await rateLimited("watch", "/api/rounds/[id]")).toBe(1);
    } finally {
      for (const s of open) s.close();
    }
  });

  it("holds back the 429s that follow an address's first", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const timedGet = () =>
      new Promise<{ status: number; ms: number }>((resolve, reject) => {
        const sent = performance.now();
        http
          .get(`${app.url}/api/rounds`, { agent, headers: { "x-forwarded-for": "203.0.113.9" } }, (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - sent }));
          })
          .on("error", reject);
      });
    try {
      for (let i = 0; i < 3; i++) expect((await timedGet()).status).toBe(200);
      const first = await timedGet();
      expect(first.status).toBe(429);
      expect(first.ms).toBeLessThan(REFUSAL_HOLD_MS / 2);
      const second = await timedGet();
      expect(second.status).toBe(429);
      expect(second.ms).toBeGreaterThanOrEqual(REFUSAL_HOLD_MS - 50);
    } finally {
      agent.destroy();
    }
  });

  it("limits applicant sign-ins per address", async () => {
    const address = "203.0.113.5";
    for (let i = 0; i < 2; i++) expect((await post("/api/session", address, { name: `N${i}` })).status).toBe(201);
    const refused = await post("/api/session", address, { name: "N3" });
    await expectRefusal(refused, /^Too many sign-ins from your network: /);
    expect(refused.headers.get("set-cookie")).toBeNull();
    expect(await rateLimited("login", "/api/session")).toBe(1);
  });
});

describe("admin sign-in lockout (real server, Next.js routes)", () => {
  const logLines: string[] = [];
  let app: TestApp;

  beforeAll(async () => {
    const log = pino({ level: "warn" }, { write: (line: string) => logLines.push(line) });
    app = await startTestApp({
      next: true,
      adminPassword: PASSWORD,
      log,
      rateLimit: { loginLockout: { failures: 3, durationMs: MINUTE }, trustProxy: 1 },
    });
  });
  afterAll(async () => {
    await app.stop();
  });

  const signInWith = (password: string, address: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/api/admin/session`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": address, ...headers },
      body: JSON.stringify({ password }),
    });

  it("locks an address out after repeated failures and refuses even the right password, with a clear message", async () => {
    const address = "203.0.113.6";
    const refusals = [];
    for (let i = 0; i < 3; i++) {
      const res = await signInWith(WRONG, address);
      expect(res.status).toBe(401);
      refusals.push((await res.json()).error);
    }
    const plain = { code: "INVALID_CREDENTIALS", message: "Wrong admin password. Check it and try again." };
    expect(refusals).toEqual([
      plain,
      plain,
      {
        code: "INVALID_CREDENTIALS",
        message:
          "Wrong admin password. Too many failed sign-ins: admin sign-in from your network is now locked for 1 minute.",
      },
    ]);

    const locked = await signInWith(PASSWORD, address);
    await expectRefusal(
      locked,
      /^Too many failed admin sign-ins from your network: admin sign-in is locked\. Try again in (\d+ seconds|1 minute)\.$/,
    );
    expect(locked.headers.get("ratelimit-limit")).toBe("3");
    expect(locked.headers.get("set-cookie")).toBeNull();
    expect(logLines.some((l) => l.includes('"code":"RATE_LIMITED"') && l.includes("admin sign-in refused"))).toBe(true);
    expect((await app.metrics.rateLimited.get()).values.find((v) => v.labels.scope === "lockout")?.labels.route).toBe(
      "/api/admin/session",
    );

    // The custom server overwrites the address header Next reads: a client cannot name another address.
    const spoofed = await signInWith(PASSWORD, address, { "x-intake-client-ip": "198.51.100.200" });
    expect(spoofed.status).toBe(429);
    // Another address is not locked out.
    expect((await signInWith(PASSWORD, "203.0.113.7")).status).toBe(200);
  });

  it("forgets an address's failures when the right password comes", async () => {
    const address = "203.0.113.8";
    expect((await signInWith(WRONG, address)).status).toBe(401);
    expect((await signInWith(WRONG, address)).status).toBe(401);
    expect((await signInWith(PASSWORD, address)).status).toBe(200);
    expect((await signInWith(WRONG, address)).status).toBe(401);
    const second = await signInWith(WRONG, address);
    expect((await second.json()).error.message).toBe("Wrong admin password. Check it and try again.");
    expect((await signInWith(PASSWORD, address)).status).toBe(200);
  });
});
