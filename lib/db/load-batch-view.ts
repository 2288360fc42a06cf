import { applicantOf, seatIdOf } from "../domain/batch-command.ts";
import type { Seat } from "../domain/seat-rules.ts";
import type { DriverTx } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";
import type { PlannedCommand } from "./replay-known-requests.ts";

const seatColumns = Prisma.sql`"id", "label", "row", "col", "status", "holderId", "heldUntil", "expiredHolderId", "version"`;

interface SeatRow {
  id: string;
  label: string;
  row: number;
  col: number;
  status: Seat["status"];
  holderId: string | null;
  heldUntil: Date | null;
  expiredHolderId: string | null;
  version: number;
}

const toSeat = (r: SeatRow): Seat => ({ ...r, heldUntil: r.heldUntil ? r.heldUntil.getTime() : null });

/** Every seat the planner may need: named seats, the applicants' seats, expired holds, and the lowest free seats. */
export async function loadBatchView(
  tx: DriverTx,
  roundId: string,
  planned: readonly PlannedCommand[],
  waiting: number,
  now: number,
): Promise<Seat[]> {
  const seatIds = [...new Set(planned.flatMap((p) => seatIdOf(p.command) ?? []))];
  // Whose seat the planner must know: the senders, and whom an admin reassigns a seat to (one seat each).
  const applicantIds = [
    ...new Set(
      planned.flatMap((p) =>
        p.command.kind === "admin-reassign" ? [p.command.toApplicantId] : (applicantOf(p.command) ?? []),
      ),
    ),
  ];
  // Free seats the batch may hand out: to holds, to the waitlist, and one to show a join that seats are free.
  const holds = planned.filter((p) => p.command.kind === "hold" || p.command.kind === "waitlist-join").length + waiting;

  const conditions = [Prisma.sql`("status" = 'HELD' AND "heldUntil" <= ${new Date(now)})`];
  if (seatIds.length > 0) conditions.push(Prisma.sql`"id" IN (${Prisma.join(seatIds)})`);
  if (applicantIds.length > 0) conditions.push(Prisma.sql`"holderId" IN (${Prisma.join(applicantIds)})`);
  const touched = await tx.query<SeatRow>(Prisma.sql`
    SELECT ${seatColumns} FROM "Seat" WHERE "roundId" = ${roundId} AND (${Prisma.join(conditions, " OR ")})`);
  // Two reads beat one UNION here: SQLite runs the UNION through a temporary b-tree.
  const free =
    holds === 0
      ? []
      : await tx.query<SeatRow>(Prisma.sql`
          SELECT ${seatColumns} FROM "Seat" WHERE "roundId" = ${roundId} AND "status" = 'FREE'
          ORDER BY "row", "col" LIMIT ${holds}`);
  const byId = new Map<string, Seat>();
  for (const row of [...touched, ...free]) byId.set(row.id, toSeat(row));
  return [...byId.values()];
}
