import { sealData } from "iron-session";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  APPLICANT_SESSION_TTL_MS,
  identityOf,
  readCookie,
  SESSION_COOKIE,
  type StoredSession,
  sessionExpiry,
  sessionOptions,
  unsealSessionId,
} from "./session.ts";

const SECRET = "a-test-secret-that-is-at-least-32-characters-long";
const OTHER_SECRET = "another-secret-that-is-also-32-characters-or-more";
const DAY_S = 24 * 3600;

const options = sessionOptions(SECRET, false);

function seal(data: object, password = SECRET, ttl = 30 * DAY_S): Promise<string> {
  return sealData(data, { password, ttl });
}

function cookieHeader(sealed: string): string {
  return `theme=dark; ${SESSION_COOKIE}=${encodeURIComponent(sealed)}; lang=en`;
}

describe("readCookie", () => {
  it("finds the named cookie among several", () => {
    expect(readCookie("a=1; target=two; b=3", "target")).toBe("two");
    expect(readCookie("target=first; b=3", "target")).toBe("first");
  });

  it("trims whitespace around the name and the value", () => {
    expect(readCookie("a=1;   target  =  two  ;b=3", "target")).toBe("two");
  });

  it("URL-decodes the value and keeps any = inside it", () => {
    expect(readCookie("target=Fe26.2%2A1%7Ex%20y%3D%3D", "target")).toBe("Fe26.2*1~x y==");
    expect(readCookie("target=abc==", "target")).toBe("abc==");
  });

  it("matches the whole name, not a prefix or suffix of another cookie", () => {
    expect(readCookie("mytarget=1; target_x=2", "target")).toBeUndefined();
  });

  it("returns undefined when the cookie is absent or there is no header", () => {
    expect(readCookie("a=1; b=2", "target")).toBeUndefined();
    expect(readCookie("", "target")).toBeUndefined();
    expect(readCookie(undefined, "target")).toBeUndefined();
  });

  it("returns undefined for a value that cannot be URL-decoded", () => {
    expect(readCookie("target=%E0%A4%A; b=2", "target")).toBeUndefined();
  });
});

describe("unsealSessionId", () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  const SID = "AbCdEfGhIjKlMnOpQrStUvWx";
  const fromHeader = (header: string | undefined) => unsealSessionId(readCookie(header, SESSION_COOKIE), options);

  it("reads the session id back from a sealed session cookie", async () => {
    expect(await fromHeader(cookieHeader(await seal({ sid: SID })))).toBe(SID);
  });

  it("gives no id for a cookie of the old format, which carried the identity itself", async () => {
    const old = await seal({ applicantId: "app_123", name: "Ada", admin: { since: 1, passwordSetAt: 1 } });
    expect(await fromHeader(cookieHeader(old))).toBeNull();
  });

  it("gives no id for a sealed id of the wrong shape", async () => {
    for (const sid of ["", "short", "x".repeat(65), "has spaces in it, quite a few", 42, null]) {
      expect(await fromHeader(cookieHeader(await seal({ sid })))).toBeNull();
    }
  });

  it("gives no id for a tampered cookie", async () => {
    const sealed = await seal({ sid: SID });
    const parts = sealed.split("*");
    const encrypted = parts[4] ?? "";
    parts[4] = `${encrypted.startsWith("A") ? "B" : "A"}${encrypted.slice(1)}`;
    const tampered = parts.join("*");
    expect(tampered).not.toBe(sealed);
    expect(await fromHeader(cookieHeader(tampered))).toBeNull();
  });

  it("gives no id for a cookie sealed with another password", async () => {
    expect(await fromHeader(cookieHeader(await seal({ sid: SID }, OTHER_SECRET)))).toBeNull();
  });

  it("gives no id for a cookie whose seal has expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2026, 0, 1));
    const sealed = await seal({ sid: SID }, SECRET, DAY_S);
    vi.setSystemTime(Date.UTC(2026, 0, 3));
    expect(await fromHeader(cookieHeader(sealed))).toBeNull();
  });

  it("gives no id for garbage, no header or no session cookie", async () => {
    expect(await fromHeader(`${SESSION_COOKIE}=not-a-seal`)).toBeNull();
    expect(await fromHeader(undefined)).toBeNull();
    expect(await fromHeader("theme=dark")).toBeNull();
  });
});

describe("identityOf", () => {
  const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);
  const applicant: StoredSession = { id: "s1", applicantId: "a1", admin: null, expiresAt: T0 + 1000, revokedAt: null };
  const admin: StoredSession = {
    id: "s2",
    applicantId: null,
    admin: { since: T0, passwordSetAt: 5 },
    expiresAt: T0 + 1000,
    revokedAt: null,
  };

  it("gives a live applicant session's applicant, until a millisecond before it expires", () => {
    expect(identityOf(applicant, T0)).toEqual({ sid: "s1", applicantId: "a1" });
    expect(identityOf(applicant, T0 + 999)).toEqual({ sid: "s1", applicantId: "a1" });
    expect(identityOf(applicant, T0 + 1000)).toEqual({});
  });

  it("gives no one for a missing or revoked session", () => {
    expect(identityOf(null, T0)).toEqual({});
    expect(identityOf({ ...applicant, revokedAt: T0 - 1 }, T0)).toEqual({});
    expect(identityOf({ ...admin, revokedAt: T0 - 1 }, T0)).toEqual({});
  });

  it("hands on an admin session past its end, so the admin check can say it expired", () => {
    expect(identityOf(admin, T0 + 5000)).toEqual({ sid: "s2", admin: { since: T0, passwordSetAt: 5 } });
  });
});

describe("sessionExpiry", () => {
  it("ends an applicant session after 30 days and an admin session after the admin TTL", () => {
    expect(sessionExpiry({ applicantId: "a1" }, 1000, 5)).toBe(1000 + APPLICANT_SESSION_TTL_MS);
    expect(APPLICANT_SESSION_TTL_MS).toBe(30 * DAY_S * 1000);
    expect(sessionExpiry({ admin: { passwordSetAt: 1 } }, 1000, 5)).toBe(1005);
  });
});
