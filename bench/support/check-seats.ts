import type { PrismaClient } from "../../lib/db/generated/client.ts";

export interface SeatCheck {
  /** Seats HELD or BOOKED. */
  taken: number;
  /** The most seats any one applicant holds (the schema allows 1). */
  maxSeatsPerApplicant: number;
  /** Rows whose status and holder disagree (FREE with a holder, or taken without one). */
  inconsistent: number;
}

/** Reads the round's seats and counts what would be an oversell if it were not zero (or above one). */
export async function checkSeats(db: PrismaClient, roundId: string): Promise<SeatCheck> {
  const [taken, perApplicant, inconsistent] = await db.$transaction([
    db.seat.count({ where: { roundId, status: { not: "FREE" } } }),
    db.seat.groupBy({ by: ["holderId"], where: { roundId, holderId: { not: null } }, _count: { _all: true } }),
    db.seat.count({
      where: {
        roundId,
        OR: [
          { status: "FREE", holderId: { not: null } },
          { status: { not: "FREE" }, holderId: null },
        ],
      },
    }),
  ]);
  return {
    taken,
    maxSeatsPerApplicant: Math.max(0, ...perApplicant.map((g) => g._count._all)),
    inconsistent,
  };
}
