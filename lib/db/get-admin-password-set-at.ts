import type { Db } from "./create-db.ts";

/** When the current admin password was set (ms), or null if there is none; admin sessions must match it. */
export async function getAdminPasswordSetAt(db: Db): Promise<number | null> {
  const stored = await db.adminCredential.findUnique({ where: { id: "admin" }, select: { updatedAt: true } });
  return stored ? stored.updatedAt.getTime() : null;
}
