import { type SessionOptions, unsealData } from "iron-session";

/**
 * Who a request is, as its live session row says: an applicant, the admin, or
 * nobody (empty). The cookie itself carries only the row's id (SessionCookie);
 * every reader resolves it through the one resolver (server/sessions.ts).
 */
export interface SessionData {
  /** The session's id; absent when there is no live session. */
  sid?: string;
  applicantId?: string;
  admin?: AdminSessionPart;
}

export interface AdminSessionPart {
  /** Server clock (ms) at admin sign-in; the session ends ADMIN_SESSION_TTL later. */
  since: number;
  /** The admin credential's updatedAt (ms) at sign-in: a changed password ends every admin session. */
  passwordSetAt: number;
}

/** What the sealed cookie holds: a session row's id and nothing else. */
export interface SessionCookie {
  sid: string;
}

/** The one identity a new session holds: signing in never carries over another. */
export type SessionIdentity = { applicantId: string } | { admin: { passwordSetAt: number } };

/** A session row as lib/db/find-session.ts reads it (times in ms). */
export interface StoredSession {
  id: string;
  applicantId: string | null;
  admin: AdminSessionPart | null;
  expiresAt: number;
  revokedAt: number | null;
}

export const SESSION_COOKIE = "intake_session";
const THIRTY_DAYS_S = 30 * 24 * 3600;
/** How long an applicant stays signed in; admin sessions end ADMIN_SESSION_TTL after sign-in instead. */
export const APPLICANT_SESSION_TTL_MS = THIRTY_DAYS_S * 1000;

/** When a session signed in at `now` ends. */
export function sessionExpiry(identity: SessionIdentity, now: number, adminTtlMs: number): number {
  return now + ("admin" in identity ? adminTtlMs : APPLICANT_SESSION_TTL_MS);
}

/**
 * The identity a stored session gives now: nothing when there is no row or it
 * was revoked, nothing for an applicant session past its expiry. An admin
 * session is handed on even past its TTL, so checkAdminSession can say
 * "expired" rather than "sign in"; it grants nothing by then.
 */
export function identityOf(row: StoredSession | null, now: number): SessionData {
  if (!row || row.revokedAt !== null) return {};
  if (row.admin) return { sid: row.id, admin: row.admin };
  if (row.applicantId === null || now >= row.expiresAt) return {};
  return { sid: row.id, applicantId: row.applicantId };
}

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

const SESSION_ID = /^[\w-]{16,64}$/;

/**
 * The session id in a sealed cookie value, or null if absent, forged, past
 * its seal's TTL, or of the old format (identity fields, no id): such a
 * cookie is anonymous.
 */
export async function unsealSessionId(sealed: string | undefined, options: SessionOptions): Promise<string | null> {
  if (!sealed) return null;
  try {
    const data = await unsealData<Partial<SessionCookie>>(sealed, { password: options.password, ttl: options.ttl });
    return typeof data.sid === "string" && SESSION_ID.test(data.sid) ? data.sid : null;
  } catch {
    return null;
  }
}
