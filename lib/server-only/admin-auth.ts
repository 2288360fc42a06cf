import { redirect } from "next/navigation";
import { AppError, fail, type Result } from "../errors.ts";
import { type AdminGrant, type AdminRefusal, adminLoginUrl, checkAdminSession } from "./admin-session.ts";
import { clientIpOf } from "./http.ts";
import { getServices } from "./server-context.ts";
import type { SessionData } from "./session.ts";
import { readSession } from "./session-cookie.ts";

/** This request's session and whether it is an admin's right now (server clock, current password). */
export async function readAdminSession(): Promise<{
  session: SessionData;
  check: AdminGrant | AdminRefusal;
}> {
  const services = getServices();
  const session = await readSession();
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
 * The one place an admin password is checked, and where the lockout of an
 * address after repeated failures (LOGIN_LOCKOUT) is applied: a locked-out
 * address is refused before the password is looked at, even the right one,
 * with an AppError that leaves route() as 429 RATE_LIMITED with Retry-After.
 * The attempt is counted as a failure before verifying (so parallel guesses
 * are counted too) and a right password clears the count. The per-address
 * sign-in rate itself is enforced by the custom server before Next.
 */
export async function attemptAdminSignIn(
  request: Request,
  password: string,
): Promise<Result<{ passwordSetAt: number }>> {
  const services = getServices();
  const ip = clientIpOf(request);
  const attempt = await services.rateLimit.adminSignIn.attempt(ip);
  if (!attempt.ok) {
    services.log.warn({ code: "RATE_LIMITED" }, "admin sign-in refused");
    const { retryAfterMs, limit } = attempt;
    throw new AppError("RATE_LIMITED", attempt.message, { retryAfterMs, limit });
  }
  const verdict = await services.admin.verifyPassword(password);
  if (!verdict.ok) {
    const message = attempt.lockNotice
      ? `Wrong admin password. ${attempt.lockNotice}`
      : "Wrong admin password. Check it and try again.";
    return fail("INVALID_CREDENTIALS", message);
  }
  await services.rateLimit.adminSignIn.succeeded(ip);
  return { ok: true, value: { passwordSetAt: verdict.passwordSetAt } };
}
