import { type SessionOptions, unsealData } from "iron-session";

/**
 * One cookie carries two independent identities: an applicant (a display name
 * for holding seats) and, after the admin password, an admin part. Signing in
 * or out as one leaves the other as it was.
 */
export interface SessionData {
  applicantId?: string;
  name?: string;
  admin?: AdminSessionPart;
}

export interface AdminSessionPart {
  /** Server clock (ms) at admin sign-in; the session ends ADMIN_SESSION_TTL later. */
  since: number;
  /** The admin credential's updatedAt (ms) at sign-in: a changed password ends every admin session. */
  passwordSetAt: number;
}

export const SESSION_COOKIE = "intake_session";
const THIRTY_DAYS_S = 30 * 24 * 3600;

/** Signed (sealed), httpOnly, SameSite=Lax. `secure` is on when the site is served over HTTPS. */
export function sessionOptions(secret: string, secure: boolean): SessionOptions {
  return {
    cookieName: SESSION_COOKIE,
    password: secret,
    ttl: THIRTY_DAYS_S,
    cookieOptions: { httpOnly: true, sameSite: "lax", secure, path: "/" },
  };
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The session in a Cookie header, or an empty one if absent, forged or expired. */
export async function sessionFromCookieHeader(
  header: string | undefined,
  options: SessionOptions,
): Promise<SessionData> {
  const sealed = readCookie(header, options.cookieName);
  if (!sealed) return {};
  try {
    return await unsealData<SessionData>(sealed, { password: options.password, ttl: options.ttl });
  } catch {
    return {};
  }
}
