import { getIronSession, type IronSession, type SessionOptions } from "iron-session";
import type { cookies } from "next/headers";
import type { SessionData } from "./session.ts";

/** The applicant session behind Next's cookie store (route handlers and server components). */
export function readSession(
  store: Awaited<ReturnType<typeof cookies>>,
  options: SessionOptions,
): Promise<IronSession<SessionData>> {
  return getIronSession<SessionData>(store, options);
}
