import type { Db } from "./create-db.ts";

/** Rounds that have at least one hold past its heldUntil at `now`. */
export async function findRoundsWithExpiredHolds(db: Db, now: number): Promise<string[]> {
  const rows = await db.$queryRaw<{ roundId: string }[]>`
    SELECT DISTINCT "roundId" FROM "Seat" WHERE "status" = 'HELD' AND "heldUntil" <= ${new Date(now)}`;
  return rows.map((r) => r.roundId);
}
