import { effectiveSeat, type SeatStatus } from "../domain/seat-rules.ts";
import type { RoundSnapshot, SeatView } from "../realtime/events.ts";
import type { Db } from "./create-db.ts";
import { roundViewInclude, toRoundView } from "./to-round-view.ts";

/**
 * The round and all its seats as of one seq, read in one transaction. Holds
 * past their heldUntil show as FREE even before the sweeper writes it. Drafts
 * are not published: they read as missing.
 */
export async function getRoundSnapshot(
  db: Db,
  input: { roundId: string; now: number; viewerId?: string },
): Promise<RoundSnapshot | null> {
  const [round, seats] = await db.$transaction([
    db.round.findFirst({ where: { id: input.roundId, status: { not: "DRAFT" } }, include: roundViewInclude }),
    db.seat.findMany({
      where: { roundId: input.roundId },
      orderBy: [{ row: "asc" }, { col: "asc" }],
      select: {
        id: true,
        label: true,
        row: true,
        col: true,
        status: true,
        holderId: true,
        heldUntil: true,
        expiredHolderId: true,
        version: true,
      },
    }),
  ]);
  if (!round) return null;
  return {
    seq: round.seq,
    round: toRoundView(round),
    seats: seats.map((row): SeatView => {
      const seat = effectiveSeat(
        { ...row, status: row.status as SeatStatus, heldUntil: row.heldUntil?.getTime() ?? null },
        input.now,
      );
      const view: SeatView = { id: seat.id, label: seat.label, row: seat.row, col: seat.col, status: seat.status };
      if (seat.heldUntil !== null) view.heldUntil = seat.heldUntil;
      if (input.viewerId !== undefined && seat.holderId === input.viewerId) view.mine = true;
      return view;
    }),
  };
}
