import { describe, expect, it } from "vitest";
import { gridOf, planRoundEdit, type RoundSettings, type TakenSeat } from "./round-edit.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
const HOUR = 3_600_000;

function settings(overrides: Partial<RoundSettings> = {}): RoundSettings {
  return {
    status: "OPEN",
    title: "Winter",
    opensAt: T0 - HOUR,
    deadline: T0 + HOUR,
    timeZone: "UTC",
    holdSeconds: 120,
    layout: { rows: 4, cols: 5 },
    milestones: [{ title: "Close", dueAt: T0 + HOUR }],
    ...overrides,
  };
}

const booked = (label: string, row: number, col: number): TakenSeat => ({ label, row, col, status: "BOOKED" });
const held = (label: string, row: number, col: number): TakenSeat => ({ label, row, col, status: "HELD" });

describe("planRoundEdit", () => {
  it("changes only the fields that differ, and answers before and after for the audit", () => {
    const plan = planRoundEdit(settings(), [], { title: "Spring", timeZone: "UTC", holdSeconds: 60 }, T0);
    expect(plan).toEqual({
      ok: true,
      fields: ["title", "holdSeconds"],
      before: { title: "Winter", holdSeconds: 120 },
      after: { title: "Spring", holdSeconds: 60 },
    });
  });

  it("accepts a form that resends every current value, even a deadline already behind a paused round", () => {
    const paused = settings({ status: "PAUSED", deadline: T0 - 10 });
    const { status: _, ...same } = paused;
    expect(planRoundEdit(paused, [], same, T0)).toMatchObject({ ok: true, fields: [] });
  });

  it("refuses a deadline in the past, and opensAt at or after the deadline, naming the field", () => {
    const draft = settings({ status: "DRAFT" });
    expect(planRoundEdit(draft, [], { deadline: T0 - 1 }, T0)).toEqual({
      ok: false,
      code: "INVALID_INPUT",
      message: "deadline: must be in the future",
    });
    expect(planRoundEdit(draft, [], { opensAt: T0 + HOUR }, T0)).toEqual({
      ok: false,
      code: "INVALID_INPUT",
      message: "opensAt: must be before the deadline",
    });
  });

  it("moves the deadline of a draft either way, but of an open round only later", () => {
    expect(planRoundEdit(settings({ status: "DRAFT" }), [], { deadline: T0 + HOUR / 2 }, T0).ok).toBe(true);
    const earlier = planRoundEdit(settings(), [], { deadline: T0 + HOUR / 2 }, T0);
    expect(earlier).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(!earlier.ok && earlier.message).toMatch(/^deadline: can only move later/);
    expect(planRoundEdit(settings(), [], { deadline: T0 + 2 * HOUR }, T0).ok).toBe(true);
  });

  it("refuses any change to a closed round", () => {
    expect(planRoundEdit(settings({ status: "CLOSED" }), [], { title: "New" }, T0)).toMatchObject({
      ok: false,
      code: "INVALID_TRANSITION",
    });
  });

  it("refuses to shrink below the booked seats, and to cut off a held or booked seat", () => {
    const taken = [booked("A1", 0, 0), booked("A2", 0, 1), booked("B1", 1, 0), held("D5", 3, 4)];
    expect(planRoundEdit(settings(), taken, { layout: { rows: 1, cols: 2 } }, T0)).toEqual({
      ok: false,
      code: "BELOW_BOOKED_SEATS",
      message: "The round has 3 booked seats: a layout of 1 × 2 (2 seats) is too small.",
    });
    expect(planRoundEdit(settings(), taken, { layout: { rows: 3, cols: 5 } }, T0)).toEqual({
      ok: false,
      code: "SEATS_IN_USE",
      message: "Seats D5 are held or booked: release or reassign them before removing them from the layout.",
    });
    expect(planRoundEdit(settings(), taken.slice(0, 3), { layout: { rows: 2, cols: 2 } }, T0)).toMatchObject({
      ok: true,
      fields: ["layout"],
      before: { layout: { rows: 4, cols: 5 } },
      after: { layout: { rows: 2, cols: 2 } },
    });
  });

  it("reads a grid's size from its seats", () => {
    expect(
      gridOf([
        { row: 0, col: 0 },
        { row: 2, col: 1 },
        { row: 1, col: 4 },
      ]),
    ).toEqual({ rows: 3, cols: 5 });
    expect(gridOf([])).toEqual({ rows: 0, cols: 0 });
  });
});
