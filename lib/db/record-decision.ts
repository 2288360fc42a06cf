import type { Outcome } from "../domain/heatmap-data.ts";
import { fail, type Result } from "../errors.ts";
import { bumpApplicationRollups } from "./bump-application-rollups.ts";
import type { Db } from "./create-db.ts";
import { driverTransaction } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";

export interface Decision {
  applicationId: string;
  /** null reopens the application (undecided). */
  outcome: Outcome | null;
  decidedAt: number | null;
}

/**
 * Sets an application's outcome and moves its count from the old outcome's
 * column to the new one in both rollups, in one transaction.
 */
export async function recordDecision(db: Db, decision: Decision): Promise<Result<{ previous: Outcome | null }>> {
  const { applicationId, outcome, decidedAt } = decision;
  return driverTransaction(db, async (tx) => {
    const [application] = await tx.query<{
      programId: string;
      channel: string;
      submittedAt: Date;
      outcome: Outcome | null;
      timeZone: string;
    }>(Prisma.sql`
      SELECT a."programId", a."channel", a."submittedAt", a."outcome", p."timeZone"
      FROM "Application" a JOIN "Program" p ON p."id" = a."programId"
      WHERE a."id" = ${applicationId}`);
    if (!application) return fail("NOT_FOUND", "No such application.");
    // Guarded on the outcome just read, so the rollup delta below is the one this update made.
    const changed = await tx.execute(Prisma.sql`
      UPDATE "Application" SET "outcome" = ${outcome}, "decidedAt" = ${decidedAt === null ? null : new Date(decidedAt)}
      WHERE "id" = ${applicationId} AND "outcome" IS ${application.outcome}`);
    if (changed !== 1) throw new Error(`application ${applicationId} changed inside its own transaction`);
    await bumpApplicationRollups(tx, {
      programId: application.programId,
      timeZone: application.timeZone,
      channel: application.channel,
      submittedAt: application.submittedAt.getTime(),
      applications: 0,
      from: application.outcome,
      to: outcome,
    });
    return { ok: true, value: { previous: application.outcome } };
  });
}
