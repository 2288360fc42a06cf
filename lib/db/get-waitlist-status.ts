import type { WaitlistStatus } from "../realtime/events.ts";
import type { Db } from "./create-db.ts";

/** How many wait in the round's line and, for a viewer, their place in it (1 = next). */
export async function getWaitlistStatus(db: Db, roundId: string, viewerId?: string): Promise<WaitlistStatus> {
  const entries = await db.waitlistEntry.findMany({
    where: { roundId },
    orderBy: { ticket: "asc" },
    select: { applicantId: true },
  });
  const at = viewerId === undefined ? -1 : entries.findIndex((e) => e.applicantId === viewerId);
  return { roundId, length: entries.length, position: at >= 0 ? at + 1 : null };
}
