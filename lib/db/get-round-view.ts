import type { RoundView } from "../realtime/events.ts";
import type { Db } from "./create-db.ts";
import { roundViewInclude, toRoundView } from "./to-round-view.ts";

export async function getRoundView(db: Db, roundId: string): Promise<{ seq: number; round: RoundView } | null> {
  const record = await db.round.findUnique({ where: { id: roundId }, include: roundViewInclude });
  return record ? { seq: record.seq, round: toRoundView(record) } : null;
}
