import { gridOf, type SeatGrid } from "../domain/round-edit.ts";
import { effectiveSeat, type SeatStatus } from "../domain/seat-rules.ts";
import type { RoundView } from "../realtime/events.ts";
import type { Db } from "./create-db.ts";
import { roundViewInclude, toRoundView } from "./to-round-view.ts";

export interface AdminSeatView {
  id: string;
  label: string;
  row: number;
  col: number;
  status: SeatStatus;
  heldUntil: number | null;
  /** Who holds or booked it (admins see names; watchers never do). */
  holder: { id: string; name: string } | null;
  bookedAt: number | null;
}

export interface AdminRound {
  seq: number;
  round: RoundView;
  layout: SeatGrid;
  seats: AdminSeatView[];
  /** The waitlist, first in line first. */
  waitlist: { applicantId: string; name: string; position: number }[];
}

/**
 * A round as the admin console shows it, drafts included: its view, layout,
 * every seat with its holder and booking time, and the waitlist, read in one
 * transaction. Lapsed holds already show as FREE.
 */
export async function getAdminRound(db: Db, input: { roundId: string; now: number }): Promise<AdminRound | null> {
  const { roundId, now } = input;
  const [round, seats, waitlist] = await db.$transaction([
    db.round.findUnique({ where: { id: roundId }, include: roundViewInclude }),
    db.seat.findMany({
      where: { roundId },
      orderBy: [{ row: "asc" }, { col: "asc" }],
      include: { holder: { select: { id: true, name: true } }, booking: { select: { createdAt: true } } },
    }),
    db.waitlistEntry.findMany({
      where: { roundId },
      orderBy: { ticket: "asc" },
      include: { applicant: { select: { name: true } } },
    }),
  ]);
  if (!round) return null;
  return {
    seq: round.seq,
    round: toRoundView(round),
    layout: gridOf(seats),
    seats: seats.map((row): AdminSeatView => {
      const seat = effectiveSeat(
        { ...row, status: row.status as SeatStatus, heldUntil: row.heldUntil?.getTime() ?? null },
        now,
      );
      return {
        id: seat.id,
        label: seat.label,
        row: seat.row,
        col: seat.col,
        status: seat.status,
        heldUntil: seat.heldUntil,
        holder: seat.holderId && row.holder ? { id: row.holder.id, name: row.holder.name } : null,
        bookedAt: row.booking?.createdAt.getTime() ?? null,
      };
    }),
    waitlist: waitlist.map((w, i) => ({ applicantId: w.applicantId, name: w.applicant.name, position: i + 1 })),
  };
}
