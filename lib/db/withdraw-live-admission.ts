import type { SqlExecutor } from "./bump-application-rollups.ts";
import { bumpApplicationRollups } from "./bump-application-rollups.ts";
import type { DriverTx } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";

/** The channel label of admissions that came from a live round's bookings. */
export const LIVE_CHANNEL = "live";

/**
 * Marks an applicant's live admission to a round WITHDRAWN (their booking was
 * taken back by an admin) and moves its count from admitted to withdrawn in
 * both rollups, inside the caller's transaction. The history keeps the row:
 * it did happen, and WITHDRAWN stays out of the admission rate's decided count.
 * Returns false when there was no live admission (e.g. a seeded booking).
 */
export async function withdrawLiveAdmission(
  tx: Pick<DriverTx, "query"> & SqlExecutor,
  input: { roundId: string; applicantId: string; now: number },
): Promise<boolean> {
  const rows = await tx.query<{ programId: string; submittedAt: Date }>(Prisma.sql`
    UPDATE "Application" SET "outcome" = 'WITHDRAWN', "decidedAt" = ${new Date(input.now)}
    WHERE "roundId" = ${input.roundId} AND "applicantId" = ${input.applicantId}
      AND "channel" = ${LIVE_CHANNEL} AND "outcome" = 'ADMITTED'
    RETURNING "programId", "submittedAt"`);
  for (const row of rows) {
    const [program] = await tx.query<{ timeZone: string }>(
      Prisma.sql`SELECT "timeZone" FROM "Program" WHERE "id" = ${row.programId}`,
    );
    await bumpApplicationRollups(tx, {
      programId: row.programId,
      timeZone: program?.timeZone ?? "UTC",
      channel: LIVE_CHANNEL,
      submittedAt: row.submittedAt.getTime(),
      applications: 0,
      from: "ADMITTED",
      to: "WITHDRAWN",
    });
  }
  return rows.length > 0;
}
