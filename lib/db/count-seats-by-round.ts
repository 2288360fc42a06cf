import type { Db } from "./create-db.ts";

export interface RoundSeatCounts {
  roundId: string;
  title: string;
  /** The round's status: OPEN, PAUSED or CLOSED (drafts are never counted). */
  status: string;
  free: number;
  held: number;
  booked: number;
}

const RECENT_MS = 24 * 60 * 60 * 1000;

/**
 * Seats by state per round as they stand at `now` (a lapsed hold counts as
 * free), in one grouped query, for the metrics scrape. Drafts are left out:
 * /metrics may be open to anyone, and every public API denies that a draft
 * exists. Rounds closed by a deadline more than a day ago are left out too:
 * their counts no longer move.
 */
export async function countSeatsByRound(db: Db, input: { now: number }): Promise<RoundSeatCounts[]> {
  const at = new Date(input.now);
  const rows = await db.$queryRaw<
    { roundId: string; title: string; status: string; free: number; held: number; booked: number }[]
  >`
    SELECT r."id" AS "roundId", r."title", r."status",
      SUM(CASE WHEN s."status" = 'FREE' OR (s."status" = 'HELD' AND s."heldUntil" <= ${at}) THEN 1 ELSE 0 END) AS "free",
      SUM(CASE WHEN s."status" = 'HELD' AND s."heldUntil" > ${at} THEN 1 ELSE 0 END) AS "held",
      SUM(CASE WHEN s."status" = 'BOOKED' THEN 1 ELSE 0 END) AS "booked"
    FROM "Round" r JOIN "Seat" s ON s."roundId" = r."id"
    WHERE r."status" <> 'DRAFT' AND (r."status" <> 'CLOSED' OR r."deadline" > ${new Date(input.now - RECENT_MS)})
    GROUP BY r."id", r."title", r."status"`;
  return rows.map((r) => ({ ...r, free: Number(r.free), held: Number(r.held), booked: Number(r.booked) }));
}
