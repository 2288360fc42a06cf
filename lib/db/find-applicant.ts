import type { Db } from "./create-db.ts";

export async function findApplicant(db: Db, id: string): Promise<{ id: string; name: string } | null> {
  return db.applicant.findUnique({ where: { id }, select: { id: true, name: true } });
}
