import type { ErrorCode } from "../errors.ts";
import type { AuditAction } from "./audit.ts";
import {
  type BatchState,
  type Cause,
  holdFor,
  leaveSeat,
  offerSeat,
  refuse,
  refuseAdmin,
  takeSeat,
  writeSeat,
} from "./batch-state.ts";
import { claimRefusal } from "./round-clock.ts";
import type { AdminSeatCommand, Refusal, Seat, SeatOutcome } from "./seat-rules.ts";

type AdminRelease = Extract<AdminSeatCommand, { kind: "admin-release" }>;
type AdminReassign = Extract<AdminSeatCommand, { kind: "admin-reassign" }>;

/** A refused admin seat command, with its audit event naming the seat as it was. */
function refuseOnSeat(
  state: BatchState,
  index: number,
  action: AuditAction,
  seatId: string,
  seat: Seat | undefined,
  code: ErrorCode,
  message: string,
): Refusal {
  return refuseAdmin(state, index, action, refuse(code, message), {
    seat: { id: seatId, before: seat ?? null, after: null },
  });
}

/** The seat an admin command names if someone holds or booked it; a refusal otherwise. */
function occupiedSeat(state: BatchState, cmd: AdminSeatCommand, index: number, action: AuditAction): Seat | Refusal {
  const seat = state.seats.get(cmd.seatId);
  if (!seat) return refuseOnSeat(state, index, action, cmd.seatId, seat, "NOT_FOUND", "No such seat in this round.");
  if (seat.status === "FREE") {
    return refuseOnSeat(
      state,
      index,
      action,
      cmd.seatId,
      seat,
      "SEAT_FREE",
      `Seat ${seat.label} is free: nobody holds it.`,
    );
  }
  return seat;
}

/** Frees a held or booked seat, whoever has it, and offers it to the first in line. */
export function planAdminRelease(state: BatchState, cmd: AdminRelease, index: number): SeatOutcome {
  const action = "seat.admin-release";
  const seat = occupiedSeat(state, cmd, index, action);
  if ("ok" in seat) return seat;
  const freed: Seat = { ...seat, status: "FREE", holderId: null, heldUntil: null };
  writeSeat(state, freed, { cause: index, by: "command", action });
  leaveSeat(state, seat.holderId, seat.id);
  offerSeat(state, freed, index);
  return { ok: true, seat: freed };
}

/** Hands a seat to another applicant: a hold stays a hold (with a fresh hold time), a booking moves. */
export function planAdminReassign(state: BatchState, cmd: AdminReassign, index: number): SeatOutcome {
  const action = "seat.admin-reassign";
  const seat = occupiedSeat(state, cmd, index, action);
  if ("ok" in seat) return seat;
  const refused = (code: ErrorCode, message: string) =>
    refuseOnSeat(state, index, action, cmd.seatId, seat, code, message);
  const to = cmd.toApplicantId;
  if (state.knownApplicants && !state.knownApplicants.has(to)) return refused("NOT_FOUND", "No such applicant.");
  if (state.holderSeat.has(to)) {
    return refused("ALREADY_HAS_SEAT", "That applicant already holds or has booked a seat in this round.");
  }
  // A hold handed over is a new hold: it needs a round that takes claims. A booking can move at any time.
  if (seat.status === "HELD") {
    const refusal = claimRefusal(state.round, state.now);
    if (refusal) return refused(refusal.code, refusal.message);
  }
  const next: Seat =
    seat.status === "BOOKED"
      ? { ...seat, holderId: to, expiredHolderId: seat.expiredHolderId === to ? null : seat.expiredHolderId }
      : holdFor(state, seat, to);
  const cause: Cause = { cause: index, by: "command", action };
  leaveSeat(state, seat.holderId, seat.id);
  takeSeat(state, next, cause);
  return { ok: true, seat: next };
}
