import type { CommandMeta } from "./audit.ts";
import type { RoundCommand } from "./seat-rules.ts";

/**
 * A command as the engine queues it: an applicant's, an admin's or the
 * sweeper's, with an applicant's optional idempotency key (`requestId`) and
 * the audit metadata the edge filled in (`meta`).
 */
export type BatchCommand = RoundCommand & { requestId?: string; meta?: CommandMeta };

export const seatIdOf = (c: BatchCommand): string | undefined => ("seatId" in c ? c.seatId : undefined);

/** The applicant who sent the command; null for admin and system commands. */
export const applicantOf = (c: BatchCommand): string | null => ("applicantId" in c ? c.applicantId : null);

/** What a requestId is bound to: the same key must mean the same command on the same round and seat. */
export function commandFingerprint(roundId: string, command: BatchCommand): string {
  return `${command.kind} ${roundId} ${seatIdOf(command) ?? "best-available"}`;
}
