import { describe, expect, it } from "vitest";
import { claimRefusal, type MilestoneInfo, nextMilestone, type RoundTiming, remainingMs } from "./round-clock.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

function round(overrides: Partial<RoundTiming> = {}): RoundTiming {
  return { status: "OPEN", opensAt: T0 - HOUR, deadline: T0 + HOUR, pausedAt: null, ...overrides };
}

function milestone(position: number, dueAt: number | null): MilestoneInfo {
  return { position, title: `Step ${position}`, dueAt };
}

describe("remainingMs", () => {
  it("counts down to the deadline while the round is open", () => {
    const r = round({ deadline: T0 + HOUR });
    expect(remainingMs(r, T0)).toBe(HOUR);
    expect(remainingMs(r, T0 + 25 * MINUTE)).toBe(35 * MINUTE);
  });

  it("never goes below zero once the deadline has passed", () => {
    const r = round({ deadline: T0 });
    expect(remainingMs(r, T0)).toBe(0);
    expect(remainingMs(r, T0 + HOUR)).toBe(0);
  });

  it("freezes at deadline - pausedAt while paused, whatever the time", () => {
    const r = round({ status: "PAUSED", deadline: T0 + HOUR, pausedAt: T0 + 20 * MINUTE });
    for (const now of [T0, T0 + 20 * MINUTE, T0 + 50 * MINUTE, T0 + 2 * HOUR]) {
      expect(remainingMs(r, now)).toBe(40 * MINUTE);
    }
  });

  it("gives zero for a round paused after its deadline", () => {
    const r = round({ status: "PAUSED", deadline: T0, pausedAt: T0 + MINUTE });
    expect(remainingMs(r, T0 - HOUR)).toBe(0);
  });

  it("gives zero once the round is closed, even before the deadline", () => {
    expect(remainingMs(round({ status: "CLOSED", deadline: T0 + HOUR }), T0)).toBe(0);
  });
});

describe("claimRefusal", () => {
  it("takes claims while open, from opensAt up to just before the deadline", () => {
    const r = round({ opensAt: T0, deadline: T0 + HOUR });
    expect(claimRefusal(r, T0)).toBeNull();
    expect(claimRefusal(r, T0 + 30 * MINUTE)).toBeNull();
    expect(claimRefusal(r, T0 + HOUR - 1)).toBeNull();
  });

  it("refuses with ROUND_NOT_OPEN before opensAt", () => {
    expect(claimRefusal(round({ opensAt: T0 + 1 }), T0)).toEqual({
      code: "ROUND_NOT_OPEN",
      message: "The round has not opened yet.",
    });
  });

  it("refuses with DEADLINE_PASSED from the deadline on", () => {
    const refusal = { code: "DEADLINE_PASSED", message: "The deadline for this round has passed." };
    expect(claimRefusal(round({ deadline: T0 }), T0)).toEqual(refusal);
    expect(claimRefusal(round({ deadline: T0 }), T0 + HOUR)).toEqual(refusal);
  });

  it.each([
    ["DRAFT", null, "This round has not been opened yet."],
    ["PAUSED", T0 - MINUTE, "This round is paused; claims resume when it does."],
    ["CLOSED", null, "This round is closed."],
  ] as const)("refuses with ROUND_NOT_OPEN while %s", (status, pausedAt, message) => {
    expect(claimRefusal(round({ status, pausedAt }), T0)).toEqual({ code: "ROUND_NOT_OPEN", message });
  });

  it("says a closed round is closed rather than past its deadline", () => {
    expect(claimRefusal(round({ status: "CLOSED", deadline: T0 - HOUR }), T0)).toEqual({
      code: "ROUND_NOT_OPEN",
      message: "This round is closed.",
    });
  });
});

describe("nextMilestone", () => {
  it("returns the first milestone by position that is still ahead", () => {
    const milestones = [milestone(3, T0 + 3 * HOUR), milestone(1, T0 - HOUR), milestone(2, T0 + 2 * HOUR)];
    expect(nextMilestone(milestones, T0)).toEqual(milestone(2, T0 + 2 * HOUR));
  });

  it("skips a milestone due exactly now", () => {
    const milestones = [milestone(1, T0), milestone(2, T0 + 1)];
    expect(nextMilestone(milestones, T0)).toEqual(milestone(2, T0 + 1));
  });

  it("counts a milestone without a due time as ahead", () => {
    const milestones = [milestone(1, T0 - HOUR), milestone(2, null), milestone(3, T0 + HOUR)];
    expect(nextMilestone(milestones, T0)).toEqual(milestone(2, null));
  });

  it("returns null when every milestone is past, or there are none", () => {
    expect(nextMilestone([milestone(1, T0 - HOUR), milestone(2, T0)], T0)).toBeNull();
    expect(nextMilestone([], T0)).toBeNull();
  });

  it("leaves the caller's list in its original order", () => {
    const milestones = [milestone(2, T0 + HOUR), milestone(1, T0 + 2 * HOUR)];
    nextMilestone(milestones, T0);
    expect(milestones.map((m) => m.position)).toEqual([2, 1]);
  });
});
