import { applicantOf, type BatchCommand, commandFingerprint } from "../domain/batch-command.ts";
import type { Outcome, Seat, SeatOutcome } from "../domain/seat-rules.ts";
import type { DriverTx } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";

/** A command the batch plans, with the positions in the batch it answers (repeats of one requestId share it). */
export interface PlannedCommand {
  command: BatchCommand;
  indexes: number[];
}

const reused: SeatOutcome = {
  ok: false,
  code: "REQUEST_ID_REUSED",
  message: "requestId was already used for a different command; use a new one.",
};

/**
 * Answers commands whose requestId already succeeded (into `outcomes`), folds
 * repeats within the batch, and returns the commands left to plan.
 */
export async function replayKnownRequests(
  tx: DriverTx,
  roundId: string,
  commands: readonly BatchCommand[],
  outcomes: (Outcome | undefined)[],
): Promise<PlannedCommand[]> {
  const requestIds = [
    ...new Set(commands.flatMap((c) => (c.requestId && applicantOf(c) !== null ? [c.requestId] : []))),
  ];
  const stored = new Map<string, { command: string; result: string }>();
  if (requestIds.length > 0) {
    const rows = await tx.query<{
      applicantId: string;
      requestId: string;
      command: string;
      result: string;
    }>(Prisma.sql`
      SELECT "applicantId", "requestId", "command", "result" FROM "CommandResult"
      WHERE "requestId" IN (${Prisma.join(requestIds)})`);
    for (const r of rows) stored.set(`${r.applicantId}\u0000${r.requestId}`, r);
  }
  const planned: PlannedCommand[] = [];
  const inBatch = new Map<string, PlannedCommand>();
  commands.forEach((command, index) => {
    const applicantId = applicantOf(command);
    // Only applicants' commands are idempotent by requestId; an admin's requestId is the audit's.
    if (!command.requestId || applicantId === null) {
      planned.push({ command, indexes: [index] });
      return;
    }
    const key = `${applicantId}\u0000${command.requestId}`;
    const previous = stored.get(key);
    if (previous) {
      outcomes[index] =
        previous.command === commandFingerprint(roundId, command)
          ? { ok: true, seat: JSON.parse(previous.result) as Seat }
          : reused;
      return;
    }
    const first = inBatch.get(key);
    if (first) {
      if (commandFingerprint(roundId, first.command) === commandFingerprint(roundId, command))
        first.indexes.push(index);
      else outcomes[index] = reused;
      return;
    }
    const entry = { command, indexes: [index] };
    inBatch.set(key, entry);
    planned.push(entry);
  });
  return planned;
}
