import { getIronSession } from "iron-session";
import { cookies } from "next/headers";
import { getServices } from "./server-context.ts";
import type { SessionCookie, SessionData } from "./session.ts";

/** This request's identity (route handlers and server components), from its live session row or none. */
export async function readSession(): Promise<SessionData> {
  const services = getServices();
  return services.sessions.resolve((await cookies()).get(services.session.cookieName)?.value);
}

/** Sets the cookie to name session `sid`: the sealed id, nothing else. */
export async function setSessionCookie(sid: string): Promise<void> {
  const cookie = await getIronSession<Partial<SessionCookie>>(await cookies(), getServices().session);
  // Only the id: a field left from an old-format cookie must not ride along.
  for (const key of Object.keys(cookie)) delete (cookie as Record<string, unknown>)[key];
  cookie.sid = sid;
  await cookie.save();
}

/** Signs this browser out of `session`: ends it on the server, if it is live, and clears the cookie. */
export async function signOut(session: SessionData): Promise<void> {
  if (session.sid) await getServices().sessions.end(session.sid);
  (await getIronSession(await cookies(), getServices().session)).destroy();
}
