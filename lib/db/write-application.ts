import { randomUUID } from "node:crypto";
import type { Outcome } from "../domain/heatmap-data.ts";
import { fail, type Result } from "../errors.ts";
import { bumpApplicationRollups } from "./bump-application-rollups.ts";
import type { DriverTx } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";

export interface NewApplication {
  programId: string;
  /** The program's time zone when the caller has it at hand; otherwise it is read from Program. */
  timeZone?: string;
  /** Defaults to a fresh UUID. */
  id?: string;
  /** Defaults to "direct", as in the schema. */
  channel?: string;
  roundId?: string | null;
  applicantId?: string | null;
  submittedAt: number;
  decidedAt?: number | null;
  outcome?: Outcome | null;
}

/**
 * Inserts an Application and adds it to both rollups, inside the caller's
 * transaction: the building block of recordApplication, and what the
 * reservation engine calls in its own batch transaction when a seat is booked.
 */
export async function writeApplication(
  tx: Pick<DriverTx, "query" | "execute">,
  application: NewApplication,
): Promise<Result<{ id: string }>> {
  const { programId, channel = "direct", submittedAt, decidedAt = null, outcome = null } = application;
  let timeZone = application.timeZone;
  if (timeZone === undefined) {
    const [program] = await tx.query<{ timeZone: string }>(
      Prisma.sql`SELECT "timeZone" FROM "Program" WHERE "id" = ${programId}`,
    );
    if (!program) return fail("NOT_FOUND", "No such program.");
    timeZone = program.timeZone;
  }
  const id = application.id ?? randomUUID();
  await tx.execute(Prisma.sql`
    INSERT INTO "Application" ("id", "programId", "roundId", "applicantId", "channel", "submittedAt", "decidedAt", "outcome")
    VALUES (${id}, ${programId}, ${application.roundId ?? null}, ${application.applicantId ?? null}, ${channel},
      ${new Date(submittedAt)}, ${decidedAt === null ? null : new Date(decidedAt)}, ${outcome})`);
  await bumpApplicationRollups(tx, {
    programId,
    timeZone,
    channel,
    submittedAt,
    applications: 1,
    from: null,
    to: outcome,
  });
  return { ok: true, value: { id } };
}
