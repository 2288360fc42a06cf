import type { ErrorCode } from "../errors.ts";
import type { AuditAction } from "./audit.ts";
import { claimRefusal, type RoundTiming } from "./round-clock.ts";

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

export interface SeatChange {
  before: Seat;
  after: Seat;
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
  changes: SeatChange[];
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

function refuse(code: ErrorCode, message: string): Refusal {
  return { ok: false, code, message };
}

/** Options of planBatch beyond the round, seats and commands. */
export interface PlanOptions {
  /** The round's waitlist, first in line first. */
  waitlist?: readonly string[];
  /** Applicants known to exist, among those an admin reassigns seats to; without it, any id is taken as existing. */
  knownApplicants?: ReadonlySet<string>;
}

const sameRound = (a: RoundRules, b: RoundRules) =>
  a.status === b.status && a.deadline === b.deadline && a.pausedAt === b.pausedAt;

const formatInstant = (ms: number) => new Date(ms).toISOString();

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
  const original = new Map(seats.map((s) => [s.id, s]));
  const state = new Map<string, Seat>(original);
  const changedOrder: string[] = [];
  const changed = new Set<string>();
  const holderSeat = new Map<string, string>();
  const events: PlanEvent[] = [];
  let current: RoundRules = { ...round };

  type Cause = Pick<PlanEvent, "cause" | "by" | "action">;
  const write = (next: Seat, cause: Cause) => {
    if (!changed.has(next.id)) {
      changed.add(next.id);
      changedOrder.push(next.id);
    }
    events.push({ ...cause, outcome: "OK", seat: { id: next.id, before: state.get(next.id) ?? null, after: next } });
    state.set(next.id, next);
  };
  const leave = (applicantId: string | null, seatId: string) => {
    if (applicantId !== null && holderSeat.get(applicantId) === seatId) holderSeat.delete(applicantId);
  };

  for (const seat of seats) {
    if (isExpiredHold(seat, now)) write(effectiveSeat(seat, now), { cause: null, by: "system", action: "seat.expire" });
    else if (seat.holderId) holderSeat.set(seat.holderId, seat.id);
  }
  const ordered = [...seats].sort(bySeatOrder).map((s) => s.id);
  const queue = [...(options.waitlist ?? [])];
  const offers: Seat[] = [];

  const hold = (seat: Seat, applicantId: string): Seat => {
    const heldUntil = Math.min(now + current.holdSeconds * 1000, current.deadline);
    const expiredHolderId = seat.expiredHolderId === applicantId ? null : seat.expiredHolderId;
    return { ...seat, status: "HELD", holderId: applicantId, heldUntil, expiredHolderId };
  };
  const take = (next: Seat, cause: Cause) => {
    write(next, cause);
    if (next.holderId) holderSeat.set(next.holderId, next.id);
    const waiting = next.holderId === null ? -1 : queue.indexOf(next.holderId);
    if (waiting >= 0) queue.splice(waiting, 1);
  };
  const offer = (seat: Seat, cause: number | null) => {
    if (seat.status !== "FREE" || claimRefusal(current, now)) return;
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (holderSeat.has(next)) continue;
      const held = hold(seat, next);
      write(held, { cause, by: "system", action: "seat.offer" });
      holderSeat.set(next, held.id);
      offers.push(held);
      return;
    }
  };
  // Seats left free while nobody could be offered them (e.g. the round was paused).
  const offerFreeSeats = (cause: number | null) => {
    for (const id of ordered) {
      const seat = state.get(id);
      if (queue.length > 0 && seat) offer(seat, cause);
    }
  };
  offerFreeSeats(null);

  /** A refused admin command still leaves an audit event (a form error, INVALID_INPUT, does not). */
  const refuseAdmin = (index: number, action: AuditAction, refusal: Refusal, subject: Partial<PlanEvent>): Refusal => {
    if (refusal.code !== "INVALID_INPUT") {
      events.push({ cause: index, by: "command", action, outcome: refusal.code, ...subject });
    }
    return refusal;
  };

  const planAdminSeat = (cmd: AdminSeatCommand, index: number): SeatOutcome => {
    const action = cmd.kind === "admin-release" ? "seat.admin-release" : "seat.admin-reassign";
    const seat = state.get(cmd.seatId);
    const refused = (code: ErrorCode, message: string) =>
      refuseAdmin(index, action, refuse(code, message), {
        seat: { id: cmd.seatId, before: seat ?? null, after: null },
      });
    if (!seat) return refused("NOT_FOUND", "No such seat in this round.");
    if (seat.status === "FREE") return refused("SEAT_FREE", `Seat ${seat.label} is free: nobody holds it.`);
    const cause: Cause = { cause: index, by: "command", action };

    if (cmd.kind === "admin-release") {
      const freed: Seat = { ...seat, status: "FREE", holderId: null, heldUntil: null };
      write(freed, cause);
      leave(seat.holderId, seat.id);
      offer(freed, index);
      return { ok: true, seat: freed };
    }

    const to = cmd.toApplicantId;
    if (options.knownApplicants && !options.knownApplicants.has(to)) return refused("NOT_FOUND", "No such applicant.");
    if (holderSeat.has(to)) {
      return refused("ALREADY_HAS_SEAT", "That applicant already holds or has booked a seat in this round.");
    }
    // A hold handed over is a new hold: it needs a round that takes claims. A booking can move at any time.
    if (seat.status === "HELD") {
      const refusal = claimRefusal(current, now);
      if (refusal) return refused(refusal.code, refusal.message);
    }
    const next: Seat =
      seat.status === "BOOKED"
        ? { ...seat, holderId: to, expiredHolderId: seat.expiredHolderId === to ? null : seat.expiredHolderId }
        : hold(seat, to);
    leave(seat.holderId, seat.id);
    take(next, cause);
    return { ok: true, seat: next };
  };

  const planRound = (cmd: RoundStateCommand, index: number): RoundOutcome => {
    const before = current;
    const action = cmd.kind === "deadline-close" ? "round.close" : (`round.${cmd.kind}` as const);
    const refused = (code: ErrorCode, message: string): Refusal =>
      cmd.kind === "deadline-close"
        ? refuse(code, message)
        : refuseAdmin(index, action, refuse(code, message), { round: { before, after: null } });
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
    current = after;
    events.push({
      cause: index,
      by: cmd.kind === "deadline-close" ? "system" : "command",
      action,
      outcome: "OK",
      round: { before, after },
    });
    if (queue.length > 0) offerFreeSeats(index);
    return { ok: true, round: after };
  };

  const outcomes = commands.map((cmd, index): Outcome => {
    if (cmd.kind === "admin-release" || cmd.kind === "admin-reassign") return planAdminSeat(cmd, index);
    if (
      cmd.kind === "open" ||
      cmd.kind === "pause" ||
      cmd.kind === "resume" ||
      cmd.kind === "extend" ||
      cmd.kind === "close" ||
      cmd.kind === "deadline-close"
    ) {
      return planRound(cmd, index);
    }
    if (cmd.kind === "waitlist-join") {
      const refusal = claimRefusal(current, now);
      if (refusal) return refuse(refusal.code, refusal.message);
      if (holderSeat.has(cmd.applicantId)) {
        return refuse("ALREADY_HAS_SEAT", "You already hold or have booked a seat in this round.");
      }
      if (queue.includes(cmd.applicantId)) return refuse("ALREADY_WAITLISTED", "You are already on the waitlist.");
      if (ordered.some((id) => state.get(id)?.status === "FREE")) {
        return refuse("SEATS_AVAILABLE", "A seat is free: hold it instead of waiting.");
      }
      queue.push(cmd.applicantId);
      return { ok: true, position: queue.length };
    }
    if (cmd.kind === "waitlist-leave") {
      const at = queue.indexOf(cmd.applicantId);
      if (at >= 0) queue.splice(at, 1);
      return { ok: true, position: null };
    }
    if (cmd.kind === "hold") {
      const refusal = claimRefusal(current, now);
      if (refusal) return refuse(refusal.code, refusal.message);
      if (holderSeat.has(cmd.applicantId)) {
        return refuse("ALREADY_HAS_SEAT", "You already hold or have booked a seat in this round.");
      }
      let seat: Seat | undefined;
      if (cmd.seatId !== undefined) {
        seat = state.get(cmd.seatId);
        if (!seat) return refuse("NOT_FOUND", "No such seat in this round.");
        if (seat.status !== "FREE") return refuse("SEAT_TAKEN", `Seat ${seat.label} is already taken.`);
      } else {
        const id = ordered.find((sid) => state.get(sid)?.status === "FREE");
        seat = id === undefined ? undefined : state.get(id);
        if (!seat) return refuse("NO_SEATS_LEFT", "No seats are left in this round.");
      }
      const held = hold(seat, cmd.applicantId);
      take(held, { cause: index, by: "command", action: "seat.hold" });
      return { ok: true, seat: held };
    }

    const seat = state.get(cmd.seatId);
    if (!seat) return refuse("NOT_FOUND", "No such seat in this round.");
    const mine = seat.holderId === cmd.applicantId;
    if (!mine && seat.expiredHolderId === cmd.applicantId) {
      return refuse("HOLD_EXPIRED", `Your hold on seat ${seat.label} has expired.`);
    }
    if (!mine) return refuse("NOT_HOLDER", `You do not hold seat ${seat.label}.`);

    if (cmd.kind === "confirm") {
      if (seat.status === "BOOKED") return { ok: true, seat };
      const refusal = claimRefusal(current, now);
      if (refusal) return refuse(refusal.code, refusal.message);
      const booked: Seat = { ...seat, status: "BOOKED", heldUntil: null };
      write(booked, { cause: index, by: "command", action: "seat.confirm" });
      return { ok: true, seat: booked };
    }

    if (seat.status === "BOOKED") {
      return refuse("SEAT_BOOKED", `Seat ${seat.label} is booked; only an admin can release it.`);
    }
    const freed: Seat = { ...seat, status: "FREE", holderId: null, heldUntil: null };
    write(freed, { cause: index, by: "command", action: "seat.release" });
    leave(cmd.applicantId, seat.id);
    offer(freed, index);
    return { ok: true, seat: freed };
  });

  const changes: SeatChange[] = [];
  for (const id of changedOrder) {
    const before = original.get(id);
    const after = state.get(id);
    if (!before || !after) continue;
    const same =
      before.status === after.status &&
      before.holderId === after.holderId &&
      before.heldUntil === after.heldUntil &&
      before.expiredHolderId === after.expiredHolderId;
    if (same) continue;
    changes.push({ before, after: { ...after, version: before.version + 1 } });
  }
  return {
    outcomes,
    changes,
    waitlist: queue,
    offers,
    round: current,
    roundChanged: !sameRound(round, current),
    events,
  };
}

const verbOf: Record<RoundStateCommand["kind"], string> = {
  open: "opened",
  pause: "paused",
  resume: "resumed",
  extend: "extended",
  close: "closed",
  "deadline-close": "closed",
};
