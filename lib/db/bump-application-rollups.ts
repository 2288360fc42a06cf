import type { Outcome } from "../domain/heatmap-data.ts";
import { startOfBucket } from "../domain/time-buckets.ts";
import type { DriverTx } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";

/** Runs the statements: a DriverTx, or anything with its `execute` (e.g. a wrapper over $executeRaw). */
export type SqlExecutor = Pick<DriverTx, "execute">;

export interface RollupChange {
  programId: string;
  /** The program's time zone: ApplicationDaily's days are its local days. */
  timeZone: string;
  channel: string;
  submittedAt: number;
  /** +1 when an application is added, -1 when one is removed, 0 when only its outcome changes. */
  applications: -1 | 0 | 1;
  /** The outcome counted before the change (null: none, e.g. a new or undecided application)… */
  from: Outcome | null;
  /** …and the one counted after it (null: none, e.g. a removed or reopened application). */
  to: Outcome | null;
}

const HOUR = 3_600_000;
type CountColumn = "applications" | "admitted" | "rejected" | "withdrawn" | "waitlisted";
const OUTCOME_COLUMN: Record<Outcome, CountColumn> = {
  ADMITTED: "admitted",
  REJECTED: "rejected",
  WITHDRAWN: "withdrawn",
  WAITLISTED: "waitlisted",
};

/**
 * Applies one application's change to both rollups (its program-zone day and
 * its UTC hour) with an upsert that adds the deltas, so it never reads and
 * never scans. Call it inside the transaction that writes the Application row.
 */
export async function bumpApplicationRollups(tx: SqlExecutor, change: RollupChange): Promise<void> {
  const { programId, timeZone, channel, submittedAt, applications, from, to } = change;
  const delta: Record<CountColumn, number> = { applications, admitted: 0, rejected: 0, withdrawn: 0, waitlisted: 0 };
  if (from !== null) delta[OUTCOME_COLUMN[from]] -= 1;
  if (to !== null) delta[OUTCOME_COLUMN[to]] += 1;
  if (Object.values(delta).every((d) => d === 0)) return;
  const dayStart = new Date(startOfBucket(submittedAt, "day", timeZone, "monday"));
  const hourStart = new Date(Math.floor(submittedAt / HOUR) * HOUR);
  for (const [table, column, start] of [
    ["ApplicationDaily", "dayStart", dayStart],
    ["ApplicationHourly", "hourStart", hourStart],
  ] as const) {
    const key = Prisma.raw(`"programId", "channel", "${column}"`);
    // Qualified on the right: PostgreSQL finds a bare column ambiguous beside excluded.
    const name = Prisma.raw(`"${table}"`);
    await tx.execute(Prisma.sql`
      INSERT INTO ${name}
        (${key}, "applications", "admitted", "rejected", "withdrawn", "waitlisted")
      VALUES (${programId}, ${channel}, ${start}, ${delta.applications}, ${delta.admitted}, ${delta.rejected},
        ${delta.withdrawn}, ${delta.waitlisted})
      ON CONFLICT (${key}) DO UPDATE SET
        "applications" = ${name}."applications" + excluded."applications",
        "admitted" = ${name}."admitted" + excluded."admitted",
        "rejected" = ${name}."rejected" + excluded."rejected",
        "withdrawn" = ${name}."withdrawn" + excluded."withdrawn",
        "waitlisted" = ${name}."waitlisted" + excluded."waitlisted"`);
    // A slot whose last application went away is removed, as a recount would not have it.
    if (applications < 0) {
      await tx.execute(Prisma.sql`
        DELETE FROM ${name}
        WHERE "programId" = ${programId} AND "channel" = ${channel} AND ${Prisma.raw(`"${column}"`)} = ${start}
          AND "applications" = 0`);
    }
  }
}
