import { describe, expect, it } from "vitest";
import type { ErrorCode } from "../errors.ts";
import { planBatch } from "./plan-batch.ts";
import type { RoundStatus } from "./round-clock.ts";
import { seatLabel } from "./seat-layout.ts";
import {
  type BatchPlan,
  bySeatOrder,
  effectiveSeat,
  isExpiredHold,
  type RoundCommand,
  type RoundRules,
  type Seat,
  type SeatCommand,
} from "./seat-rules.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
const HOUR = 3_600_000;
const HOLD_SECONDS = 120;

function round(overrides: Partial<RoundRules> = {}): RoundRules {
  return {
    status: "OPEN",
    opensAt: T0 - HOUR,
    deadline: T0 + HOUR,
    pausedAt: null,
    holdSeconds: HOLD_SECONDS,
    ...overrides,
  };
}

function seat(fields: Partial<Seat> & Pick<Seat, "id" | "row" | "col">): Seat {
  return {
    label: seatLabel(fields.row, fields.col),
    status: "FREE",
    holderId: null,
    heldUntil: null,
    expiredHolderId: null,
    version: 0,
    ...fields,
  };
}

/** A seat held by `holderId` whose hold is still running at T0. */
function heldBy(holderId: string, fields: Pick<Seat, "id" | "row" | "col"> & Partial<Seat>): Seat {
  return seat({ status: "HELD", holderId, heldUntil: T0 + 30_000, ...fields });
}

function bookedBy(holderId: string, fields: Pick<Seat, "id" | "row" | "col"> & Partial<Seat>): Seat {
  return seat({ status: "BOOKED", holderId, ...fields });
}

const hold = (applicantId: string, seatId?: string): SeatCommand =>
  seatId === undefined ? { kind: "hold", applicantId } : { kind: "hold", applicantId, seatId };
const confirm = (applicantId: string, seatId: string): SeatCommand => ({ kind: "confirm", applicantId, seatId });
const release = (applicantId: string, seatId: string): SeatCommand => ({ kind: "release", applicantId, seatId });

function plan(
  seats: readonly Seat[],
  commands: readonly SeatCommand[],
  options: { round?: RoundRules; now?: number } = {},
): BatchPlan {
  return planBatch(options.round ?? round(), seats, commands, options.now ?? T0);
}

/** Each outcome as "ok" or its refusal code, in command order. */
function codes(result: BatchPlan): ("ok" | ErrorCode)[] {
  return result.outcomes.map((o) => (o.ok ? "ok" : o.code));
}

function seatOf(result: BatchPlan, index: number): Seat {
  const outcome = result.outcomes[index];
  if (!outcome?.ok || !("seat" in outcome)) throw new Error(`outcome ${index} is not ok: ${JSON.stringify(outcome)}`);
  return outcome.seat;
}

function finalSeats(result: BatchPlan): Seat[] {
  return result.changes.map((c) => c.after);
}

describe("isExpiredHold", () => {
  it("counts a hold as expired from its heldUntil on, not before", () => {
    const s = heldBy("A", { id: "s1", row: 0, col: 0, heldUntil: T0 });
    expect(isExpiredHold(s, T0 - 1)).toBe(false);
    expect(isExpiredHold(s, T0)).toBe(true);
    expect(isExpiredHold(s, T0 + 1)).toBe(true);
  });

  it("never counts a free or booked seat, or a hold without heldUntil, as expired", () => {
    expect(isExpiredHold(seat({ id: "s1", row: 0, col: 0 }), T0)).toBe(false);
    expect(isExpiredHold(bookedBy("A", { id: "s1", row: 0, col: 0, heldUntil: T0 - 1 }), T0)).toBe(false);
    expect(isExpiredHold(heldBy("A", { id: "s1", row: 0, col: 0, heldUntil: null }), T0)).toBe(false);
  });
});

describe("effectiveSeat", () => {
  it("frees an expired hold and remembers whose hold lapsed", () => {
    const s = heldBy("A", { id: "s1", row: 0, col: 0, heldUntil: T0 - 1, version: 4 });
    expect(effectiveSeat(s, T0)).toEqual({
      ...s,
      status: "FREE",
      holderId: null,
      heldUntil: null,
      expiredHolderId: "A",
      version: 4,
    });
  });

  it("returns a running hold unchanged", () => {
    const s = heldBy("A", { id: "s1", row: 0, col: 0, heldUntil: T0 + 1 });
    expect(effectiveSeat(s, T0)).toBe(s);
  });
});

describe("bySeatOrder", () => {
  it("orders seats by row, then by column", () => {
    const seats = [
      seat({ id: "b2", row: 1, col: 1 }),
      seat({ id: "a3", row: 0, col: 2 }),
      seat({ id: "b1", row: 1, col: 0 }),
      seat({ id: "a1", row: 0, col: 0 }),
    ];
    expect([...seats].sort(bySeatOrder).map((s) => s.id)).toEqual(["a1", "a3", "b1", "b2"]);
  });
});

describe("planBatch: hold", () => {
  it("holds a chosen free seat for holdSeconds", () => {
    const s1 = seat({ id: "s1", row: 0, col: 0, version: 3 });
    const result = plan([s1], [hold("A", "s1")]);
    const held = { ...s1, status: "HELD", holderId: "A", heldUntil: T0 + HOLD_SECONDS * 1000 };
    expect(result.outcomes).toEqual([{ ok: true, seat: held }]);
    expect(result.changes).toEqual([{ before: s1, after: { ...held, version: 4 } }]);
  });

  it("caps heldUntil at the round's deadline", () => {
    const deadline = T0 + 30_000;
    const result = plan([seat({ id: "s1", row: 0, col: 0 })], [hold("A", "s1")], { round: round({ deadline }) });
    expect(seatOf(result, 0).heldUntil).toBe(deadline);
  });

  it("gives best available the free seat with the lowest row, then column", () => {
    const seats = [
      seat({ id: "b1", row: 1, col: 0 }),
      seat({ id: "a3", row: 0, col: 2 }),
      seat({ id: "a2", row: 0, col: 1 }),
      bookedBy("X", { id: "a1", row: 0, col: 0 }),
    ];
    const result = plan(seats, [hold("A"), hold("B"), hold("C")]);
    expect(result.outcomes.map((o) => (o.ok && "seat" in o ? o.seat.id : !o.ok && o.code))).toEqual(["a2", "a3", "b1"]);
  });

  it("gives best available a seat whose hold expires in this batch", () => {
    const seats = [heldBy("X", { id: "a1", row: 0, col: 0, heldUntil: T0 }), seat({ id: "a2", row: 0, col: 1 })];
    const result = plan(seats, [hold("A")]);
    expect(seatOf(result, 0)).toMatchObject({ id: "a1", status: "HELD", holderId: "A", expiredHolderId: "X" });
  });

  it("gives best available a seat released earlier in the same batch", () => {
    const seats = [heldBy("B", { id: "a1", row: 0, col: 0 }), seat({ id: "a2", row: 0, col: 1 })];
    const result = plan(seats, [release("B", "a1"), hold("A")]);
    expect(codes(result)).toEqual(["ok", "ok"]);
    expect(seatOf(result, 1)).toMatchObject({ id: "a1", holderId: "A" });
  });

  it("refuses a chosen seat that is held or booked by someone else with SEAT_TAKEN", () => {
    const seats = [heldBy("B", { id: "s1", row: 0, col: 0 }), bookedBy("C", { id: "s2", row: 0, col: 1 })];
    const result = plan(seats, [hold("A", "s1"), hold("A", "s2")]);
    expect(result.outcomes).toEqual([
      { ok: false, code: "SEAT_TAKEN", message: "Seat A1 is already taken." },
      { ok: false, code: "SEAT_TAKEN", message: "Seat A2 is already taken." },
    ]);
    expect(result.changes).toEqual([]);
  });

  it("refuses best available with NO_SEATS_LEFT when every seat is taken", () => {
    const seats = [heldBy("B", { id: "s1", row: 0, col: 0 }), bookedBy("C", { id: "s2", row: 0, col: 1 })];
    const result = plan(seats, [hold("A")]);
    expect(codes(result)).toEqual(["NO_SEATS_LEFT"]);
    expect(result.changes).toEqual([]);
  });

  it("refuses best available with NO_SEATS_LEFT once earlier commands took the last seat", () => {
    const result = plan([seat({ id: "s1", row: 0, col: 0 })], [hold("A"), hold("B")]);
    expect(codes(result)).toEqual(["ok", "NO_SEATS_LEFT"]);
  });

  it("refuses a hold of an unknown seat id with NOT_FOUND", () => {
    const result = plan([seat({ id: "s1", row: 0, col: 0 })], [hold("A", "nope")]);
    expect(codes(result)).toEqual(["NOT_FOUND"]);
    expect(result.changes).toEqual([]);
  });

  it("refuses ALREADY_HAS_SEAT to an applicant who holds or has booked a seat", () => {
    const seats = [
      heldBy("A", { id: "s1", row: 0, col: 0 }),
      bookedBy("B", { id: "s2", row: 0, col: 1 }),
      seat({ id: "s3", row: 0, col: 2 }),
    ];
    const result = plan(seats, [hold("A", "s3"), hold("B", "s3"), hold("A"), hold("B")]);
    expect(codes(result)).toEqual(["ALREADY_HAS_SEAT", "ALREADY_HAS_SEAT", "ALREADY_HAS_SEAT", "ALREADY_HAS_SEAT"]);
    expect(result.changes).toEqual([]);
  });

  it("refuses ALREADY_HAS_SEAT to the second of two holds by one applicant in one batch", () => {
    const seats = [seat({ id: "s1", row: 0, col: 0 }), seat({ id: "s2", row: 0, col: 1 })];
    const result = plan(seats, [hold("A", "s1"), hold("A", "s2")]);
    expect(codes(result)).toEqual(["ok", "ALREADY_HAS_SEAT"]);
    expect(result.changes.map((c) => c.after.id)).toEqual(["s1"]);
  });

  it("lets an applicant who released a seat earlier in the batch hold another", () => {
    const seats = [heldBy("A", { id: "s1", row: 0, col: 0 }), seat({ id: "s2", row: 0, col: 1 })];
    const result = plan(seats, [release("A", "s1"), hold("A", "s2")]);
    expect(codes(result)).toEqual(["ok", "ok"]);
    expect(seatOf(result, 1)).toMatchObject({ id: "s2", holderId: "A" });
  });

  it("lets an applicant whose hold expired hold again", () => {
    const seats = [heldBy("A", { id: "s1", row: 0, col: 0, heldUntil: T0 - 1 }), seat({ id: "s2", row: 0, col: 1 })];
    const result = plan(seats, [hold("A", "s2")]);
    expect(codes(result)).toEqual(["ok"]);
  });

  it("clears expiredHolderId when the applicant whose hold lapsed holds the seat again", () => {
    const s1 = seat({ id: "s1", row: 0, col: 0, expiredHolderId: "A" });
    const result = plan([s1], [hold("A", "s1")]);
    expect(seatOf(result, 0)).toMatchObject({ holderId: "A", expiredHolderId: null });
  });

  it("clears expiredHolderId when the holder re-holds a seat whose hold expired in this batch", () => {
    const s1 = heldBy("A", { id: "s1", row: 0, col: 0, heldUntil: T0 });
    const result = plan([s1], [hold("A", "s1")]);
    expect(finalSeats(result)).toEqual([
      { ...s1, heldUntil: T0 + HOLD_SECONDS * 1000, expiredHolderId: null, version: 1 },
    ]);
  });

  it("keeps expiredHolderId when someone else holds the seat", () => {
    const s1 = seat({ id: "s1", row: 0, col: 0, expiredHolderId: "A" });
    const result = plan([s1], [hold("B", "s1")]);
    expect(seatOf(result, 0)).toMatchObject({ holderId: "B", expiredHolderId: "A" });
  });
});

describe("planBatch: round refusals", () => {
  it.each<RoundStatus>(["DRAFT", "PAUSED", "CLOSED"])("refuses holds with ROUND_NOT_OPEN while %s", (status) => {
    const rules = round({ status, pausedAt: status === "PAUSED" ? T0 - 1000 : null });
    const result = plan([seat({ id: "s1", row: 0, col: 0 })], [hold("A", "s1"), hold("B")], { round: rules });
    expect(result.outcomes).toEqual([
      { ok: false, code: "ROUND_NOT_OPEN", message: expect.stringMatching(/^This round (has not been opened|is)/) },
      { ok: false, code: "ROUND_NOT_OPEN", message: expect.stringMatching(/^This round (has not been opened|is)/) },
    ]);
    expect(result.changes).toEqual([]);
  });

  it("refuses holds with ROUND_NOT_OPEN before opensAt", () => {
    const result = plan([seat({ id: "s1", row: 0, col: 0 })], [hold("A", "s1")], {
      round: round({ opensAt: T0 + 1 }),
    });
    expect(result.outcomes).toEqual([{ ok: false, code: "ROUND_NOT_OPEN", message: "The round has not opened yet." }]);
    expect(result.changes).toEqual([]);
  });

  it.each([
    ["at", 0],
    ["after", 1],
  ])("refuses holds with DEADLINE_PASSED %s the deadline", (_, offset) => {
    const result = plan([seat({ id: "s1", row: 0, col: 0 })], [hold("A", "s1")], {
      round: round({ deadline: T0 - offset }),
    });
    expect(codes(result)).toEqual(["DEADLINE_PASSED"]);
    expect(result.changes).toEqual([]);
  });

  it("refuses a holder's confirm with ROUND_NOT_OPEN while the round is paused", () => {
    const s1 = heldBy("A", { id: "s1", row: 0, col: 0 });
    const result = plan([s1], [confirm("A", "s1")], { round: round({ status: "PAUSED", pausedAt: T0 - 1000 }) });
    expect(codes(result)).toEqual(["ROUND_NOT_OPEN"]);
    expect(result.changes).toEqual([]);
  });

  it("lets a holder release while the round is paused", () => {
    const s1 = heldBy("A", { id: "s1", row: 0, col: 0 });
    const result = plan([s1], [release("A", "s1")], { round: round({ status: "PAUSED", pausedAt: T0 - 1000 }) });
    expect(codes(result)).toEqual(["ok"]);
  });
});

describe("planBatch: confirm and release", () => {
  it("books the holder's seat on confirm and clears heldUntil", () => {
    const s1 = heldBy("A", { id: "s1", row: 0, col: 0, version: 2 });
    const result = plan([s1], [confirm("A", "s1")]);
    const booked = { ...s1, status: "BOOKED", holderId: "A", heldUntil: null };
    expect(result.outcomes).toEqual([{ ok: true, seat: booked }]);
    expect(result.changes).toEqual([{ before: s1, after: { ...booked, version: 3 } }]);
  });

  it("accepts a confirm of the applicant's own booked seat and changes nothing", () => {
    const s1 = bookedBy("A", { id: "s1", row: 0, col: 0, version: 5 });
    const result = plan([s1], [confirm("A", "s1")]);
    expect(result.outcomes).toEqual([{ ok: true, seat: s1 }]);
    expect(result.changes).toEqual([]);
  });

  it("accepts a repeated confirm of the applicant's own booked seat even after the round closed", () => {
    const s1 = bookedBy("A", { id: "s1", row: 0, col: 0 });
    const result = plan([s1], [confirm("A", "s1")], { round: round({ status: "CLOSED" }) });
    expect(result.outcomes).toEqual([{ ok: true, seat: s1 }]);
  });

  it("frees the holder's seat on release", () => {
    const s1 = heldBy("A", { id: "s1", row: 0, col: 0, version: 1 });
    const result = plan([s1], [release("A", "s1")]);
    const freed = { ...s1, status: "FREE", holderId: null, heldUntil: null };
    expect(result.outcomes).toEqual([{ ok: true, seat: freed }]);
    expect(result.changes).toEqual([{ before: s1, after: { ...freed, version: 2 } }]);
  });

  it("refuses to release the applicant's own booked seat with SEAT_BOOKED", () => {
    const s1 = bookedBy("A", { id: "s1", row: 0, col: 0 });
    const result = plan([s1], [release("A", "s1")]);
    expect(result.outcomes).toEqual([
      { ok: false, code: "SEAT_BOOKED", message: "Seat A1 is booked; only an admin can release it." },
    ]);
    expect(result.changes).toEqual([]);
  });

  it.each(["confirm", "release"] as const)("refuses %s by another applicant with NOT_HOLDER", (kind) => {
    const seats = [
      heldBy("A", { id: "s1", row: 0, col: 0 }),
      bookedBy("A", { id: "s2", row: 0, col: 1 }),
      seat({ id: "s3", row: 0, col: 2 }),
    ];
    const commands = ["s1", "s2", "s3"].map((id) => (kind === "confirm" ? confirm("B", id) : release("B", id)));
    const result = plan(seats, commands);
    expect(result.outcomes[0]).toEqual({ ok: false, code: "NOT_HOLDER", message: "You do not hold seat A1." });
    expect(codes(result)).toEqual(["NOT_HOLDER", "NOT_HOLDER", "NOT_HOLDER"]);
    expect(result.changes).toEqual([]);
  });

  it.each(["confirm", "release"] as const)("refuses %s of an unknown seat id with NOT_FOUND", (kind) => {
    const command = kind === "confirm" ? confirm("A", "nope") : release("A", "nope");
    const result = plan([heldBy("A", { id: "s1", row: 0, col: 0 })], [command]);
    expect(codes(result)).toEqual(["NOT_FOUND"]);
  });
});

describe("planBatch: HOLD_EXPIRED", () => {
  const late = (kind: "confirm" | "release", applicantId: string, seatId: string) =>
    kind === "confirm" ? confirm(applicantId, seatId) : release(applicantId, seatId);

  it.each(["confirm", "release"] as const)("refuses a %s when the hold expires in this batch", (kind) => {
    const s1 = heldBy("A", { id: "s1", row: 0, col: 0, heldUntil: T0, version: 6 });
    const result = plan([s1], [late(kind, "A", "s1")]);
    expect(result.outcomes).toEqual([
      { ok: false, code: "HOLD_EXPIRED", message: "Your hold on seat A1 has expired." },
    ]);
    expect(finalSeats(result)).toEqual([
      { ...s1, status: "FREE", holderId: null, heldUntil: null, expiredHolderId: "A", version: 7 },
    ]);
  });

  it.each(["confirm", "release"] as const)("refuses a %s after an earlier sweep freed the hold", (kind) => {
    const s1 = seat({ id: "s1", row: 0, col: 0, expiredHolderId: "A" });
    const result = plan([s1], [late(kind, "A", "s1")]);
    expect(codes(result)).toEqual(["HOLD_EXPIRED"]);
    expect(result.changes).toEqual([]);
  });

  it.each(["confirm", "release"] as const)("refuses a %s after another applicant re-held the seat", (kind) => {
    const s1 = heldBy("B", { id: "s1", row: 0, col: 0, expiredHolderId: "A" });
    const result = plan([s1], [late(kind, "A", "s1")]);
    expect(codes(result)).toEqual(["HOLD_EXPIRED"]);
    expect(result.changes).toEqual([]);
  });

  it("refuses a confirm after another applicant re-held, in the same batch, a seat whose hold expired", () => {
    const s1 = heldBy("A", { id: "s1", row: 0, col: 0, heldUntil: T0 });
    const result = plan([s1], [hold("B", "s1"), confirm("A", "s1")]);
    expect(codes(result)).toEqual(["ok", "HOLD_EXPIRED"]);
    expect(finalSeats(result)).toEqual([
      { ...s1, holderId: "B", heldUntil: T0 + HOLD_SECONDS * 1000, expiredHolderId: "A", version: 1 },
    ]);
  });
});

describe("planBatch: changes", () => {
  it("records one change with the final state when a seat changes several times in a batch", () => {
    const s1 = seat({ id: "s1", row: 0, col: 0, version: 7 });
    const result = plan([s1], [hold("A", "s1"), release("A", "s1"), hold("B", "s1")]);
    expect(codes(result)).toEqual(["ok", "ok", "ok"]);
    expect(result.changes).toEqual([
      {
        before: s1,
        after: { ...s1, status: "HELD", holderId: "B", heldUntil: T0 + HOLD_SECONDS * 1000, version: 8 },
      },
    ]);
  });

  it("records no change for a seat that ends the batch as it began", () => {
    const s1 = seat({ id: "s1", row: 0, col: 0 });
    const result = plan([s1], [hold("A", "s1"), release("A", "s1")]);
    expect(codes(result)).toEqual(["ok", "ok"]);
    expect(result.changes).toEqual([]);
  });

  it("records a change when only expiredHolderId differs at the end of the batch", () => {
    const s1 = seat({ id: "s1", row: 0, col: 0, expiredHolderId: "A", version: 2 });
    const result = plan([s1], [hold("A", "s1"), release("A", "s1")]);
    expect(codes(result)).toEqual(["ok", "ok"]);
    expect(result.changes).toEqual([{ before: s1, after: { ...s1, expiredHolderId: null, version: 3 } }]);
  });

  it("frees expired holds in the view even when there are no commands", () => {
    const expired = heldBy("A", { id: "s1", row: 0, col: 0, heldUntil: T0 - 1, version: 2 });
    const running = heldBy("B", { id: "s2", row: 0, col: 1, heldUntil: T0 + 1 });
    const result = plan([expired, running], []);
    expect(result.outcomes).toEqual([]);
    expect(result.changes).toEqual([
      {
        before: expired,
        after: { ...expired, status: "FREE", holderId: null, heldUntil: null, expiredHolderId: "A", version: 3 },
      },
    ]);
  });

  it("lists changed seats in the order they first changed", () => {
    const seats = [
      seat({ id: "s1", row: 0, col: 0 }),
      seat({ id: "s2", row: 0, col: 1 }),
      heldBy("C", { id: "s3", row: 0, col: 2, heldUntil: T0 }),
    ];
    const result = plan(seats, [hold("A", "s2"), hold("B", "s1")]);
    expect(result.changes.map((c) => c.after.id)).toEqual(["s3", "s2", "s1"]);
  });

  it("decides commands in order: the first of two holds on one seat wins", () => {
    const s1 = seat({ id: "s1", row: 0, col: 0 });
    const result = plan([s1], [hold("B", "s1"), hold("A", "s1")]);
    expect(codes(result)).toEqual(["ok", "SEAT_TAKEN"]);
    expect(finalSeats(result)).toEqual([
      { ...s1, status: "HELD", holderId: "B", heldUntil: T0 + HOLD_SECONDS * 1000, version: 1 },
    ]);
  });

  it("books a seat held earlier in the same batch", () => {
    const s1 = seat({ id: "s1", row: 0, col: 0 });
    const result = plan([s1], [hold("A", "s1"), confirm("A", "s1")]);
    expect(codes(result)).toEqual(["ok", "ok"]);
    expect(finalSeats(result)).toEqual([{ ...s1, status: "BOOKED", holderId: "A", heldUntil: null, version: 1 }]);
  });
});

describe("planBatch: waitlist", () => {
  const full = () => [heldBy("A", { id: "s1", row: 0, col: 0 }), bookedBy("B", { id: "s2", row: 0, col: 1 })];
  const join = (applicantId: string) => ({ kind: "waitlist-join" as const, applicantId });
  const leave = (applicantId: string) => ({ kind: "waitlist-leave" as const, applicantId });
  const waitPlan = (seats: readonly Seat[], commands: Parameters<typeof planBatch>[2], waitlist: string[], now = T0) =>
    planBatch(round(), seats, commands, now, { waitlist });

  it("lets applicants join a full round in order and answers their position", () => {
    const result = waitPlan(full(), [join("C"), join("D")], []);
    expect(result.outcomes).toEqual([
      { ok: true, position: 1 },
      { ok: true, position: 2 },
    ]);
    expect(result.waitlist).toEqual(["C", "D"]);
    expect(result.changes).toEqual([]);
  });

  it("refuses a join while a seat is free, twice, or with a seat", () => {
    const result = waitPlan([...full(), seat({ id: "s3", row: 1, col: 0 })], [join("C")], []);
    expect(codes(result)).toEqual(["SEATS_AVAILABLE"]);
    expect(codes(waitPlan(full(), [join("C"), join("C"), join("A")], []))).toEqual([
      "ok",
      "ALREADY_WAITLISTED",
      "ALREADY_HAS_SEAT",
    ]);
  });

  it("hands a released seat to the first in line as a hold at once", () => {
    const result = waitPlan(full(), [release("A", "s1"), hold("E", "s1")], ["C", "D"]);
    expect(codes(result)).toEqual(["ok", "SEAT_TAKEN"]);
    expect(result.offers).toEqual([
      expect.objectContaining({ id: "s1", status: "HELD", holderId: "C", heldUntil: T0 + HOLD_SECONDS * 1000 }),
    ]);
    expect(result.waitlist).toEqual(["D"]);
    expect(finalSeats(result).find((s) => s.id === "s1")).toMatchObject({ holderId: "C" });
  });

  it("hands a lapsed hold to the first in line, and keeps who lapsed for HOLD_EXPIRED", () => {
    const result = waitPlan(full(), [confirm("A", "s1")], ["C"], T0 + 30_000);
    expect(codes(result)).toEqual(["HOLD_EXPIRED"]);
    expect(result.offers.map((s) => [s.id, s.holderId, s.expiredHolderId])).toEqual([["s1", "C", "A"]]);
    expect(result.waitlist).toEqual([]);
  });

  it("offers nothing once the round stops taking claims", () => {
    const closed = planBatch(round({ status: "PAUSED", pausedAt: T0 - 1 }), full(), [release("A", "s1")], T0, {
      waitlist: ["C"],
    });
    expect(closed.offers).toEqual([]);
    expect(closed.waitlist).toEqual(["C"]);
  });

  it("offers seats left free while the round could not, when it can again", () => {
    const seats = [seat({ id: "s1", row: 0, col: 0 }), seat({ id: "s2", row: 0, col: 1 })];
    const result = waitPlan(seats, [], ["C", "D", "E"]);
    expect(result.offers.map((s) => [s.id, s.holderId])).toEqual([
      ["s1", "C"],
      ["s2", "D"],
    ]);
    expect(result.waitlist).toEqual(["E"]);
  });

  it("lets an applicant leave the line, and leaving twice is fine", () => {
    const result = waitPlan(full(), [leave("C"), leave("C")], ["C", "D"]);
    expect(result.outcomes).toEqual([
      { ok: true, position: null },
      { ok: true, position: null },
    ]);
    expect(result.waitlist).toEqual(["D"]);
  });
});

describe("planBatch: admin seat commands", () => {
  const adminRelease = (seatId: string): RoundCommand => ({ kind: "admin-release", seatId, reason: "duplicate" });
  const reassign = (seatId: string, toApplicantId: string): RoundCommand => ({
    kind: "admin-reassign",
    seatId,
    toApplicantId,
    reason: "swap",
  });
  const run = (
    seats: readonly Seat[],
    commands: readonly RoundCommand[],
    options: { waitlist?: string[]; r?: RoundRules } = {},
  ) => planBatch(options.r ?? round(), seats, commands, T0, { waitlist: options.waitlist });

  it("releases anyone's held or booked seat, and the seat is free for the next command", () => {
    const a = heldBy("A", { id: "s1", row: 0, col: 0 });
    const b = bookedBy("B", { id: "s2", row: 0, col: 1 });
    const result = run([a, b], [adminRelease("s1"), adminRelease("s2"), hold("C", "s2")]);
    expect(codes(result)).toEqual(["ok", "ok", "ok"]);
    expect(finalSeats(result)).toEqual([
      { ...a, status: "FREE", holderId: null, heldUntil: null, version: 1 },
      { ...b, status: "HELD", holderId: "C", heldUntil: T0 + HOLD_SECONDS * 1000, version: 1 },
    ]);
    expect(result.events.map((e) => [e.action, e.by, e.cause, e.outcome])).toEqual([
      ["seat.admin-release", "command", 0, "OK"],
      ["seat.admin-release", "command", 1, "OK"],
      ["seat.hold", "command", 2, "OK"],
    ]);
  });

  it("refuses to release a free seat, a lapsed hold or a seat of another round, and audits the refusal", () => {
    const lapsed = heldBy("A", { id: "s1", row: 0, col: 0, heldUntil: T0 - 1 });
    const result = run(
      [lapsed, seat({ id: "s2", row: 0, col: 1 })],
      [adminRelease("s1"), adminRelease("s2"), adminRelease("zz")],
    );
    expect(codes(result)).toEqual(["SEAT_FREE", "SEAT_FREE", "NOT_FOUND"]);
    expect(result.events.map((e) => [e.action, e.outcome, e.seat?.id, e.seat?.after])).toEqual([
      ["seat.expire", "OK", "s1", expect.objectContaining({ status: "FREE", expiredHolderId: "A" })],
      ["seat.admin-release", "SEAT_FREE", "s1", null],
      ["seat.admin-release", "SEAT_FREE", "s2", null],
      ["seat.admin-release", "NOT_FOUND", "zz", null],
    ]);
  });

  it("hands a seat an admin released to the first on the waitlist, as the system's offer", () => {
    const result = run([bookedBy("A", { id: "s1", row: 0, col: 0 })], [adminRelease("s1")], { waitlist: ["C"] });
    expect(result.offers.map((s) => [s.id, s.holderId])).toEqual([["s1", "C"]]);
    expect(result.events.map((e) => [e.action, e.by, e.cause])).toEqual([
      ["seat.admin-release", "command", 0],
      ["seat.offer", "system", 0],
    ]);
  });

  it("reassigns a hold as a fresh hold and a booking as a booking, and takes the new holder off the waitlist", () => {
    const a = { ...heldBy("A", { id: "s1", row: 0, col: 0 }), heldUntil: T0 + 5_000 };
    const b = bookedBy("B", { id: "s2", row: 0, col: 1 });
    const result = run([a, b], [reassign("s1", "C"), reassign("s2", "D")], { waitlist: ["D", "E"] });
    expect(codes(result)).toEqual(["ok", "ok"]);
    expect(finalSeats(result)).toEqual([
      { ...a, holderId: "C", heldUntil: T0 + HOLD_SECONDS * 1000, version: 1 },
      { ...b, holderId: "D", version: 1 },
    ]);
    expect(result.waitlist).toEqual(["E"]);
  });

  it("keeps the one-seat rule: no reassign to someone who holds a seat, or to the holder", () => {
    const seats = [heldBy("A", { id: "s1", row: 0, col: 0 }), bookedBy("B", { id: "s2", row: 0, col: 1 })];
    const result = run(seats, [reassign("s1", "B"), reassign("s1", "A"), reassign("s2", "A")]);
    expect(codes(result)).toEqual(["ALREADY_HAS_SEAT", "ALREADY_HAS_SEAT", "ALREADY_HAS_SEAT"]);
    expect(result.changes).toEqual([]);
  });

  it("refuses a reassign to an applicant that does not exist", () => {
    const seats = [heldBy("A", { id: "s1", row: 0, col: 0 })];
    const result = planBatch(round(), seats, [reassign("s1", "ghost")], T0, { knownApplicants: new Set(["C"]) });
    expect(codes(result)).toEqual(["NOT_FOUND"]);
  });

  it("moves a hold only while the round takes claims, and a booking at any time", () => {
    const paused = round({ status: "PAUSED", pausedAt: T0 - 1 });
    const seats = [heldBy("A", { id: "s1", row: 0, col: 0 }), bookedBy("B", { id: "s2", row: 0, col: 1 })];
    expect(codes(run(seats, [reassign("s1", "C"), reassign("s2", "D")], { r: paused }))).toEqual([
      "ROUND_NOT_OPEN",
      "ok",
    ]);
  });
});

describe("planBatch: round commands", () => {
  const cmd = (kind: "open" | "pause" | "resume" | "close" | "deadline-close"): RoundCommand => ({ kind });
  const extend = (deadline: number): RoundCommand => ({ kind: "extend", deadline });
  const one = (r: RoundRules, command: RoundCommand, seats: readonly Seat[] = [], now = T0, waitlist: string[] = []) =>
    planBatch(r, seats, [command], now, { waitlist });

  it("pauses an open round at now and freezes its countdown there", () => {
    const result = one(round(), cmd("pause"));
    expect(result.round).toEqual(round({ status: "PAUSED", pausedAt: T0 }));
    expect(result.roundChanged).toBe(true);
    expect(result.events).toEqual([
      {
        cause: 0,
        by: "command",
        action: "round.pause",
        outcome: "OK",
        round: { before: round(), after: result.round },
      },
    ]);
  });

  it("resumes with the deadline moved by exactly the time spent paused", () => {
    const paused = round({ status: "PAUSED", pausedAt: T0 - 90_000 });
    const result = one(paused, cmd("resume"));
    expect(result.round).toEqual(round({ status: "OPEN", deadline: T0 + HOUR + 90_000, pausedAt: null }));
  });

  it("refuses claims in the batch after a pause, and takes them again after a resume", () => {
    const seats = [seat({ id: "s1", row: 0, col: 0 }), seat({ id: "s2", row: 0, col: 1 })];
    const result = planBatch(round(), seats, [hold("A"), cmd("pause"), hold("B"), cmd("resume"), hold("C")], T0);
    expect(codes(result)).toEqual(["ok", "ok", "ROUND_NOT_OPEN", "ok", "ok"]);
  });

  it("gives seats left free during a pause to the waitlist as soon as the round resumes", () => {
    const paused = round({ status: "PAUSED", pausedAt: T0 - 1000 });
    const seats = [seat({ id: "s1", row: 0, col: 0 }), heldBy("A", { id: "s2", row: 0, col: 1, heldUntil: T0 - 1 })];
    const result = one(paused, cmd("resume"), seats, T0, ["C", "D", "E"]);
    expect(result.offers.map((s) => [s.id, s.holderId])).toEqual([
      ["s1", "C"],
      ["s2", "D"],
    ]);
    expect(result.waitlist).toEqual(["E"]);
    expect(result.events.map((e) => [e.action, e.by, e.cause])).toEqual([
      ["seat.expire", "system", null],
      ["round.resume", "command", 0],
      ["seat.offer", "system", 0],
      ["seat.offer", "system", 0],
    ]);
  });

  it("extends to a later deadline only, in the future, and keeps a paused round's countdown frozen", () => {
    expect(one(round(), extend(T0 + 2 * HOUR)).round.deadline).toBe(T0 + 2 * HOUR);
    expect(codes(one(round(), extend(T0 + HOUR)))).toEqual(["INVALID_INPUT"]);
    expect(codes(one(round({ deadline: T0 - 10 }), extend(T0 - 5)))).toEqual(["INVALID_INPUT"]);
    const paused = round({ status: "PAUSED", pausedAt: T0 - 2 * HOUR, deadline: T0 - HOUR });
    expect(one(paused, extend(T0 - HOUR / 2)).round).toEqual({ ...paused, deadline: T0 - HOUR / 2 });
  });

  it("does not audit a form error (INVALID_INPUT), but audits every other refusal", () => {
    expect(one(round(), extend(T0)).events).toEqual([]);
    expect(one(round(), cmd("resume")).events).toEqual([
      {
        cause: 0,
        by: "command",
        action: "round.resume",
        outcome: "INVALID_TRANSITION",
        round: { before: round(), after: null },
      },
    ]);
  });

  it("opens only a draft before its deadline, and closes only an open or paused round", () => {
    const draft = round({ status: "DRAFT" });
    expect(one(draft, cmd("open")).round.status).toBe("OPEN");
    expect(codes(one(draft, cmd("open"), [], T0 + HOUR))).toEqual(["DEADLINE_PASSED"]);
    expect(codes(one(round(), cmd("open")))).toEqual(["INVALID_TRANSITION"]);
    expect(codes(one(draft, cmd("close")))).toEqual(["INVALID_TRANSITION"]);
    expect(one(round({ status: "PAUSED", pausedAt: T0 - 1 }), cmd("close")).round).toEqual(
      round({ status: "CLOSED", pausedAt: null }),
    );
    const closed = round({ status: "CLOSED" });
    for (const kind of ["open", "pause", "resume", "close"] as const) {
      expect(codes(one(closed, cmd(kind)))).toEqual(["INVALID_TRANSITION"]);
    }
    expect(codes(one(closed, extend(T0 + 2 * HOUR)))).toEqual(["INVALID_TRANSITION"]);
  });

  it("refuses to pause a round whose deadline has passed", () => {
    expect(codes(one(round(), cmd("pause"), [], T0 + HOUR))).toEqual(["DEADLINE_PASSED"]);
  });

  it("closes at the deadline for the sweeper only when the deadline has come, and leaves no event otherwise", () => {
    expect(one(round(), cmd("deadline-close"), [], T0 + HOUR).round.status).toBe("CLOSED");
    expect(one(round(), cmd("deadline-close"), [], T0 + HOUR).events).toEqual([
      expect.objectContaining({ action: "round.close", by: "system", outcome: "OK" }),
    ]);
    const early = one(round(), cmd("deadline-close"));
    expect(codes(early)).toEqual(["INVALID_TRANSITION"]);
    expect(early.events).toEqual([]);
    expect(early.roundChanged).toBe(false);
  });

  it("records every seat transition of a batch, even when the final state is unchanged", () => {
    const result = plan([seat({ id: "s1", row: 0, col: 0 })], [hold("A", "s1"), release("A", "s1")]);
    expect(result.changes).toEqual([]);
    expect(result.events.map((e) => [e.action, e.seat?.before?.status, e.seat?.after?.status])).toEqual([
      ["seat.hold", "FREE", "HELD"],
      ["seat.release", "HELD", "FREE"],
    ]);
  });

  it("leaves no event for a refused applicant command: it changed nothing", () => {
    const result = plan([bookedBy("B", { id: "s1", row: 0, col: 0 })], [hold("A", "s1"), release("A", "s1")]);
    expect(codes(result)).toEqual(["SEAT_TAKEN", "NOT_HOLDER"]);
    expect(result.events).toEqual([]);
  });
});
