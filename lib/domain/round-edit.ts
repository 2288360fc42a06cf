import type { ErrorCode } from "../errors.ts";
import type { RoundStatus } from "./round-clock.ts";

export interface SeatGrid {
  rows: number;
  cols: number;
}

export interface MilestoneInput {
  title: string;
  dueAt: number | null;
}

/** An admin's edit of a round's settings: only the fields given change. */
export interface RoundEdit {
  title?: string;
  opensAt?: number;
  deadline?: number;
  timeZone?: string;
  holdSeconds?: number;
  layout?: SeatGrid;
  /** Replaces every milestone, in this order. */
  milestones?: MilestoneInput[];
}

export interface RoundSettings {
  status: RoundStatus;
  title: string;
  opensAt: number;
  /** While PAUSED: the deadline as of the pause (resume moves it by the paused time). */
  deadline: number;
  timeZone: string;
  holdSeconds: number;
  layout: SeatGrid;
  milestones: MilestoneInput[];
}

/** The seats that are not free (held or booked), for checking a smaller layout. */
export interface TakenSeat {
  label: string;
  row: number;
  col: number;
  status: "HELD" | "BOOKED";
}

export type EditedField = keyof RoundEdit;

export type RoundEditPlan =
  | {
      ok: true;
      /** The fields that really change (an edit that resends a value changes nothing there). */
      fields: EditedField[];
      before: Partial<Omit<RoundSettings, "status">>;
      after: Partial<Omit<RoundSettings, "status">>;
    }
  | { ok: false; code: ErrorCode; message: string };

const refuse = (code: ErrorCode, message: string) => ({ ok: false as const, code, message });
const iso = (ms: number) => new Date(ms).toISOString();
const sameMilestones = (a: readonly MilestoneInput[], b: readonly MilestoneInput[]) =>
  a.length === b.length && a.every((m, i) => m.title === b[i]?.title && m.dueAt === b[i]?.dueAt);

/**
 * Decides an admin's edit of a round against its current settings and seats.
 * Form errors (INVALID_INPUT, the message names the field) come first, then
 * the round's state: a closed round cannot change; once a round is open its
 * deadline only moves later (closing early is its own command); and a smaller
 * layout must keep every held or booked seat (refused below the booked count
 * with BELOW_BOOKED_SEATS, and when it would cut off a taken seat with
 * SEATS_IN_USE). Seats keep their row, column and label, so an edit adds or
 * removes seats only at the right and bottom edges.
 */
export function planRoundEdit(
  current: RoundSettings,
  taken: readonly TakenSeat[],
  edit: RoundEdit,
  now: number,
): RoundEditPlan {
  const fields: EditedField[] = [];
  if (edit.title !== undefined && edit.title !== current.title) fields.push("title");
  if (edit.opensAt !== undefined && edit.opensAt !== current.opensAt) fields.push("opensAt");
  if (edit.deadline !== undefined && edit.deadline !== current.deadline) fields.push("deadline");
  if (edit.timeZone !== undefined && edit.timeZone !== current.timeZone) fields.push("timeZone");
  if (edit.holdSeconds !== undefined && edit.holdSeconds !== current.holdSeconds) fields.push("holdSeconds");
  if (edit.layout && (edit.layout.rows !== current.layout.rows || edit.layout.cols !== current.layout.cols)) {
    fields.push("layout");
  }
  if (edit.milestones && !sameMilestones(edit.milestones, current.milestones)) fields.push("milestones");

  const opensAt = edit.opensAt ?? current.opensAt;
  const deadline = edit.deadline ?? current.deadline;
  const live = current.status === "OPEN" || current.status === "PAUSED";
  if (fields.includes("deadline")) {
    // While paused the deadline is as of the pause, so it may lie behind now.
    if (current.status !== "PAUSED" && deadline <= now)
      return refuse("INVALID_INPUT", "deadline: must be in the future");
    if (live && deadline < current.deadline) {
      return refuse(
        "INVALID_INPUT",
        `deadline: can only move later once the round is open (now ${iso(current.deadline)}); close the round early instead`,
      );
    }
  }
  if ((fields.includes("opensAt") || fields.includes("deadline")) && opensAt >= deadline) {
    return refuse("INVALID_INPUT", "opensAt: must be before the deadline");
  }
  if (fields.length === 0) return { ok: true, fields, before: {}, after: {} };
  if (current.status === "CLOSED") return refuse("INVALID_TRANSITION", "A closed round cannot be changed.");

  if (edit.layout && fields.includes("layout")) {
    const { rows, cols } = edit.layout;
    const seats = rows * cols;
    const booked = taken.filter((s) => s.status === "BOOKED").length;
    if (seats < booked) {
      return refuse(
        "BELOW_BOOKED_SEATS",
        `The round has ${booked} booked seats: a layout of ${rows} × ${cols} (${seats} seats) is too small.`,
      );
    }
    const cut = taken.filter((s) => s.row >= rows || s.col >= cols).map((s) => s.label);
    if (cut.length > 0) {
      const named = cut.length > 5 ? `${cut.slice(0, 5).join(", ")} and ${cut.length - 5} more` : cut.join(", ");
      return refuse(
        "SEATS_IN_USE",
        `Seats ${named} are held or booked: release or reassign them before removing them from the layout.`,
      );
    }
  }

  const before: Partial<Omit<RoundSettings, "status">> = {};
  const after: Partial<Omit<RoundSettings, "status">> = {};
  for (const field of fields) {
    Object.assign(before, { [field]: current[field] });
    Object.assign(after, { [field]: edit[field] });
  }
  return { ok: true, fields, before, after };
}

/** The rows × cols of a full grid of seats (every round's seats are one), from their positions. */
export function gridOf(seats: readonly { row: number; col: number }[]): SeatGrid {
  let rows = 0;
  let cols = 0;
  for (const s of seats) {
    rows = Math.max(rows, s.row + 1);
    cols = Math.max(cols, s.col + 1);
  }
  return { rows, cols };
}
