import type { Clock } from "../../lib/clock.ts";
import type { Db } from "../../lib/db/create-db.ts";
import { pruneSessions } from "../../lib/db/prune-sessions.ts";
import type { Logger } from "../log.ts";

/** How often expired and revoked sessions are deleted, unless told otherwise. */
export const SESSION_PRUNE_INTERVAL_MS = 3_600_000;
/**
 * How long an expired or revoked session is kept before it is deleted. It
 * already resolves to no one; keeping it a day lets an admin who comes back
 * after the TTL be told "expired" rather than just "sign in".
 */
export const SESSION_RETENTION_MS = 24 * 3_600_000;

/**
 * Every interval: deletes sessions that expired or were revoked more than
 * SESSION_RETENTION_MS ago. Nothing hangs on it but the table's size: every
 * lookup already treats such a session as no one.
 */
export function startSessionPruner(deps: { db: Db; clock: Clock; log: Logger; intervalMs: number }): () => void {
  const { db, clock, log } = deps;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    pruneSessions(db, { before: clock.now() - SESSION_RETENTION_MS })
      .then(
        (removed) => {
          if (removed > 0) log.info({ removed }, "expired and revoked sessions pruned");
        },
        (err: unknown) => log.error({ err }, "pruning sessions failed"),
      )
      .finally(() => {
        running = false;
      });
  }, deps.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
