import type { Db } from "./create-db.ts";

/** Signs a session out: true if it was live, false if unknown or already revoked (revoking twice is harmless). */
export async function revokeSession(db: Db, input: { id: string; now: number }): Promise<boolean> {
  const { count } = await db.session.updateMany({
    where: { id: input.id, revokedAt: null },
    data: { revokedAt: new Date(input.now) },
  });
  return count > 0;
}
