import { describe, expect, it } from "vitest";
import { adminLoginUrl, checkAdminSession, safeNextPath } from "./admin-session.ts";

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
const context = { now: T0, ttlMs: 8 * HOUR, passwordSetAt: 1000 };

describe("checkAdminSession", () => {
  it("grants an admin session until since + TTL, and not a millisecond longer", () => {
    const session = { admin: { since: T0, passwordSetAt: 1000 } };
    expect(checkAdminSession(session, context)).toEqual({ ok: true, since: T0, expiresAt: T0 + 8 * HOUR });
    expect(checkAdminSession(session, { ...context, now: T0 + 8 * HOUR - 1 }).ok).toBe(true);
    expect(checkAdminSession(session, { ...context, now: T0 + 8 * HOUR })).toMatchObject({
      ok: false,
      code: "ADMIN_SESSION_EXPIRED",
      reason: "expired",
      message: expect.stringContaining("expired"),
    });
  });

  it("ends an admin session once the admin password has changed, or is gone", () => {
    const session = { admin: { since: T0, passwordSetAt: 1000 } };
    for (const passwordSetAt of [2000, null]) {
      expect(checkAdminSession(session, { ...context, passwordSetAt })).toMatchObject({
        ok: false,
        code: "ADMIN_SESSION_EXPIRED",
        reason: "password-changed",
      });
    }
  });

  it("refuses anonymous callers with UNAUTHENTICATED and applicants with FORBIDDEN, each saying what to do", () => {
    const anonymous = checkAdminSession({}, context);
    expect(anonymous).toMatchObject({ ok: false, code: "UNAUTHENTICATED", reason: "anonymous" });
    const applicant = checkAdminSession({ sid: "s1", applicantId: "a1" }, context);
    expect(applicant).toMatchObject({ ok: false, code: "FORBIDDEN", reason: "applicant" });
    for (const refusal of [anonymous, applicant]) {
      expect(!refusal.ok && refusal.message).toContain("/admin/login");
    }
  });
});

describe("safeNextPath", () => {
  it.each(["/admin", "/admin/analytics?range=7d", "/rounds/abc"])("keeps the local path %s", (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    "https://evil.example/admin",
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example",
    "admin",
    "",
    undefined,
    ["/admin"],
  ])("falls back to /admin for %j", (value) => {
    expect(safeNextPath(value)).toBe("/admin");
  });
});

describe("adminLoginUrl", () => {
  it("remembers where to return and why, and drops unsafe targets", () => {
    expect(adminLoginUrl("/admin/analytics?range=7d")).toBe("/admin/login?next=%2Fadmin%2Fanalytics%3Frange%3D7d");
    expect(adminLoginUrl("/admin", "expired")).toBe("/admin/login?next=%2Fadmin&reason=expired");
    expect(adminLoginUrl("//evil.example", "applicant")).toBe("/admin/login?next=%2Fadmin&reason=applicant");
  });
});
