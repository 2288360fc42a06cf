import { type MilestoneInfo, nextMilestone, remainingMs } from "../domain/round-clock.ts";
import type { Db } from "./create-db.ts";
import { roundViewInclude, toRoundView } from "./to-round-view.ts";

export interface RoundTimer {
  roundId: string;
  status: string;
  deadline: number;
  serverNow: number;
  remainingMs: number;
  nextMilestone: MilestoneInfo | null;
}

export async function getRoundTimer(db: Db, input: { roundId: string; now: number }): Promise<RoundTimer | null> {
  const record = await db.round.findFirst({
    where: { id: input.roundId, status: { not: "DRAFT" } },
    include: roundViewInclude,
  });
  if (!record) return null;
  const round = toRoundView(record);
  return {
    roundId: round.id,
    status: round.status,
    deadline: round.deadline,
    serverNow: input.now,
    remainingMs: remainingMs(round, input.now),
    nextMilestone: nextMilestone(round.milestones, input.now),
  };
}
