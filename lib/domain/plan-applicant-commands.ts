import { type BatchState, holdFor, leaveSeat, offerSeat, refuse, takeSeat, writeSeat } from "./batch-state.ts";
import { claimRefusal } from "./round-clock.ts";
import type { Refusal, Seat, SeatCommand, SeatOutcome, WaitlistCommand, WaitlistOutcome } from "./seat-rules.ts";

type Hold = Extract<SeatCommand, { kind: "hold" }>;
type Confirm = Extract<SeatCommand, { kind: "confirm" }>;
type Release = Extract<SeatCommand, { kind: "release" }>;

/** A named free seat, or best available: the free seat with the lowest row, then column. */
export function planHold(state: BatchState, cmd: Hold, index: number): SeatOutcome {
  const refusal = claimRefusal(state.round, state.now);
  if (refusal) return refuse(refusal.code, refusal.message);
  if (state.holderSeat.has(cmd.applicantId)) {
    return refuse("ALREADY_HAS_SEAT", "You already hold or have booked a seat in this round.");
  }
  let seat: Seat | undefined;
  if (cmd.seatId !== undefined) {
    seat = state.seats.get(cmd.seatId);
    if (!seat) return refuse("NOT_FOUND", "No such seat in this round.");
    if (seat.status !== "FREE") return refuse("SEAT_TAKEN", `Seat ${seat.label} is already taken.`);
  } else {
    const id = state.ordered.find((sid) => state.seats.get(sid)?.status === "FREE");
    seat = id === undefined ? undefined : state.seats.get(id);
    if (!seat) return refuse("NO_SEATS_LEFT", "No seats are left in this round.");
  }
  const held = holdFor(state, seat, cmd.applicantId);
  takeSeat(state, held, { cause: index, by: "command", action: "seat.hold" });
  return { ok: true, seat: held };
}

/** The seat the command names if its sender holds it; a refusal otherwise. */
function ownSeat(state: BatchState, cmd: Confirm | Release): Seat | Refusal {
  const seat = state.seats.get(cmd.seatId);
  if (!seat) return refuse("NOT_FOUND", "No such seat in this round.");
  const mine = seat.holderId === cmd.applicantId;
  if (!mine && seat.expiredHolderId === cmd.applicantId) {
    return refuse("HOLD_EXPIRED", `Your hold on seat ${seat.label} has expired.`);
  }
  if (!mine) return refuse("NOT_HOLDER", `You do not hold seat ${seat.label}.`);
  return seat;
}

/** Books the sender's held seat; confirming a booked seat again answers it as it is. */
export function planConfirm(state: BatchState, cmd: Confirm, index: number): SeatOutcome {
  const seat = ownSeat(state, cmd);
  if ("ok" in seat) return seat;
  if (seat.status === "BOOKED") return { ok: true, seat };
  const refusal = claimRefusal(state.round, state.now);
  if (refusal) return refuse(refusal.code, refusal.message);
  const booked: Seat = { ...seat, status: "BOOKED", heldUntil: null };
  writeSeat(state, booked, { cause: index, by: "command", action: "seat.confirm" });
  return { ok: true, seat: booked };
}

/** Frees the sender's held seat (a booking only an admin can release), and offers it to the first in line. */
export function planRelease(state: BatchState, cmd: Release, index: number): SeatOutcome {
  const seat = ownSeat(state, cmd);
  if ("ok" in seat) return seat;
  if (seat.status === "BOOKED") {
    return refuse("SEAT_BOOKED", `Seat ${seat.label} is booked; only an admin can release it.`);
  }
  const freed: Seat = { ...seat, status: "FREE", holderId: null, heldUntil: null };
  writeSeat(state, freed, { cause: index, by: "command", action: "seat.release" });
  leaveSeat(state, cmd.applicantId, seat.id);
  offerSeat(state, freed, index);
  return { ok: true, seat: freed };
}

/** Joins the end of the line: only for a round that takes claims and has no free seat. */
export function planWaitlistJoin(
  state: BatchState,
  cmd: Extract<WaitlistCommand, { kind: "waitlist-join" }>,
): WaitlistOutcome {
  const refusal = claimRefusal(state.round, state.now);
  if (refusal) return refuse(refusal.code, refusal.message);
  if (state.holderSeat.has(cmd.applicantId)) {
    return refuse("ALREADY_HAS_SEAT", "You already hold or have booked a seat in this round.");
  }
  if (state.queue.includes(cmd.applicantId)) return refuse("ALREADY_WAITLISTED", "You are already on the waitlist.");
  if (state.ordered.some((id) => state.seats.get(id)?.status === "FREE")) {
    return refuse("SEATS_AVAILABLE", "A seat is free: hold it instead of waiting.");
  }
  state.queue.push(cmd.applicantId);
  return { ok: true, position: state.queue.length };
}

/** Leaves the line; leaving when not on it is not an error. */
export function planWaitlistLeave(
  state: BatchState,
  cmd: Extract<WaitlistCommand, { kind: "waitlist-leave" }>,
): WaitlistOutcome {
  const at = state.queue.indexOf(cmd.applicantId);
  if (at >= 0) state.queue.splice(at, 1);
  return { ok: true, position: null };
}
