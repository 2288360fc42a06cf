import { sealData } from "iron-session";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readCookie, SESSION_COOKIE, sessionFromCookieHeader, sessionOptions } from "./session.ts";

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

describe("sessionFromCookieHeader", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("reads the applicant back from a sealed session cookie", async () => {
    const sealed = await seal({ applicantId: "app_123", name: "Ada" });
    expect(await sessionFromCookieHeader(cookieHeader(sealed), options)).toEqual({
      applicantId: "app_123",
      name: "Ada",
    });
  });

  it("gives an empty session for a tampered cookie", async () => {
    const sealed = await seal({ applicantId: "app_123" });
    const parts = sealed.split("*");
    const encrypted = parts[4] ?? "";
    parts[4] = `${encrypted.startsWith("A") ? "B" : "A"}${encrypted.slice(1)}`;
    const tampered = parts.join("*");
    expect(tampered).not.toBe(sealed);
    expect(await sessionFromCookieHeader(cookieHeader(tampered), options)).toEqual({});
  });

  it("gives an empty session for a cookie sealed with another password", async () => {
    const sealed = await seal({ applicantId: "app_123" }, OTHER_SECRET);
    expect(await sessionFromCookieHeader(cookieHeader(sealed), options)).toEqual({});
  });

  it("gives an empty session for a cookie whose seal has expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.UTC(2026, 0, 1));
    const sealed = await seal({ applicantId: "app_123" }, SECRET, DAY_S);
    vi.setSystemTime(Date.UTC(2026, 0, 3));
    expect(await sessionFromCookieHeader(cookieHeader(sealed), options)).toEqual({});
  });

  it("gives an empty session for garbage in the session cookie", async () => {
    expect(await sessionFromCookieHeader(`${SESSION_COOKIE}=not-a-seal`, options)).toEqual({});
  });

  it("gives an empty session when there is no header or no session cookie", async () => {
    expect(await sessionFromCookieHeader(undefined, options)).toEqual({});
    expect(await sessionFromCookieHeader("theme=dark", options)).toEqual({});
  });
});
