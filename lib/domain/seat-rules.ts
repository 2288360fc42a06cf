import type { ErrorCode } from "../errors.ts";
import type { AuditAction } from "./audit.ts";
import type { RoundTiming } from "./round-clock.ts";

export type SeatStatus = "FREE" | "HELD" | "BOOKED";

export interface Seat {
  id: string;
  label: string;
  row: number;
  col: number;
  status: SeatStatus;
  holderId: string | null;
  heldUntil: number | null;
  /** Whose hold last ran out here: their late confirm or release gets HOLD_EXPIRED. */
  expiredHolderId: string | null;
  version: number;
}

export interface RoundRules extends RoundTiming {
  holdSeconds: number;
}

export type SeatCommand =
  /** No seatId: best available, the free seat with the lowest row, then column. */
  | { kind: "hold"; applicantId: string; seatId?: string }
  | { kind: "confirm"; applicantId: string; seatId: string }
  | { kind: "release"; applicantId: string; seatId: string };

/** Joining is only for a full round; the first in line gets the next seat that frees, as a hold. */
export type WaitlistCommand =
  | { kind: "waitlist-join"; applicantId: string }
  | { kind: "waitlist-leave"; applicantId: string };

/** What an applicant may send (over Socket.IO). */
export type ApplicantCommand = SeatCommand | WaitlistCommand;

/**
 * An admin's seat command: any seat, whoever holds it, with a reason for the
 * audit log. Reassign keeps the seat's state (a hold stays a hold, with a fresh
 * hold time; a booking moves to the new applicant) under the one-seat rule.
 */
export type AdminSeatCommand =
  | { kind: "admin-release"; seatId: string; reason: string }
  | { kind: "admin-reassign"; seatId: string; toApplicantId: string; reason: string };

/**
 * A change of the round's state. `deadline-close` is the sweeper's (the
 * deadline came); the rest are an admin's.
 */
export type RoundStateCommand =
  | { kind: "open"; reason?: string }
  | { kind: "pause"; reason?: string }
  /** Moves the deadline by the time spent paused, so the countdown goes on from where it stopped. */
  | { kind: "resume"; reason?: string }
  | { kind: "extend"; deadline: number; reason?: string }
  | { kind: "close"; reason?: string }
  | { kind: "deadline-close" };

export type AdminCommand = AdminSeatCommand | Exclude<RoundStateCommand, { kind: "deadline-close" }>;
export type RoundCommand = ApplicantCommand | AdminSeatCommand | RoundStateCommand;

export type Refusal = { ok: false; code: ErrorCode; message: string };
export type SeatOutcome = { ok: true; seat: Seat } | Refusal;
/** position: 1 for the first in line; null once off the waitlist. */
export type WaitlistOutcome = { ok: true; position: number | null } | Refusal;
/** The round's state after the command. */
export type RoundOutcome = { ok: true; round: RoundRules } | Refusal;
export type Outcome = SeatOutcome | WaitlistOutcome | RoundOutcome;

/** The outcome type of a command: a seat, a waitlist position, or the round's state. */
export type OutcomeOf<C extends RoundCommand> = C extends WaitlistCommand
  ? WaitlistOutcome
  : C extends RoundStateCommand
    ? RoundOutcome
    : SeatOutcome;

/** A seat the batch changed: as it was read (its version is the write's guard) and its final state, version bumped. */
export interface SeatTransition {
  before: Seat;
  after: Seat;
}

/** A seat that went from one applicant to another within the batch (a lapsed hold taken by someone else). */
export function isHandover(t: SeatTransition): boolean {
  return t.before.holderId !== null && t.after.holderId !== null && t.before.holderId !== t.after.holderId;
}

/**
 * One announced step of a seat, numbered in the round's seq: a batch announces
 * each changed seat's final state (a handover first as FREE, then as held).
 */
export interface SeatStep {
  roundId: string;
  seq: number;
  seatId: string;
  status: SeatStatus;
  heldUntil: number | null;
}

/**
 * One thing that happened in the batch, for the audit log: each seat
 * transition as it happened (a seat held and released in one batch gives two),
 * each round change, and each refused admin command.
 */
export interface PlanEvent {
  /** The planned command behind it (its index), or null for the batch's own work (a lapsed hold). */
  cause: number | null;
  /** "command": the command's actor did it. "system": the engine did, for the command or on its own (offers, lapses). */
  by: "command" | "system";
  action: AuditAction;
  /** "OK", or the refusal code of a refused admin command (refused applicant commands change nothing and leave no event). */
  outcome: "OK" | ErrorCode;
  seat?: { id: string; before: Seat | null; after: Seat | null };
  round?: { before: RoundRules; after: RoundRules | null };
}

export interface BatchPlan {
  /** One outcome per command, in command order. */
  outcomes: Outcome[];
  /** The final state of every seat the batch changed, in order of first change. */
  changes: SeatTransition[];
  /** The waitlist after the batch, first in line first. */
  waitlist: string[];
  /** Seats handed to the first in line as holds, in the order offered. */
  offers: Seat[];
  /** The round's state after the batch. */
  round: RoundRules;
  /** Whether a command changed the round's state (status, deadline, pausedAt). */
  roundChanged: boolean;
  /** What happened, in order, for the audit log. */
  events: PlanEvent[];
}

export function isExpiredHold(seat: Seat, now: number): boolean {
  return seat.status === "HELD" && seat.heldUntil !== null && seat.heldUntil <= now;
}

/** A seat as it really is at `now`: a hold past its heldUntil is already free. */
export function effectiveSeat(seat: Seat, now: number): Seat {
  return isExpiredHold(seat, now)
    ? { ...seat, status: "FREE", holderId: null, heldUntil: null, expiredHolderId: seat.holderId }
    : seat;
}

export function bySeatOrder(a: Seat, b: Seat): number {
  return a.row - b.row || a.col - b.col;
}

/** Options of planBatch beyond the round, seats and commands. */
export interface PlanOptions {
  /** The round's waitlist, first in line first. */
  waitlist?: readonly string[];
  /** Applicants known to exist, among those an admin reassigns seats to; without it, any id is taken as existing. */
  knownApplicants?: ReadonlySet<string>;
}
