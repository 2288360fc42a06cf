import type { Db } from "./create-db.ts";

/** Whether the round exists and is not a draft (drafts read as missing everywhere). */
export async function isRoundPublished(db: Db, roundId: string): Promise<boolean> {
  const round = await db.round.findFirst({ where: { id: roundId, status: { not: "DRAFT" } }, select: { id: true } });
  return round !== null;
}
