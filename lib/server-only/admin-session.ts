import type { SessionData } from "./session.ts";

/** Why a request is not an admin's; the login page words its notice after it. */
export const adminRefusalReasons = ["anonymous", "applicant", "expired", "password-changed"] as const;
export type AdminRefusalReason = (typeof adminRefusalReasons)[number];

export interface AdminGrant {
  ok: true;
  /** When the admin signed in (server clock, ms). */
  since: number;
  /** When this admin session ends (ms); not extended by activity. */
  expiresAt: number;
}

export interface AdminRefusal {
  ok: false;
  code: "UNAUTHENTICATED" | "FORBIDDEN" | "ADMIN_SESSION_EXPIRED";
  reason: AdminRefusalReason;
  message: string;
}

export const ADMIN_LOGIN_PATH = "/admin/login";

/** ADMIN_SESSION_TTL when unset: a working day. */
export const DEFAULT_ADMIN_SESSION_TTL_MS = 8 * 3_600_000;

const refusals: Record<AdminRefusalReason, Omit<AdminRefusal, "ok" | "reason">> = {
  anonymous: {
    code: "UNAUTHENTICATED",
    message: `Admins only: sign in with the admin password at ${ADMIN_LOGIN_PATH}.`,
  },
  applicant: {
    code: "FORBIDDEN",
    message: `Admins only: you are signed in as an applicant, which does not give admin access. Sign in with the admin password at ${ADMIN_LOGIN_PATH}.`,
  },
  expired: {
    code: "ADMIN_SESSION_EXPIRED",
    message: `Your admin session has expired. Sign in again at ${ADMIN_LOGIN_PATH}.`,
  },
  "password-changed": {
    code: "ADMIN_SESSION_EXPIRED",
    message: `The admin password has changed since you signed in. Sign in again at ${ADMIN_LOGIN_PATH}.`,
  },
};

export function adminRefusal(reason: AdminRefusalReason): AdminRefusal {
  return { ok: false, reason, ...refusals[reason] };
}

/**
 * Decides on the server whether a session is an admin's right now: it needs an
 * admin part younger than the TTL, made with the password that is current.
 * The resolver hands on an admin session past its TTL (identityOf), so the
 * message says it expired rather than only "sign in".
 */
export function checkAdminSession(
  session: SessionData,
  context: { now: number; ttlMs: number; passwordSetAt: number | null },
): AdminGrant | AdminRefusal {
  const admin = session.admin;
  if (admin) {
    const expiresAt = admin.since + context.ttlMs;
    if (context.now >= expiresAt) return adminRefusal("expired");
    if (admin.passwordSetAt !== context.passwordSetAt) return adminRefusal("password-changed");
    return { ok: true, since: admin.since, expiresAt };
  }
  return adminRefusal(session.applicantId ? "applicant" : "anonymous");
}

/**
 * Where a login should send the admin afterwards: a path on this site only,
 * so `?next=` cannot be turned into a redirect to another origin.
 */
export function safeNextPath(value: unknown, fallback = "/admin"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.length > 2048) return fallback;
  // "//host" and "/\host" are read by browsers as another origin.
  if (value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // Control characters (e.g. a tab in "/\t/host") are stripped by URL parsers and could rebuild "//".
  if (/\p{Cc}/u.test(value)) return fallback;
  return value;
}

/** The login page, remembering where to return and why the visitor was sent there. */
export function adminLoginUrl(next: string, reason?: AdminRefusalReason): string {
  const query = new URLSearchParams({ next: safeNextPath(next) });
  if (reason && reason !== "anonymous") query.set("reason", reason);
  return `${ADMIN_LOGIN_PATH}?${query}`;
}
