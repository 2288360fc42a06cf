import type { ErrorCode } from "../errors.ts";
import { type BatchState, offerFreeSeats, refuse, refuseAdmin } from "./batch-state.ts";
import type { Refusal, RoundOutcome, RoundRules, RoundStateCommand } from "./seat-rules.ts";

const formatInstant = (ms: number) => new Date(ms).toISOString();

const verbOf: Record<RoundStateCommand["kind"], string> = {
  open: "opened",
  pause: "paused",
  resume: "resumed",
  extend: "extended",
  close: "closed",
  "deadline-close": "closed",
};

/**
 * Changes the round's state for the commands after this one. When the round
 * takes claims again (resume, extend), seats left free go to whoever waits.
 */
export function planRoundCommand(state: BatchState, cmd: RoundStateCommand, index: number): RoundOutcome {
  const { now } = state;
  const before = state.round;
  const action = cmd.kind === "deadline-close" ? "round.close" : (`round.${cmd.kind}` as const);
  const refused = (code: ErrorCode, message: string): Refusal =>
    cmd.kind === "deadline-close"
      ? refuse(code, message)
      : refuseAdmin(state, index, action, refuse(code, message), { round: { before, after: null } });
  const wrongStatus = (allowed: string) =>
    refused("INVALID_TRANSITION", `Only ${allowed} round can be ${verbOf[cmd.kind]}; this one is ${before.status}.`);

  let after: RoundRules;
  switch (cmd.kind) {
    case "open":
      if (before.status !== "DRAFT") return wrongStatus("a DRAFT");
      if (now >= before.deadline) {
        return refused("DEADLINE_PASSED", "The deadline has passed: move it later before opening the round.");
      }
      after = { ...before, status: "OPEN" };
      break;
    case "pause":
      if (before.status !== "OPEN") return wrongStatus("an OPEN");
      if (now >= before.deadline) return refused("DEADLINE_PASSED", "The deadline for this round has passed.");
      after = { ...before, status: "PAUSED", pausedAt: now };
      break;
    case "resume":
      if (before.status !== "PAUSED") return wrongStatus("a PAUSED");
      after = {
        ...before,
        status: "OPEN",
        deadline: before.deadline + (now - (before.pausedAt ?? now)),
        pausedAt: null,
      };
      break;
    case "extend":
      if (before.status === "CLOSED") return wrongStatus("a DRAFT, OPEN or PAUSED");
      // While paused, the deadline is as of the pause (resume moves it on), so it may lie behind now.
      if (before.status !== "PAUSED" && cmd.deadline <= now) {
        return refused("INVALID_INPUT", "deadline: must be in the future");
      }
      if (cmd.deadline <= before.deadline) {
        return refused(
          "INVALID_INPUT",
          `deadline: must be later than the current deadline (${formatInstant(before.deadline)})`,
        );
      }
      after = { ...before, deadline: cmd.deadline };
      break;
    case "close":
      if (before.status !== "OPEN" && before.status !== "PAUSED") return wrongStatus("an OPEN or PAUSED");
      after = { ...before, status: "CLOSED", pausedAt: null };
      break;
    case "deadline-close":
      if (before.status !== "OPEN" || now < before.deadline) {
        return refused("INVALID_TRANSITION", "The round is not open past its deadline.");
      }
      after = { ...before, status: "CLOSED" };
      break;
  }
  state.round = after;
  state.events.push({
    cause: index,
    by: cmd.kind === "deadline-close" ? "system" : "command",
    action,
    outcome: "OK",
    round: { before, after },
  });
  if (state.queue.length > 0) offerFreeSeats(state, index);
  return { ok: true, round: after };
}
