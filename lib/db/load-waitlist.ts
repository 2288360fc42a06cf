import type { DriverTx } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";

export interface WaitlistRow {
  applicantId: string;
  ticket: number;
}

/** The round's waitlist, first in line (lowest ticket) first. */
export async function loadWaitlist(tx: DriverTx, roundId: string): Promise<WaitlistRow[]> {
  return tx.query<WaitlistRow>(Prisma.sql`
    SELECT "applicantId", "ticket" FROM "WaitlistEntry" WHERE "roundId" = ${roundId} ORDER BY "ticket"`);
}
