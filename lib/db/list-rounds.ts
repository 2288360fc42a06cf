import type { RoundView } from "../realtime/events.ts";
import type { Db } from "./create-db.ts";
import { roundViewInclude, toRoundView } from "./to-round-view.ts";

export interface RoundSummary extends RoundView {
  free: number;
  held: number;
  booked: number;
}

/**
 * Every published round (drafts stay hidden unless `includeDrafts`, for the
 * admin console), open ones first, with seat counts as they stand at `now`.
 */
export async function listRounds(db: Db, input: { now: number; includeDrafts?: boolean }): Promise<RoundSummary[]> {
  const at = new Date(input.now);
  const [rounds, counts] = await db.$transaction([
    db.round.findMany({
      where: input.includeDrafts ? {} : { status: { not: "DRAFT" } },
      include: roundViewInclude,
      orderBy: [{ deadline: "desc" }],
    }),
    db.$queryRaw<{ roundId: string; free: number; held: number; booked: number }[]>`
      SELECT "roundId",
        SUM(CASE WHEN "status" = 'HELD' AND "heldUntil" > ${at} THEN 1 ELSE 0 END) AS "held",
        SUM(CASE WHEN "status" = 'BOOKED' THEN 1 ELSE 0 END) AS "booked",
        SUM(CASE WHEN "status" = 'FREE' OR ("status" = 'HELD' AND "heldUntil" <= ${at}) THEN 1 ELSE 0 END) AS "free"
      FROM "Seat" GROUP BY "roundId"`,
  ]);
  const byRound = new Map(counts.map((c) => [c.roundId, c]));
  const rank = { OPEN: 0, PAUSED: 1, DRAFT: 2, CLOSED: 3 } as Record<string, number>;
  return rounds
    .map((r) => {
      const c = byRound.get(r.id);
      return {
        ...toRoundView(r),
        free: Number(c?.free ?? 0),
        held: Number(c?.held ?? 0),
        booked: Number(c?.booked ?? 0),
      };
    })
    .sort((a, b) => (rank[a.status] ?? 9) - (rank[b.status] ?? 9));
}
