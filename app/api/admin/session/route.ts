import { AppError } from "@/lib/errors";
import { ZAdminSignIn } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { attemptAdminSignIn, requireAdmin } from "@/lib/server-only/admin-auth";
import { json, readJson, route } from "@/lib/server-only/http";
import { getServices } from "@/lib/server-only/server-context";
import { readSession, setSessionCookie, signOut } from "@/lib/server-only/session-cookie";

export const dynamic = "force-dynamic";

/**
 * Signs in as admin with the admin password: a new session holding only the
 * admin. The session the browser brought, an applicant's included, is ended:
 * an identity planted in the browser never rides along into an admin session.
 */
export const POST = route(async (request: Request) => {
  const body = parseOrThrow(ZAdminSignIn, await readJson(request));
  const services = getServices();
  const attempt = await attemptAdminSignIn(request, body.password);
  if (!attempt.ok) {
    // Never the password, not even a prefix or its length.
    services.log.warn({ code: attempt.code }, "admin sign-in refused");
    throw new AppError(attempt.code, attempt.message);
  }
  const brought = await readSession();
  const identity = { admin: { passwordSetAt: attempt.value.passwordSetAt } };
  const { sid, since, expiresAt } = await services.sessions.start(identity, brought.sid);
  await setSessionCookie(sid);
  services.log.info({}, "admin signed in");
  return json({ ok: true, admin: true, since, expiresAt });
});

/** The admin session: 200 with its expiry, or the refusal requireAdmin gives (401/403). */
export const GET = route(async () => {
  const admin = await requireAdmin();
  return json({ ok: true, admin: true, since: admin.since, expiresAt: admin.expiresAt });
});

/**
 * Signs out of admin: ends an admin session on the server (its sockets and
 * streams too) and clears the cookie. An applicant's session is left signed
 * in. Always 200.
 */
export const DELETE = route(async () => {
  const session = await readSession();
  if (!session.applicantId) await signOut(session);
  return json({ ok: true });
});
