import type { ErrorCode } from "../errors.ts";
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

export type RoundCommand = SeatCommand | WaitlistCommand;

export type Refusal = { ok: false; code: ErrorCode; message: string };
export type SeatOutcome = { ok: true; seat: Seat } | Refusal;
/** position: 1 for the first in line; null once off the waitlist. */
export type WaitlistOutcome = { ok: true; position: number | null } | Refusal;
export type Outcome = SeatOutcome | WaitlistOutcome;

/** The outcome type of a command: seat commands answer with a seat, waitlist commands with a position. */
export type OutcomeOf<C extends RoundCommand> = C extends WaitlistCommand ? WaitlistOutcome : SeatOutcome;

export interface SeatChange {
  before: Seat;
  after: Seat;
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

/**
 * Plans a batch of seat commands against one round, in order, as if each ran alone.
 *
 * `seats` must contain every seat the batch can touch: the seats the commands
 * name, every seat held by an applicant in the batch, every expired hold, and
 * at least as many of the lowest free seats as there are hold commands (so best
 * available is exact; joins count as holds here). Expired holds are freed first.
 * Whenever a seat turns FREE while the round takes claims, the first applicant
 * on `waitlist` gets it as a hold at once, so no seat stays free while someone
 * waits. The caller writes the changes with guards; this function only decides.
 */
export function planBatch(
  round: RoundRules,
  seats: readonly Seat[],
  commands: readonly RoundCommand[],
  now: number,
  waitlist: readonly string[] = [],
): BatchPlan {
  const original = new Map(seats.map((s) => [s.id, s]));
  const state = new Map<string, Seat>();
  const changedOrder: string[] = [];
  const holderSeat = new Map<string, string>();

  const write = (next: Seat) => {
    if (!changedOrder.includes(next.id)) changedOrder.push(next.id);
    state.set(next.id, next);
  };

  for (const seat of seats) {
    if (isExpiredHold(seat, now)) {
      write(effectiveSeat(seat, now));
    } else {
      state.set(seat.id, seat);
      if (seat.holderId) holderSeat.set(seat.holderId, seat.id);
    }
  }
  const ordered = [...seats].sort(bySeatOrder).map((s) => s.id);
  const queue = [...waitlist];
  const offers: Seat[] = [];

  const holdFor = (seat: Seat, applicantId: string): Seat => {
    const heldUntil = Math.min(now + round.holdSeconds * 1000, round.deadline);
    const expiredHolderId = seat.expiredHolderId === applicantId ? null : seat.expiredHolderId;
    const held: Seat = { ...seat, status: "HELD", holderId: applicantId, heldUntil, expiredHolderId };
    write(held);
    holderSeat.set(applicantId, held.id);
    return held;
  };
  const offer = (seat: Seat) => {
    if (seat.status !== "FREE" || claimRefusal(round, now)) return;
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      if (holderSeat.has(next)) continue;
      offers.push(holdFor(seat, next));
      return;
    }
  };
  // Seats left free while nobody could be offered them (e.g. the round was paused).
  for (const id of ordered) {
    const seat = state.get(id);
    if (queue.length > 0 && seat) offer(seat);
  }

  const outcomes = commands.map((cmd): Outcome => {
    if (cmd.kind === "waitlist-join") {
      const refusal = claimRefusal(round, now);
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
      const refusal = claimRefusal(round, now);
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
      const held = holdFor(seat, cmd.applicantId);
      const waiting = queue.indexOf(cmd.applicantId);
      if (waiting >= 0) queue.splice(waiting, 1);
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
      const refusal = claimRefusal(round, now);
      if (refusal) return refuse(refusal.code, refusal.message);
      const booked: Seat = { ...seat, status: "BOOKED", heldUntil: null };
      write(booked);
      return { ok: true, seat: booked };
    }

    if (seat.status === "BOOKED") {
      return refuse("SEAT_BOOKED", `Seat ${seat.label} is booked; only an admin can release it.`);
    }
    const freed: Seat = { ...seat, status: "FREE", holderId: null, heldUntil: null };
    write(freed);
    holderSeat.delete(cmd.applicantId);
    offer(freed);
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
  return { outcomes, changes, waitlist: queue, offers };
}
