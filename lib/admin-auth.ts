import type { IronSession } from "iron-session";
import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { type AdminGrant, type AdminRefusal, adminLoginUrl, checkAdminSession } from "./admin-session.ts";
import { AppError, fail, type Result } from "./errors.ts";
import { getServices } from "./server-context.ts";
import type { SessionData } from "./session.ts";
import { readSession } from "./session-cookie.ts";

/** This request's session and whether it is an admin's right now (server clock, current password). */
export async function readAdminSession(): Promise<{
  session: IronSession<SessionData>;
  check: AdminGrant | AdminRefusal;
}> {
  const services = getServices();
  const session = await readSession(await cookies(), services.session);
  // Only an admin part needs the credential read; anonymous and applicant requests skip the query.
  const passwordSetAt = session.admin ? await services.admin.passwordSetAt() : null;
  const check = checkAdminSession(session, {
    now: services.clock.now(),
    ttlMs: services.admin.sessionTtlMs,
    passwordSetAt,
  });
  return { session, check };
}

/**
 * For route handlers inside route(): the admin grant, or an AppError that
 * leaves as 401 UNAUTHENTICATED (anonymous), 403 FORBIDDEN (an applicant) or
 * 401 ADMIN_SESSION_EXPIRED (timed out, or the password changed).
 */
export async function requireAdmin(): Promise<AdminGrant> {
  const { check } = await readAdminSession();
  if (!check.ok) throw new AppError(check.code, check.message);
  return check;
}

/**
 * For pages (server components): the admin grant, or a redirect to the login
 * page, which returns to `path` afterwards and says why the visitor is there.
 * Pass the page's own path and query, e.g. "/admin/analytics?range=7d".
 */
export async function requireAdminPage(path: string): Promise<AdminGrant> {
  const { check } = await readAdminSession();
  if (!check.ok) redirect(adminLoginUrl(path, check.reason));
  return check;
}

/**
 * The one place an admin password is checked. Sign-in rate limiting and
 * lockout (the Operations issue) belong here: refuse before verifying, count
 * the failure after. `request` is for that (the client's address).
 */
export async function attemptAdminSignIn(
  _request: Request,
  password: string,
): Promise<Result<{ passwordSetAt: number }>> {
  const verdict = await getServices().admin.verifyPassword(password);
  if (!verdict.ok) return fail("INVALID_CREDENTIALS", "Wrong admin password. Check it and try again.");
  return { ok: true, value: { passwordSetAt: verdict.passwordSetAt } };
}
