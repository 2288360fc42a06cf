import type { Db } from "./create-db.ts";

/**
 * Closes OPEN rounds whose deadline has come (paused rounds keep their frozen
 * time) and bumps their seq; returns the rounds closed with their new seq.
 */
export async function closeRoundsPastDeadline(db: Db, now: number): Promise<{ id: string; seq: number }[]> {
  const rows = await db.$queryRaw<{ id: string; seq: number }[]>`
    UPDATE "Round" SET "status" = 'CLOSED', "seq" = "seq" + 1, "updatedAt" = ${new Date(now)}
    WHERE "status" = 'OPEN' AND "deadline" <= ${new Date(now)} RETURNING "id", "seq"`;
  return rows.map((r) => ({ id: r.id, seq: Number(r.seq) }));
}
