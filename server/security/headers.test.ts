import { io as connect } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contentSecurityPolicy, originAllowed } from "../http/security.ts";
import { signIn, signInAdmin, startTestApp, type TestApp } from "../testing/test-app.ts";

describe("hardening", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ next: true });
  });
  afterAll(async () => {
    await app.stop();
  });

  it("sends the security headers on pages, API answers and refusals", async () => {
    for (const path of ["/", "/api/rounds", "/api/nope", "/admin/login"]) {
      const res = await fetch(`${app.url}${path}`, { redirect: "manual" });
      expect(res.headers.get("content-security-policy"), path).toBe(contentSecurityPolicy(false));
      expect(res.headers.get("x-frame-options"), path).toBe("DENY");
      expect(res.headers.get("referrer-policy"), path).toBe("strict-origin-when-cross-origin");
      expect(res.headers.get("x-content-type-options"), path).toBe("nosniff");
    }
    const csp = contentSecurityPolicy(false);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy(true)).toContain("'unsafe-eval'");
  });

  it("refuses a cookie-carrying POST from another origin with 403 and a clear message, and changes nothing", async () => {
    const { cookie } = await signIn(app, "Ada");
    const before = await app.db.applicant.count();
    const forged = await fetch(`${app.url}/api/session`, {
      method: "POST",
      headers: { cookie, origin: "https://evil.example", "content-type": "application/json" },
      body: JSON.stringify({ name: "Mallory" }),
    });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({
      ok: false,
      error: { code: "FORBIDDEN", message: expect.stringContaining("Cross-site request refused") },
    });
    expect(await app.db.applicant.count()).toBe(before);

    const admin = await signInAdmin(app);
    const logout = await fetch(`${app.url}/api/admin/session`, {
      method: "DELETE",
      headers: { cookie: admin.cookie, origin: "http://localhost:1" },
    });
    expect(logout.status).toBe(403);

    // The site's own pages (Origin = the address the request was sent to) and non-browser clients pass.
    const own = await fetch(`${app.url}/api/session`, {
      method: "POST",
      headers: { cookie, origin: app.url, "content-type": "application/json" },
      body: JSON.stringify({ name: "Ada" }),
    });
    expect(own.status).toBe(201);
    const noOrigin = await fetch(`${app.url}/api/session`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ name: "Ada" }),
    });
    expect(noOrigin.status).toBe(201);
  });

  it("refuses a Socket.IO handshake from another origin and accepts the site's own", async () => {
    const attempt = (origin: string) =>
      new Promise<"connected" | "refused">((resolve) => {
        const socket = connect(app.url, {
          transports: ["websocket"],
          forceNew: true,
          reconnection: false,
          extraHeaders: { origin },
        });
        socket.once("connect", () => {
          socket.close();
          resolve("connected");
        });
        socket.once("connect_error", () => {
          socket.close();
          resolve("refused");
        });
      });
    expect(await attempt("https://evil.example")).toBe("refused");
    expect(await attempt(app.url)).toBe("connected");
  });
});

describe("originAllowed", () => {
  const req = (headers: Record<string, string>) => ({ headers }) as unknown as import("node:http").IncomingMessage;

  it("with PUBLIC_ORIGIN set allows exactly that origin, whatever the Host says", () => {
    const publicOrigin = "https://intake.example";
    expect(originAllowed(req({ origin: publicOrigin, host: "10.0.0.5:3000" }), publicOrigin)).toBe(true);
    expect(originAllowed(req({ origin: "http://intake.example", host: "intake.example" }), publicOrigin)).toBe(false);
    expect(originAllowed(req({ origin: "https://intake.example.evil.test" }), publicOrigin)).toBe(false);
    expect(originAllowed(req({}), publicOrigin)).toBe(true);
  });

  it("without it allows the origin the request was addressed to, and refuses garbage", () => {
    expect(originAllowed(req({ origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" }), undefined)).toBe(true);
    expect(originAllowed(req({ origin: "http://127.0.0.1:3001", host: "127.0.0.1:3000" }), undefined)).toBe(false);
    expect(originAllowed(req({ origin: "null", host: "127.0.0.1:3000" }), undefined)).toBe(false);
  });
});
