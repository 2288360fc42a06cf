import type { Db } from "./create-db.ts";

export async function createApplicant(
  db: Db,
  input: { name: string; now: number },
): Promise<{ id: string; name: string }> {
  return db.applicant.create({
    data: { name: input.name, createdAt: new Date(input.now) },
    select: { id: true, name: true },
  });
}
