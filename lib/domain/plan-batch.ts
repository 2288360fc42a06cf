import { type BatchState, finishBatch, startBatch } from "./batch-state.ts";
import { planAdminReassign, planAdminRelease } from "./plan-admin-seat-commands.ts";
import { planConfirm, planHold, planRelease, planWaitlistJoin, planWaitlistLeave } from "./plan-applicant-commands.ts";
import { planRoundCommand } from "./plan-round-commands.ts";
import type { BatchPlan, Outcome, PlanOptions, RoundCommand, RoundRules, Seat } from "./seat-rules.ts";

/**
 * Plans a batch of commands against one round, in order, as if each ran alone.
 *
 * `seats` must contain every seat the batch can touch: the seats the commands
 * name, every seat held by an applicant in the batch (reassign targets
 * included), every expired hold, and at least as many of the lowest free seats
 * as there are hold commands plus people waiting (so best available is exact;
 * joins count as holds here). Expired holds are freed first. Whenever a seat
 * turns FREE while the round takes claims, or the round starts taking claims
 * again (resume, extend), the first applicant on the waitlist gets a free seat
 * as a hold at once, so no seat stays free while someone waits. Round commands
 * change the round's state for the commands after them in the batch. The caller
 * writes the changes with guards; this function only decides.
 */
export function planBatch(
  round: RoundRules,
  seats: readonly Seat[],
  commands: readonly RoundCommand[],
  now: number,
  options: PlanOptions = {},
): BatchPlan {
  const state = startBatch(round, seats, now, options);
  const outcomes = commands.map((command, index) => planCommand(state, command, index));
  return finishBatch(state, round, outcomes);
}

function planCommand(state: BatchState, command: RoundCommand, index: number): Outcome {
  switch (command.kind) {
    case "hold":
      return planHold(state, command, index);
    case "confirm":
      return planConfirm(state, command, index);
    case "release":
      return planRelease(state, command, index);
    case "waitlist-join":
      return planWaitlistJoin(state, command);
    case "waitlist-leave":
      return planWaitlistLeave(state, command);
    case "admin-release":
      return planAdminRelease(state, command, index);
    case "admin-reassign":
      return planAdminReassign(state, command, index);
    case "open":
    case "pause":
    case "resume":
    case "extend":
    case "close":
    case "deadline-close":
      return planRoundCommand(state, command, index);
    default: {
      const unknown: never = command;
      // Unreachable for typed input (the edge validates every command). At run time an unknown
      // kind has always been planned as a release, so that is kept: the reshaping changes nothing.
      return planRelease(state, unknown, index);
    }
  }
}
