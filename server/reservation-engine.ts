import { randomUUID } from "node:crypto";
import type { Context } from "@opentelemetry/api";
import type { Clock } from "../lib/clock.ts";
import type { Db } from "../lib/db/create-db.ts";
import { findRoundsPastDeadline } from "../lib/db/find-rounds-past-deadline.ts";
import { findRoundsWithExpiredHolds } from "../lib/db/find-rounds-with-expired-holds.ts";
import { runSeatBatch } from "../lib/db/run-seat-batch.ts";
import { WriteConflict } from "../lib/db/write-conflict.ts";
import type { BatchOrigin } from "../lib/domain/audit.ts";
import type { BatchCommand } from "../lib/domain/batch-command.ts";
import type { Outcome, OutcomeOf, Seat, SeatStep } from "../lib/domain/seat-rules.ts";
import { AppError } from "../lib/errors.ts";
import { currentTraceId } from "../lib/server-only/trace-id.ts";
import { captureContext, runInBatchContext } from "./observability/trace-context.ts";

export interface EngineEvents {
  /** Seat steps of one committed batch, in seq order. */
  seatsChanged(updates: SeatStep[]): void;
  /** The round's waitlist changed (joins, leaves, offers); `offers` are seats just held for the first in line. */
  waitlistChanged(roundId: string, waitlist: { queue: string[]; offers: Seat[] }): void;
  /**
   * A round's state or settings changed (paused, resumed, extended, closed, edited);
   * awaited so broadcasts keep seq order. Called after the batch's seatsChanged.
   */
  roundChanged(roundId: string, seq: number): Promise<void>;
  /** An unexpected failure; the commands involved were answered INTERNAL. */
  error(err: unknown): void;
}

/** What a settings change reports: its result, and the rounds whose seq it bumped (to announce). */
export interface ChangeResult<T> {
  value: T;
  changed: readonly { id: string; seq: number }[];
}

export interface ReservationEngine {
  /**
   * Queues a command (an applicant's seat or waitlist command, an admin's seat
   * or round command); resolves with its outcome once its batch has committed
   * and its broadcasts are out.
   */
  submit<C extends BatchCommand>(roundId: string, command: C): Promise<OutcomeOf<C>>;
  /**
   * Runs a change of round or program settings (an edit) in the queue, in order
   * with the batches: the lapsed holds of `rounds` are freed first, so the change
   * sees seats as they are; then `run`; then every round it changed is announced
   * and gets a batch of its own, so seats it added go to the waitlist at once.
   * Rejects with what `run` threw, or UNAVAILABLE once the engine is closed.
   */
  change<T>(rounds: readonly string[], run: (now: number) => Promise<ChangeResult<T>>): Promise<T>;
  /** Frees expired holds in every round and closes rounds past their deadline. */
  sweep(): Promise<void>;
  /** Resolves when everything queued so far has committed. */
  idle(): Promise<void>;
  /** Stops taking commands (they answer UNAVAILABLE) and waits for those in flight. */
  close(): Promise<void>;
}

interface Pending {
  roundId: string;
  command: BatchCommand;
  resolve(outcome: Outcome): void;
  /** The submitter's trace context (its command span), restored for the commit. */
  context: Context;
}

const MAX_BATCH = 512;
const MAX_ATTEMPTS = 3;
const unavailable: Outcome = { ok: false, code: "UNAVAILABLE", message: "The server is shutting down; try again." };
const internal: Outcome = { ok: false, code: "INTERNAL", message: "Something went wrong on our side." };

/**
 * The single writer of seat state. Commands wait in one queue; each drain
 * takes what has gathered, groups it by round and commits each group as one
 * transaction (group commit), so under load many holds share one commit.
 * Sweeps run in the same queue, so seq numbers are handed out in commit order.
 */
export function createReservationEngine(deps: { db: Db; clock: Clock; events: EngineEvents }): ReservationEngine {
  const { db, clock, events } = deps;
  const queue: Pending[] = [];
  let tasks: { run: () => Promise<void>; context: Context }[] = [];
  let draining: Promise<void> | null = null;
  let closed = false;

  const schedule = () => {
    if (draining) return;
    draining = new Promise<void>((resolve) => setImmediate(resolve)).then(drain).finally(() => {
      draining = null;
      if (queue.length > 0 || tasks.length > 0) schedule();
    });
  };

  async function drain(): Promise<void> {
    while (queue.length > 0 || tasks.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      const byRound = new Map<string, Pending[]>();
      for (const p of batch) byRound.set(p.roundId, [...(byRound.get(p.roundId) ?? []), p]);
      for (const [roundId, group] of byRound) await commitGroup(roundId, group);
      const due = tasks;
      tasks = [];
      for (const task of due) await runInBatchContext([task.context], task.run);
    }
  }

  async function commitGroup(roundId: string, group: Pending[]): Promise<void> {
    const outcomes = await runInBatchContext(
      group.map((p) => p.context),
      () =>
        runBatch(
          roundId,
          group.map((p) => p.command),
        ),
    );
    group.forEach((p, i) => {
      p.resolve(outcomes[i] ?? internal);
    });
  }

  /** Never throws: whatever fails, every command gets an answer. */
  async function runBatch(roundId: string, commands: BatchCommand[]): Promise<Outcome[]> {
    for (let attempt = 1; ; attempt++) {
      let result: Awaited<ReturnType<typeof runSeatBatch>>;
      try {
        // The batch's own work (lapsed holds) is the system's, under this commit's trace.
        const origin: BatchOrigin = { requestId: randomUUID(), traceId: currentTraceId() };
        result = await runSeatBatch(db, { roundId, commands, now: clock.now(), origin });
      } catch (err) {
        if (err instanceof WriteConflict && attempt < MAX_ATTEMPTS) continue;
        report(err);
        // One bad command must not fail the others: retry them one at a time.
        if (commands.length > 1) return runOneByOne(roundId, commands);
        return [internal];
      }
      try {
        if (result.updates.length > 0) events.seatsChanged(result.updates);
        if (result.waitlist) events.waitlistChanged(roundId, result.waitlist);
      } catch (err) {
        report(err);
      }
      try {
        // The round change took the seq after the seats': announced after them, and before the acks.
        if (result.round) await events.roundChanged(roundId, result.round.seq);
      } catch (err) {
        report(err);
      }
      return result.outcomes;
    }
  }

  async function runOneByOne(roundId: string, commands: BatchCommand[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const command of commands) outcomes.push(...(await runBatch(roundId, [command])));
    return outcomes;
  }

  function report(err: unknown): void {
    try {
      events.error(err);
    } catch {
      // The error hook itself failed; the commands are answered regardless.
    }
  }

  const runTask = (task: () => Promise<void>) =>
    new Promise<void>((resolve) => {
      const run = async () => {
        try {
          await task();
        } catch (err) {
          report(err);
        }
        resolve();
      };
      tasks.push({ run, context: captureContext() });
      schedule();
    });

  return {
    submit<C extends BatchCommand>(roundId: string, command: C): Promise<OutcomeOf<C>> {
      if (closed) return Promise.resolve(unavailable as OutcomeOf<C>);
      // The planner answers a waitlist command with a position and a seat command with a seat.
      return new Promise<Outcome>((resolve) => {
        queue.push({ roundId, command, resolve, context: captureContext() });
        schedule();
      }) as Promise<OutcomeOf<C>>;
    },
    change<T>(rounds: readonly string[], run: (now: number) => Promise<ChangeResult<T>>): Promise<T> {
      if (closed) return Promise.reject(new AppError("UNAVAILABLE", "The server is shutting down; try again."));
      return new Promise<T>((resolve, reject) => {
        void runTask(async () => {
          try {
            for (const roundId of rounds) await runBatch(roundId, []);
            const { value, changed } = await run(clock.now());
            for (const round of changed) {
              try {
                await events.roundChanged(round.id, round.seq);
              } catch (err) {
                report(err);
              }
              await runBatch(round.id, []);
            }
            resolve(value);
          } catch (err) {
            reject(err);
          }
        });
      });
    },
    sweep() {
      if (closed) return Promise.resolve();
      return runTask(async () => {
        const now = clock.now();
        for (const roundId of await findRoundsWithExpiredHolds(db, now)) await runBatch(roundId, []);
        // Closing at the deadline is a round command like an admin's: planned, guarded, audited, announced.
        for (const roundId of await findRoundsPastDeadline(db, now)) {
          await runBatch(roundId, [{ kind: "deadline-close" }]);
        }
      });
    },
    async idle() {
      while (draining) await draining;
    },
    async close() {
      closed = true;
      while (draining) await draining;
    },
  };
}
