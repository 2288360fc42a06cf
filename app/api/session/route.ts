import { ZCreateSession } from "@/lib/schemas/http";
import { parseOrThrow } from "@/lib/schemas/parse-input";
import { json, readJson, route } from "@/lib/server-only/http";
import { getServices } from "@/lib/server-only/server-context";
import { readSession, setSessionCookie, signOut } from "@/lib/server-only/session-cookie";

export const dynamic = "force-dynamic";

/**
 * Creates an applicant with a display name and signs them in with a new
 * session (signed, httpOnly cookie). The session the browser brought, an
 * admin's included, is ended: one browser, one identity.
 */
export const POST = route(async (request: Request) => {
  const body = parseOrThrow(ZCreateSession, await readJson(request));
  const services = getServices();
  const applicant = await services.createApplicant(body.name);
  const brought = await readSession();
  const { sid } = await services.sessions.start({ applicantId: applicant.id }, brought.sid);
  await setSessionCookie(sid);
  return json({ ok: true, applicant }, { status: 201 });
});

/** The signed-in applicant, or null. */
export const GET = route(async () => {
  const services = getServices();
  const session = await readSession();
  const applicant = session.applicantId ? await services.findApplicant(session.applicantId) : null;
  return json({ ok: true, applicant });
});

/** Signs out, applicant or admin: ends the session on the server (its sockets and streams too) and clears the cookie. Always 200. */
export const DELETE = route(async () => {
  await signOut(await readSession());
  return json({ ok: true });
});
