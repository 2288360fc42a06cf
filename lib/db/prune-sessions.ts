import type { Db } from "./create-db.ts";

/**
 * Deletes sessions that expired or were revoked before `before` and returns
 * how many. Such rows already resolve to no one; the caller keeps them a while
 * (a day) so an expired admin is still told "expired" rather than "sign in".
 */
export async function pruneSessions(db: Db, input: { before: number }): Promise<number> {
  const before = new Date(input.before);
  const { count } = await db.session.deleteMany({
    where: { OR: [{ expiresAt: { lt: before } }, { revokedAt: { lt: before } }] },
  });
  return count;
}
