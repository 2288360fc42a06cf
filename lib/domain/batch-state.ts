import type { ErrorCode } from "../errors.ts";
import type { AuditAction } from "./audit.ts";
import { claimRefusal } from "./round-clock.ts";
import {
  type BatchPlan,
  bySeatOrder,
  effectiveSeat,
  isExpiredHold,
  type Outcome,
  type PlanEvent,
  type PlanOptions,
  type Refusal,
  type RoundRules,
  type Seat,
  type SeatTransition,
} from "./seat-rules.ts";

/**
 * What the planners of one batch share: the seats and the round as the
 * commands so far left them, who holds which seat, the waitlist, and what
 * happened. Each planner reads and updates it through the functions below.
 */
export interface BatchState {
  readonly now: number;
  /** The round as the commands so far left it. */
  round: RoundRules;
  /** Seats as the batch read them. */
  readonly loaded: ReadonlyMap<string, Seat>;
  /** Seats as the commands so far left them. */
  readonly seats: Map<string, Seat>;
  /** Seat ids by row, then column: best available is the first free one. */
  readonly ordered: readonly string[];
  /** Ids of the seats the batch changed, in order of first change. */
  readonly changed: Set<string>;
  /** Each applicant's held or booked seat (the one-seat rule). */
  readonly holderSeat: Map<string, string>;
  /** The waitlist, first in line first. */
  readonly queue: string[];
  /** Seats handed to the first in line as holds, in the order offered. */
  readonly offers: Seat[];
  readonly events: PlanEvent[];
  readonly knownApplicants: ReadonlySet<string> | undefined;
}

/** Who caused a seat write, for its event. */
export type Cause = Pick<PlanEvent, "cause" | "by" | "action">;

export function refuse(code: ErrorCode, message: string): Refusal {
  return { ok: false, code, message };
}

/** A batch about to plan its first command: expired holds are freed, and free seats go to whoever waits. */
export function startBatch(round: RoundRules, seats: readonly Seat[], now: number, options: PlanOptions): BatchState {
  const loaded = new Map(seats.map((s) => [s.id, s]));
  const state: BatchState = {
    now,
    round: { ...round },
    loaded,
    seats: new Map(loaded),
    ordered: [...seats].sort(bySeatOrder).map((s) => s.id),
    changed: new Set(),
    holderSeat: new Map(),
    queue: [...(options.waitlist ?? [])],
    offers: [],
    events: [],
    knownApplicants: options.knownApplicants,
  };
  for (const seat of seats) {
    if (isExpiredHold(seat, now)) {
      writeSeat(state, effectiveSeat(seat, now), { cause: null, by: "system", action: "seat.expire" });
    } else if (seat.holderId) state.holderSeat.set(seat.holderId, seat.id);
  }
  offerFreeSeats(state, null);
  return state;
}

export function writeSeat(state: BatchState, next: Seat, cause: Cause): void {
  state.changed.add(next.id);
  state.events.push({
    ...cause,
    outcome: "OK",
    seat: { id: next.id, before: state.seats.get(next.id) ?? null, after: next },
  });
  state.seats.set(next.id, next);
}

/** The applicant no longer holds this seat (if it was theirs). */
export function leaveSeat(state: BatchState, applicantId: string | null, seatId: string): void {
  if (applicantId !== null && state.holderSeat.get(applicantId) === seatId) state.holderSeat.delete(applicantId);
}

/** The seat as a fresh hold for the applicant: until the hold time runs out, or the deadline if sooner. */
export function holdFor(state: BatchState, seat: Seat, applicantId: string): Seat {
  const heldUntil = Math.min(state.now + state.round.holdSeconds * 1000, state.round.deadline);
  const expiredHolderId = seat.expiredHolderId === applicantId ? null : seat.expiredHolderId;
  return { ...seat, status: "HELD", holderId: applicantId, heldUntil, expiredHolderId };
}

/** Writes a seat its holder takes, who leaves the waitlist if they were on it. */
export function takeSeat(state: BatchState, next: Seat, cause: Cause): void {
  writeSeat(state, next, cause);
  if (next.holderId) state.holderSeat.set(next.holderId, next.id);
  const waiting = next.holderId === null ? -1 : state.queue.indexOf(next.holderId);
  if (waiting >= 0) state.queue.splice(waiting, 1);
}

/** A free seat goes to the first in line who has no seat, as a hold, while the round takes claims. */
export function offerSeat(state: BatchState, seat: Seat, cause: number | null): void {
  if (seat.status !== "FREE" || claimRefusal(state.round, state.now)) return;
  for (let next = state.queue.shift(); next !== undefined; next = state.queue.shift()) {
    if (state.holderSeat.has(next)) continue;
    const held = holdFor(state, seat, next);
    writeSeat(state, held, { cause, by: "system", action: "seat.offer" });
    state.holderSeat.set(next, held.id);
    state.offers.push(held);
    return;
  }
}

/** Offers seats left free while nobody could be offered them (e.g. the round was paused). */
export function offerFreeSeats(state: BatchState, cause: number | null): void {
  for (const id of state.ordered) {
    const seat = state.seats.get(id);
    if (state.queue.length > 0 && seat) offerSeat(state, seat, cause);
  }
}

/** A refused admin command still leaves an audit event (a form error, INVALID_INPUT, does not). */
export function refuseAdmin(
  state: BatchState,
  index: number,
  action: AuditAction,
  refusal: Refusal,
  subject: Partial<PlanEvent>,
): Refusal {
  if (refusal.code !== "INVALID_INPUT") {
    state.events.push({ cause: index, by: "command", action, outcome: refusal.code, ...subject });
  }
  return refusal;
}

const sameRound = (a: RoundRules, b: RoundRules) =>
  a.status === b.status && a.deadline === b.deadline && a.pausedAt === b.pausedAt;

/** The plan of a batch whose commands are all planned: each changed seat's transition, version bumped. */
export function finishBatch(state: BatchState, round: RoundRules, outcomes: Outcome[]): BatchPlan {
  const changes: SeatTransition[] = [];
  for (const id of state.changed) {
    const before = state.loaded.get(id);
    const after = state.seats.get(id);
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
    waitlist: state.queue,
    offers: state.offers,
    round: state.round,
    roundChanged: !sameRound(round, state.round),
    events: state.events,
  };
}
