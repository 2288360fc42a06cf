import { applicantOf, commandFingerprint } from "../domain/batch-command.ts";
import type { Outcome } from "../domain/seat-rules.ts";
import type { DriverTx } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";
import type { PlannedCommand } from "./replay-known-requests.ts";

/** Stores each applicant seat command that succeeded under its requestId, so a retry is answered the same. */
export async function rememberRequests(
  tx: DriverTx,
  roundId: string,
  planned: readonly PlannedCommand[],
  outcomes: readonly Outcome[],
  now: number,
): Promise<void> {
  const createdAt = new Date(now);
  const rows = planned.flatMap((p, i) => {
    const outcome = outcomes[i];
    const applicantId = applicantOf(p.command);
    const { requestId } = p.command;
    if (!requestId || applicantId === null || !outcome?.ok || !("seat" in outcome)) return [];
    const command = commandFingerprint(roundId, p.command);
    return [Prisma.sql`(${applicantId}, ${requestId}, ${command}, ${JSON.stringify(outcome.seat)}, ${createdAt})`];
  });
  if (rows.length === 0) return;
  await tx.execute(Prisma.sql`
    INSERT INTO "CommandResult" ("applicantId", "requestId", "command", "result", "createdAt") VALUES ${Prisma.join(rows)}`);
}
