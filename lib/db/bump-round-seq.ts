import { isHandover, type RoundRules, type Seat, type SeatStep, type SeatTransition } from "../domain/seat-rules.ts";
import type { DriverTx } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";
import { WriteConflict } from "./write-conflict.ts";

/**
 * Bumps the round's seq once per announced step, and writes the round's new
 * state if a command changed it, in one statement. A handover is announced as
 * FREE, then its final state, so a watcher's own-seat mark never sticks to a
 * seat that someone else now holds. A round change takes the seq after the
 * seats (it is announced after them).
 */
export async function bumpRoundSeq(
  tx: DriverTx,
  roundId: string,
  changes: readonly SeatTransition[],
  round: { before: RoundRules; after: RoundRules } | null,
  now: number,
): Promise<{ steps: SeatStep[]; roundSeq: number | null }> {
  const seats = changes.flatMap((c): Seat[] =>
    isHandover(c) ? [{ ...c.after, status: "FREE", holderId: null, heldUntil: null }, c.after] : [c.after],
  );
  const count = seats.length + (round ? 1 : 0);
  if (count === 0) return { steps: [], roundSeq: null };
  const [row] = await tx.query<{ seq: number }>(
    round
      ? Prisma.sql`
          UPDATE "Round" SET "seq" = "seq" + ${count}, "status" = ${round.after.status},
            "deadline" = ${new Date(round.after.deadline)},
            "pausedAt" = ${round.after.pausedAt === null ? null : new Date(round.after.pausedAt)},
            "updatedAt" = ${new Date(now)}
          WHERE "id" = ${roundId} AND "status" = ${round.before.status} RETURNING "seq"`
      : Prisma.sql`UPDATE "Round" SET "seq" = "seq" + ${count} WHERE "id" = ${roundId} RETURNING "seq"`,
  );
  if (!row) throw new WriteConflict("the round changed during the batch");
  const last = Number(row.seq);
  const base = last - count;
  const steps = seats.map((seat, i) => ({
    roundId,
    seq: base + i + 1,
    seatId: seat.id,
    status: seat.status,
    heldUntil: seat.heldUntil,
  }));
  return { steps, roundSeq: round ? last : null };
}
