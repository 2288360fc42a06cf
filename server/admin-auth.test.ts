import { sealData } from "iron-session";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../lib/clock.ts";
import { ensureAdminCredential } from "../lib/db/ensure-admin-credential.ts";
import { getAdminPasswordSetAt } from "../lib/db/get-admin-password-set-at.ts";
import { sendRequest } from "./testing/admin-api.ts";
import { signIn, signInAdmin, startTestApp, TEST_SECRET, type TestApp } from "./testing/test-app.ts";

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
const HOUR = 3_600_000;
const PASSWORD = "the-right-admin-password-42";
const WRONG = "a-wrong-guess-at-the-password";

describe("admin sign-in and admin-only access (real server, Next.js routes)", () => {
  const clock = createManualClock(T0);
  const logLines: string[] = [];
  let app: TestApp;

  beforeAll(async () => {
    // A bare pino logger, without createLogger's redaction: the password must not be logged at all.
    const log = pino({ level: "trace" }, { write: (line: string) => logLines.push(line) });
    app = await startTestApp({ clock, next: true, adminPassword: PASSWORD, adminSessionTtlMs: 8 * HOUR, log });
  });
  afterAll(async () => {
    await app.stop();
  });

  const request = (path: string, init: Parameters<typeof sendRequest>[2] = {}) => sendRequest(app, path, init);
  const signInWith = (password: unknown, cookie?: string) =>
    request("/api/admin/session", { method: "POST", body: { password }, cookie });
  const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] as string;

  it("signs in with the right password: a sealed httpOnly cookie, and the session answers with its expiry", async () => {
    clock.set(T0);
    const res = await signInWith(PASSWORD);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, admin: true, since: T0, expiresAt: T0 + 8 * HOUR });
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^intake_session=Fe26\.2\*/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);

    const session = await request("/api/admin/session", { cookie: cookieOf(res) });
    expect(session.status).toBe(200);
    expect(await session.json()).toEqual({ ok: true, admin: true, since: T0, expiresAt: T0 + 8 * HOUR });
  });

  it("refuses a wrong password with 401 INVALID_CREDENTIALS, a clear message and no cookie", async () => {
    for (const password of [WRONG, `${PASSWORD} `, PASSWORD.toUpperCase()]) {
      const res = await signInWith(password);
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({
        ok: false,
        error: { code: "INVALID_CREDENTIALS", message: "Wrong admin password. Check it and try again." },
      });
      expect(res.headers.get("set-cookie")).toBeNull();
    }
  });

  it("refuses malformed sign-ins with INVALID_INPUT naming the field", async () => {
    const cases: [unknown, string][] = [
      [{}, "password"],
      [{ password: "" }, "password: must not be empty"],
      [{ password: 42 }, "password"],
      [{ password: "x".repeat(1025) }, "password: must be at most 1024 characters"],
      [{ password: PASSWORD, admin: true }, 'unknown field "admin"'],
    ];
    for (const [body, message] of cases) {
      const res = await request("/api/admin/session", { method: "POST", body });
      expect(res.status).toBe(400);
      const json = await res.json();
      expect(json.error).toEqual({ code: "INVALID_INPUT", message: expect.stringContaining(message) });
      expect(JSON.stringify(json)).not.toContain(PASSWORD);
    }
  });

  it("answers anonymous callers 401 UNAUTHENTICATED and applicants 403 FORBIDDEN, an admin 200", async () => {
    const anonymous = await request("/api/admin/session");
    expect(anonymous.status).toBe(401);
    expect((await anonymous.json()).error).toEqual({
      code: "UNAUTHENTICATED",
      message: "Admins only: sign in with the admin password at /admin/login.",
    });

    const applicant = await signIn(app, "Ada");
    const forbidden = await request("/api/admin/session", { cookie: applicant.cookie });
    expect(forbidden.status).toBe(403);
    expect((await forbidden.json()).error).toEqual({
      code: "FORBIDDEN",
      message: expect.stringContaining("you are signed in as an applicant"),
    });

    const forged = await request("/api/admin/session", { cookie: "intake_session=Fe26.2*forged" });
    expect(forged.status).toBe(401);

    const { cookie } = await signInAdmin(app);
    expect((await request("/api/admin/session", { cookie })).status).toBe(200);
  });

  it("ends an admin session ADMIN_SESSION_TTL after sign-in, by the server's clock", async () => {
    clock.set(T0);
    const cookie = cookieOf(await signInWith(PASSWORD));
    clock.set(T0 + 8 * HOUR - 1);
    expect((await request("/api/admin/session", { cookie })).status).toBe(200);
    clock.set(T0 + 8 * HOUR);
    const expired = await request("/api/admin/session", { cookie });
    expect(expired.status).toBe(401);
    expect((await expired.json()).error).toEqual({
      code: "ADMIN_SESSION_EXPIRED",
      message: "Your admin session has expired. Sign in again at /admin/login.",
    });
    const page = await request("/admin", { cookie });
    expect(page.status).toBe(307);
    expect(page.headers.get("location")).toBe("/admin/login?next=%2Fadmin&reason=expired");
    clock.set(T0);
  });

  it("guards the admin page: anonymous visitors and applicants go to the login page, an admin sees it", async () => {
    const anonymous = await request("/admin");
    expect(anonymous.status).toBe(307);
    expect(anonymous.headers.get("location")).toBe("/admin/login?next=%2Fadmin");

    const applicant = await signIn(app, "Grace");
    const refused = await request("/admin", { cookie: applicant.cookie });
    expect(refused.headers.get("location")).toBe("/admin/login?next=%2Fadmin&reason=applicant");
    const login = await request("/admin/login?next=%2Fadmin&reason=applicant", { cookie: applicant.cookie });
    expect(login.status).toBe(200);
    expect(await login.text()).toContain("You are signed in as an applicant");

    const { cookie } = await signInAdmin(app);
    const home = await request("/admin", { cookie });
    expect(home.status).toBe(200);
    const html = await home.text();
    expect(html).toContain('href="/admin/analytics"');
    expect(html).toContain("Signed in as admin until");
  });

  it("sends a signed-in admin from the login page straight on, and only to paths on this site", async () => {
    const { cookie } = await signInAdmin(app);
    const onward = await request("/admin/login?next=%2Fadmin%2Fanalytics%3Frange%3D7d", { cookie });
    expect(onward.status).toBe(307);
    expect(onward.headers.get("location")).toBe("/admin/analytics?range=7d");
    for (const next of ["https://evil.example/", "//evil.example", "/\\evil.example"]) {
      const res = await request(`/admin/login?next=${encodeURIComponent(next)}`, { cookie });
      expect(res.headers.get("location"), next).toBe("/admin");
    }
    const anonymous = await request("/admin/login?reason=nonsense&next=%2F%2Fevil.example");
    expect(anonymous.status).toBe(200);
    expect(await anonymous.text()).toContain("Admin password");
  });

  it("signs in as admin with a fresh session that keeps no applicant, and signs out of admin only", async () => {
    const applicant = await signIn(app, "Linus");
    const admin = cookieOf(await signInWith(PASSWORD, applicant.cookie));
    expect((await request("/api/admin/session", { cookie: admin })).status).toBe(200);
    // One browser, one identity: the applicant session the browser brought was ended, not merged.
    expect((await (await request("/api/session", { cookie: admin })).json()).applicant).toBeNull();
    expect((await (await request("/api/session", { cookie: applicant.cookie })).json()).applicant).toBeNull();

    // Signing out of admin leaves an applicant's session (another browser's, say) signed in.
    const other = await signIn(app, "Ada");
    const kept = await request("/api/admin/session", { method: "DELETE", cookie: other.cookie });
    expect(kept.status).toBe(200);
    expect(await kept.json()).toEqual({ ok: true });
    expect(kept.headers.get("set-cookie")).toBeNull();
    expect((await (await request("/api/session", { cookie: other.cookie })).json()).applicant?.id).toBe(
      other.applicantId,
    );

    // An admin's sign-out ends the session and clears the cookie; without a session it is still 200.
    const cleared = await request("/api/admin/session", { method: "DELETE", cookie: admin });
    expect(cleared.headers.get("set-cookie")).toMatch(/^intake_session=;.*Max-Age=0/i);
    expect((await request("/api/admin/session", { cookie: admin })).status).toBe(401);
    expect((await request("/api/admin/session", { method: "DELETE" })).status).toBe(200);
  });

  it("does not accept a session id sealed with another secret", async () => {
    const { sid, cookie } = await signInAdmin(app);
    // The same id sealed with the server's secret passes, so only the seal is being judged.
    expect((await request("/api/admin/session", { cookie })).status).toBe(200);
    const forged = await sealData({ sid }, { password: "an-attacker-secret-of-at-least-32-characters" });
    const res = await request("/api/admin/session", { cookie: `intake_session=${encodeURIComponent(forged)}` });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
  });

  it("treats a cookie of the old format (identity sealed in the cookie itself) as no session", async () => {
    const passwordSetAt = await getAdminPasswordSetAt(app.db);
    const old = await sealData(
      { admin: { since: clock.now(), passwordSetAt: passwordSetAt ?? 0 } },
      { password: TEST_SECRET },
    );
    const res = await request("/api/admin/session", { cookie: `intake_session=${encodeURIComponent(old)}` });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
  });

  it("ends every admin session when the admin password is rotated", async () => {
    const before = cookieOf(await signInWith(PASSWORD));
    await ensureAdminCredential(app.db, { password: "a-rotated-admin-password" });
    const stale = await request("/api/admin/session", { cookie: before });
    expect(stale.status).toBe(401);
    expect((await stale.json()).error).toEqual({
      code: "ADMIN_SESSION_EXPIRED",
      message: expect.stringContaining("admin password has changed"),
    });
    expect((await signInWith(PASSWORD)).status).toBe(401);
    const after = cookieOf(await signInWith("a-rotated-admin-password"));
    expect((await request("/api/admin/session", { cookie: after })).status).toBe(200);
    await ensureAdminCredential(app.db, { password: PASSWORD });
  });

  it("logs sign-ins and refusals, never a password or a cookie", async () => {
    const text = logLines.join("");
    expect(text).toContain("admin sign-in refused");
    expect(text).toContain("admin signed in");
    for (const secret of [PASSWORD, WRONG, "a-rotated-admin-password", "Fe26.2"]) {
      expect(text).not.toContain(secret);
    }
  });
});
