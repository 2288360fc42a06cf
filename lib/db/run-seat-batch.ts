import { randomUUID } from "node:crypto";
import { auditEntriesOf, type BatchOrigin } from "../domain/audit.ts";
import type { BatchCommand } from "../domain/batch-command.ts";
import { planBatch } from "../domain/plan-batch.ts";
import type { RoundStatus } from "../domain/round-clock.ts";
import type { Outcome, RoundRules, Seat, SeatOutcome, SeatStep } from "../domain/seat-rules.ts";
import { bumpRoundSeq } from "./bump-round-seq.ts";
import type { Db } from "./create-db.ts";
import { driverTransaction } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";
import { loadBatchView } from "./load-batch-view.ts";
import { loadReassignTargets } from "./load-reassign-targets.ts";
import { loadWaitlist } from "./load-waitlist.ts";
import { rememberRequests } from "./remember-requests.ts";
import { replayKnownRequests } from "./replay-known-requests.ts";
import { writeAuditEntries } from "./write-audit-entries.ts";
import { writeSeatTransitions } from "./write-seat-transitions.ts";
import { writeWaitlist } from "./write-waitlist.ts";

export interface BatchResult {
  outcomes: Outcome[];
  /** The waitlist after the batch and the seats offered from it, when the batch changed it. */
  waitlist: { queue: string[]; offers: Seat[] } | null;
  /** One step per changed seat (its final state; a handover first as FREE), with consecutive seq numbers. */
  updates: SeatStep[];
  /** When the batch changed the round's state: the seq of that change (after every seat update). */
  round: { seq: number } | null;
}

/**
 * Runs a batch of commands for one round in one transaction (group commit):
 * a few reads load every seat the batch can touch, the pure planner decides all
 * outcomes in order, and set-based writes apply the final state of each changed
 * seat, each guarded by its version, then the round's state and seq, and one
 * multi-row INSERT of audit rows. With no commands it only frees expired holds.
 * A guard that finds a row changed throws WriteConflict (the caller retries).
 */
export async function runSeatBatch(
  db: Db,
  input: { roundId: string; commands: readonly BatchCommand[]; now: number; origin?: BatchOrigin },
): Promise<BatchResult> {
  const { roundId, commands, now } = input;
  const origin = input.origin ?? { requestId: randomUUID(), traceId: null };
  return driverTransaction(db, async (tx) => {
    const [row] = await tx.query<{
      status: RoundStatus;
      opensAt: Date;
      deadline: Date;
      pausedAt: Date | null;
      holdSeconds: number;
    }>(
      Prisma.sql`SELECT "status", "opensAt", "deadline", "pausedAt", "holdSeconds" FROM "Round" WHERE "id" = ${roundId}${tx.dialect.roundRowLock}`,
    );
    if (!row) {
      const missing: SeatOutcome = { ok: false, code: "NOT_FOUND", message: "No such round." };
      return { outcomes: commands.map(() => missing), updates: [], waitlist: null, round: null };
    }
    const round: RoundRules = {
      status: row.status,
      opensAt: row.opensAt.getTime(),
      deadline: row.deadline.getTime(),
      pausedAt: row.pausedAt?.getTime() ?? null,
      holdSeconds: row.holdSeconds,
    };

    const outcomes: (Outcome | undefined)[] = new Array(commands.length);
    const planned = await replayKnownRequests(tx, roundId, commands, outcomes);
    const waitlist = await loadWaitlist(tx, roundId);
    const seats = await loadBatchView(tx, roundId, planned, waitlist.length, now);
    const toPlan = planned.map((p) => p.command);
    const plan = planBatch(round, seats, toPlan, now, {
      waitlist: waitlist.map((w) => w.applicantId),
      knownApplicants: await loadReassignTargets(tx, planned),
    });
    planned.forEach((p, i) => {
      const outcome = plan.outcomes[i] as Outcome;
      for (const index of p.indexes) outcomes[index] = outcome;
    });

    await writeSeatTransitions(tx, roundId, plan.changes, now);
    await rememberRequests(tx, roundId, planned, plan.outcomes, now);
    const { steps, roundSeq } = await bumpRoundSeq(
      tx,
      roundId,
      plan.changes,
      plan.roundChanged ? { before: round, after: plan.round } : null,
      now,
    );
    const waitlistChanged = await writeWaitlist(tx, roundId, waitlist, plan.waitlist, now);
    await writeAuditEntries(tx, auditEntriesOf(roundId, toPlan, plan.events, now, origin));
    return {
      outcomes: outcomes as Outcome[],
      updates: steps,
      waitlist: waitlistChanged ? { queue: plan.waitlist, offers: plan.offers } : null,
      round: roundSeq === null ? null : { seq: roundSeq },
    };
  });
}
