import type { Clock } from "../lib/clock.ts";
import { closeRoundsPastDeadline } from "../lib/db/close-rounds-past-deadline.ts";
import type { Db } from "../lib/db/create-db.ts";
import { findRoundsWithExpiredHolds } from "../lib/db/find-rounds-with-expired-holds.ts";
import { type BatchCommand, runSeatBatch, type SeatUpdate, WriteConflict } from "../lib/db/run-seat-batch.ts";
import type { Outcome, OutcomeOf, Seat } from "../lib/domain/seat-rules.ts";

export interface EngineEvents {
  /** Seat changes of one committed batch, in seq order. */
  seatsChanged(updates: SeatUpdate[]): void;
  /** The round's waitlist changed (joins, leaves, offers); `offers` are seats just held for the first in line. */
  waitlistChanged(roundId: string, waitlist: { queue: string[]; offers: Seat[] }): void;
  /** A round's state changed (e.g. closed at its deadline); awaited so broadcasts keep seq order. */
  roundChanged(roundId: string, seq: number): Promise<void>;
  /** An unexpected failure; the commands involved were answered INTERNAL. */
  error(err: unknown): void;
}

export interface ReservationEngine {
  /** Queues a seat command; resolves with its outcome once its batch has committed. */
  submit<C extends BatchCommand>(roundId: string, command: C): Promise<OutcomeOf<C>>;
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
  let tasks: (() => Promise<void>)[] = [];
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
      for (const task of due) await task();
    }
  }

  async function commitGroup(roundId: string, group: Pending[]): Promise<void> {
    const outcomes = await runBatch(
      roundId,
      group.map((p) => p.command),
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
        result = await runSeatBatch(db, { roundId, commands, now: clock.now() });
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
      tasks.push(async () => {
        try {
          await task();
        } catch (err) {
          report(err);
        }
        resolve();
      });
      schedule();
    });

  return {
    submit<C extends BatchCommand>(roundId: string, command: C): Promise<OutcomeOf<C>> {
      if (closed) return Promise.resolve(unavailable as OutcomeOf<C>);
      // The planner answers a waitlist command with a position and a seat command with a seat.
      return new Promise<Outcome>((resolve) => {
        queue.push({ roundId, command, resolve });
        schedule();
      }) as Promise<OutcomeOf<C>>;
    },
    sweep() {
      if (closed) return Promise.resolve();
      return runTask(async () => {
        const now = clock.now();
        for (const roundId of await findRoundsWithExpiredHolds(db, now)) await runBatch(roundId, []);
        for (const round of await closeRoundsPastDeadline(db, now)) await events.roundChanged(round.id, round.seq);
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
