import type { StoredSession } from "../server-only/session.ts";
import type { Db } from "./create-db.ts";

/** A session row by id (one primary-key read), or null; judging it is identityOf's job. */
export async function findSession(db: Db, id: string): Promise<StoredSession | null> {
  const row = await db.session.findUnique({ where: { id } });
  if (!row) return null;
  return {
    id: row.id,
    applicantId: row.applicantId,
    admin:
      row.adminSince && row.adminPasswordSetAt
        ? { since: row.adminSince.getTime(), passwordSetAt: row.adminPasswordSetAt.getTime() }
        : null,
    expiresAt: row.expiresAt.getTime(),
    revokedAt: row.revokedAt?.getTime() ?? null,
  };
}
