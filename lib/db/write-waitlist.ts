import { randomUUID } from "node:crypto";
import type { DriverTx } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";
import type { WaitlistRow } from "./load-waitlist.ts";

/** Deletes who left or got a seat, appends who joined (tickets after the last); true if anything changed. */
export async function writeWaitlist(
  tx: DriverTx,
  roundId: string,
  before: readonly WaitlistRow[],
  after: readonly string[],
  now: number,
): Promise<boolean> {
  const staying = new Set(after);
  const known = new Set(before.map((w) => w.applicantId));
  const gone = before.filter((w) => !staying.has(w.applicantId)).map((w) => w.applicantId);
  const joined = after.filter((id) => !known.has(id));
  if (gone.length > 0) {
    await tx.execute(Prisma.sql`
      DELETE FROM "WaitlistEntry" WHERE "roundId" = ${roundId} AND "applicantId" IN (${Prisma.join(gone)})`);
  }
  if (joined.length > 0) {
    const last = before.at(-1)?.ticket ?? 0;
    const createdAt = new Date(now);
    const rows = joined.map(
      (applicantId, i) => Prisma.sql`(${randomUUID()}, ${roundId}, ${applicantId}, ${last + i + 1}, ${createdAt})`,
    );
    await tx.execute(Prisma.sql`
      INSERT INTO "WaitlistEntry" ("id", "roundId", "applicantId", "ticket", "createdAt") VALUES ${Prisma.join(rows)}`);
  }
  return gone.length > 0 || joined.length > 0;
}
