import { verifyPassword } from "../server-only/password-hash.ts";
import type { Db } from "./create-db.ts";

/**
 * Checks a password against the stored admin credential. On a match it also
 * says when that password was set, which the admin session keeps so a later
 * change of password ends it.
 */
export async function verifyAdminPassword(
  db: Db,
  password: string,
): Promise<{ ok: true; passwordSetAt: number } | { ok: false }> {
  const stored = await db.adminCredential.findUnique({
    where: { id: "admin" },
    select: { passwordHash: true, updatedAt: true },
  });
  if (!stored || !(await verifyPassword(password, stored.passwordHash))) return { ok: false };
  return { ok: true, passwordSetAt: stored.updatedAt.getTime() };
}
