import { performance } from "node:perf_hooks";
import type { SessionOptions } from "iron-session";
import type { Clock } from "../lib/clock.ts";
import type { Db } from "../lib/db/create-db.ts";
import { createSession } from "../lib/db/create-session.ts";
import { findSession } from "../lib/db/find-session.ts";
import { revokeSession } from "../lib/db/revoke-session.ts";
import type { IntakeSessions } from "../lib/server-only/server-context.ts";
import {
  identityOf,
  readCookie,
  type SessionData,
  sessionExpiry,
  unsealSessionId,
} from "../lib/server-only/session.ts";

/** The Next side's view (IntakeServices.sessions) plus what the custom server's readers need. */
export interface Sessions extends IntakeSessions {
  /** resolve() for a raw Cookie header (the rate limiter, the socket handshake, event streams). */
  fromCookieHeader(header: string | undefined): Promise<SessionData>;
  /**
   * Whether this process ended `sid` within the last minute. A socket or
   * stream whose lookup found the session live checks this once it has joined
   * the session's room, in case the session ended while it was looking.
   */
  endedRecently(sid: string): boolean;
}

/** Long enough to outlast any handshake's lookup. */
const ENDED_MEMORY_MS = 60_000;

export function createSessions(deps: {
  db: Db;
  clock: Clock;
  options: SessionOptions;
  adminSessionTtlMs: number;
  /** A session was revoked: disconnect its sockets and end its event streams. */
  ended(sid: string): void;
}): Sessions {
  const { db, clock, options } = deps;
  // Insertion-ordered, so the oldest entries are at the front and pruning stops at the first young one.
  const recentlyEnded = new Map<string, number>();
  const markEnded = (sid: string) => {
    const now = performance.now();
    for (const [old, at] of recentlyEnded) {
      if (now - at < ENDED_MEMORY_MS) break;
      recentlyEnded.delete(old);
    }
    recentlyEnded.delete(sid);
    recentlyEnded.set(sid, now);
    deps.ended(sid);
  };

  const resolve = async (sealed: string | undefined): Promise<SessionData> => {
    const sid = await unsealSessionId(sealed, options);
    return sid ? identityOf(await findSession(db, sid), clock.now()) : {};
  };
  return {
    resolve,
    fromCookieHeader: (header) => resolve(readCookie(header, options.cookieName)),
    async start(identity, replaces) {
      const now = clock.now();
      const expiresAt = sessionExpiry(identity, now, deps.adminSessionTtlMs);
      const created = await createSession(db, { identity, now, expiresAt, replaces });
      if (replaces && created.replaced) markEnded(replaces);
      return { sid: created.id, since: now, expiresAt };
    },
    async end(sid) {
      if (await revokeSession(db, { id: sid, now: clock.now() })) markEnded(sid);
    },
    endedRecently(sid) {
      const at = recentlyEnded.get(sid);
      return at !== undefined && performance.now() - at < ENDED_MEMORY_MS;
    },
  };
}
