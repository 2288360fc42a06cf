import type { BookingRow } from "../domain/bookings-csv.ts";
import type { Db } from "./create-db.ts";

/** A round's bookings in seat order (row, then column); null if the round does not exist. */
export async function listBookings(db: Db, roundId: string): Promise<BookingRow[] | null> {
  const [round, bookings] = await db.$transaction([
    db.round.findUnique({ where: { id: roundId }, select: { id: true } }),
    db.booking.findMany({
      where: { roundId },
      orderBy: [{ seat: { row: "asc" } }, { seat: { col: "asc" } }],
      include: { seat: { select: { label: true, row: true, col: true } }, applicant: { select: { name: true } } },
    }),
  ]);
  if (!round) return null;
  return bookings.map((b) => ({
    seatLabel: b.seat.label,
    row: b.seat.row,
    col: b.seat.col,
    applicantId: b.applicantId,
    applicantName: b.applicant.name,
    bookedAt: b.createdAt.getTime(),
  }));
}
