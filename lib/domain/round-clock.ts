import type { ErrorCode } from "../errors.ts";

export type RoundStatus = "DRAFT" | "OPEN" | "PAUSED" | "CLOSED";

/** The parts of a round that decide whether seats can be claimed and how long is left. */
export interface RoundTiming {
  status: RoundStatus;
  opensAt: number;
  deadline: number;
  /** Set while PAUSED: the remaining time is frozen at deadline - pausedAt. */
  pausedAt: number | null;
}

export interface MilestoneInfo {
  position: number;
  title: string;
  dueAt: number | null;
}

/** Milliseconds left before the deadline: frozen while paused, 0 once closed or past. */
export function remainingMs(round: RoundTiming, now: number): number {
  if (round.status === "CLOSED") return 0;
  const at = round.status === "PAUSED" && round.pausedAt !== null ? round.pausedAt : now;
  return Math.max(0, round.deadline - at);
}

const notOpenMessage: Record<RoundStatus, string> = {
  DRAFT: "This round has not been opened yet.",
  OPEN: "This round is open.",
  PAUSED: "This round is paused; claims resume when it does.",
  CLOSED: "This round is closed.",
};

/** Why a claim (hold or confirm) is refused at `now`, or null if the round takes claims. */
export function claimRefusal(round: RoundTiming, now: number): { code: ErrorCode; message: string } | null {
  if (round.status === "OPEN" && now >= round.deadline) {
    return { code: "DEADLINE_PASSED", message: "The deadline for this round has passed." };
  }
  if (round.status !== "OPEN") {
    return { code: "ROUND_NOT_OPEN", message: notOpenMessage[round.status] };
  }
  if (now < round.opensAt) {
    return { code: "ROUND_NOT_OPEN", message: "The round has not opened yet." };
  }
  return null;
}

/** The first milestone, in order, that is still ahead (or has no due time). */
export function nextMilestone(milestones: readonly MilestoneInfo[], now: number): MilestoneInfo | null {
  const ordered = [...milestones].sort((a, b) => a.position - b.position);
  return ordered.find((m) => m.dueAt === null || m.dueAt > now) ?? null;
}
