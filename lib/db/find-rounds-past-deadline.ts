import type { Db } from "./create-db.ts";

/** OPEN rounds whose deadline has come at `now` (paused rounds keep their frozen time). */
export async function findRoundsPastDeadline(db: Db, now: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Round" WHERE "status" = 'OPEN' AND "deadline" <= ${new Date(now)}`;
  return rows.map((r) => r.id);
}
