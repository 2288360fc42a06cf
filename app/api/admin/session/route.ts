import { cookies } from "next/headers";
import { attemptAdminSignIn, requireAdmin } from "@/lib/admin-auth";
import { AppError } from "@/lib/errors";
import { json, readJson, route } from "@/lib/http";
import { ZAdminSignIn } from "@/lib/schemas/admin";
import { parseInput } from "@/lib/schemas/parse-input";
import { getServices } from "@/lib/server-context";
import { readSession } from "@/lib/session-cookie";

export const dynamic = "force-dynamic";

/** Signs in as admin with the admin password. An applicant identity in the same cookie is kept. */
export const POST = route(async (request: Request) => {
  const body = parseInput(ZAdminSignIn, await readJson(request));
  if (!body.ok) throw new AppError(body.code, body.message);
  const services = getServices();
  const attempt = await attemptAdminSignIn(request, body.value.password);
  if (!attempt.ok) {
    // Never the password, not even a prefix or its length.
    services.log.warn({ code: attempt.code }, "admin sign-in refused");
    throw new AppError(attempt.code, attempt.message);
  }
  const session = await readSession(await cookies(), services.session);
  const since = services.clock.now();
  session.admin = { since, passwordSetAt: attempt.value.passwordSetAt };
  await session.save();
  services.log.info({}, "admin signed in");
  return json({ ok: true, admin: true, since, expiresAt: since + services.admin.sessionTtlMs });
});

/** The admin session: 200 with its expiry, or the refusal requireAdmin gives (401/403). */
export const GET = route(async () => {
  const admin = await requireAdmin();
  return json({ ok: true, admin: true, since: admin.since, expiresAt: admin.expiresAt });
});

/** Signs out of admin only; an applicant identity in the same cookie stays signed in. Always 200. */
export const DELETE = route(async () => {
  const session = await readSession(await cookies(), getServices().session);
  if (session.applicantId) {
    delete session.admin;
    await session.save();
  } else {
    session.destroy();
  }
  return json({ ok: true });
});
