import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../lib/clock.ts";
import type { Db } from "../lib/db/create-db.ts";
import { createOpenRound, openFreshDb } from "../lib/db/testing/test-db.ts";
import type { Outcome } from "../lib/domain/seat-rules.ts";
import { createReservationEngine, type ReservationEngine } from "./reservation-engine.ts";

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOLD_MS = 30_000;
const DEADLINE_AFTER = 400_000;
const SEATS = 4; // 2 rows x 2 columns
const APPLICANTS = 6; // more than seats, so rounds fill and the waitlist is used

type Op =
  | { kind: "hold"; who: number; seat?: number }
  | { kind: "confirm"; who: number; seat: number }
  | { kind: "release"; who: number; seat: number }
  | { kind: "waitlist-join"; who: number }
  | { kind: "waitlist-leave"; who: number }
  | { kind: "admin-release"; seat: number }
  | { kind: "admin-reassign"; seat: number; who: number };
type Step = { kind: "burst"; ops: Op[] } | { kind: "advance"; ms: number } | { kind: "sweep" };

/**
 * The reference: the rules as plainly as they can be written, one command at a
 * time, with no batching, no database and no cleverness.
 */
class ReferenceModel {
  seats = Array.from({ length: SEATS }, () => ({
    status: "FREE" as "FREE" | "HELD" | "BOOKED",
    holder: -1,
    until: 0,
    lapsed: -1,
  }));
  queue: number[] = [];
  constructor(
    public now: number,
    readonly deadline: number,
  ) {}

  private expire() {
    for (const s of this.seats) {
      if (s.status === "HELD" && s.until <= this.now)
        Object.assign(s, { status: "FREE", lapsed: s.holder, holder: -1 });
    }
    this.seats.forEach((_, i) => {
      this.offer(i);
    });
  }

  admin(op: Extract<Op, { kind: "admin-release" | "admin-reassign" }>): string | number {
    return adminApply(this, op);
  }

  offerSeat(index: number) {
    this.offer(index);
  }

  takeSeat(index: number, who: number) {
    this.take(index, who);
  }

  /** A free seat goes straight to the first in line, as a hold, while the round takes claims. */
  private offer(index: number) {
    const s = this.seats[index];
    const first = this.queue[0];
    if (s?.status !== "FREE" || first === undefined || this.now >= this.deadline) return;
    this.queue.shift();
    this.take(index, first);
  }

  private take(index: number, who: number) {
    const s = this.seats[index];
    if (!s) throw new Error("bad index");
    Object.assign(s, {
      status: "HELD",
      holder: who,
      until: Math.min(this.now + HOLD_MS, this.deadline),
      lapsed: s.lapsed === who ? -1 : s.lapsed,
    });
  }

  apply(op: Op): string | number | null {
    this.expire();
    if (op.kind === "admin-release" || op.kind === "admin-reassign") return this.admin(op);
    if (op.kind === "waitlist-join") {
      if (this.now >= this.deadline) return "DEADLINE_PASSED";
      if (this.seats.some((s) => s.holder === op.who)) return "ALREADY_HAS_SEAT";
      if (this.queue.includes(op.who)) return "ALREADY_WAITLISTED";
      if (this.seats.some((s) => s.status === "FREE")) return "SEATS_AVAILABLE";
      this.queue.push(op.who);
      return this.queue.length;
    }
    if (op.kind === "waitlist-leave") {
      this.queue = this.queue.filter((w) => w !== op.who);
      return null;
    }
    if (op.kind === "hold") {
      if (this.now >= this.deadline) return "DEADLINE_PASSED";
      if (this.seats.some((s) => s.holder === op.who)) return "ALREADY_HAS_SEAT";
      const index = op.seat ?? this.seats.findIndex((s) => s.status === "FREE");
      if (index === -1) return "NO_SEATS_LEFT";
      const s = this.seats[index];
      if (!s) throw new Error("bad index");
      if (s.status !== "FREE") return "SEAT_TAKEN";
      this.take(index, op.who);
      this.queue = this.queue.filter((w) => w !== op.who);
      return index;
    }
    const s = this.seats[op.seat];
    if (!s) throw new Error("bad index");
    if (s.holder !== op.who) return s.lapsed === op.who ? "HOLD_EXPIRED" : "NOT_HOLDER";
    if (op.kind === "confirm") {
      if (s.status === "BOOKED") return op.seat;
      if (this.now >= this.deadline) return "DEADLINE_PASSED";
      Object.assign(s, { status: "BOOKED", until: 0 });
      return op.seat;
    }
    if (s.status === "BOOKED") return "SEAT_BOOKED";
    Object.assign(s, { status: "FREE", holder: -1, until: 0 });
    this.offer(op.seat);
    return op.seat;
  }
}

/** The admin's seat commands in the reference: any seat, whoever holds it, under the one-seat rule. */
function adminApply(
  model: ReferenceModel,
  op: Extract<Op, { kind: "admin-release" | "admin-reassign" }>,
): string | number {
  const s = model.seats[op.seat];
  if (!s) throw new Error("bad index");
  if (s.status === "FREE") return "SEAT_FREE";
  if (op.kind === "admin-release") {
    Object.assign(s, { status: "FREE", holder: -1, until: 0 });
    model.offerSeat(op.seat);
    return op.seat;
  }
  if (model.seats.some((x) => x.holder === op.who)) return "ALREADY_HAS_SEAT";
  if (s.status === "HELD" && model.now >= model.deadline) return "DEADLINE_PASSED";
  if (s.status === "HELD") model.takeSeat(op.seat, op.who);
  else Object.assign(s, { holder: op.who, lapsed: s.lapsed === op.who ? -1 : s.lapsed });
  model.queue = model.queue.filter((w) => w !== op.who);
  return op.seat;
}

const who = fc.integer({ min: 0, max: APPLICANTS - 1 });
const seat = fc.integer({ min: 0, max: SEATS - 1 });
// Weighted so that rounds fill up often enough for the waitlist and its offers to matter.
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("hold" as const), who }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("hold" as const), who, seat }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("confirm" as const), who, seat }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant("release" as const), who, seat }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("waitlist-join" as const), who }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("waitlist-leave" as const), who }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("admin-release" as const), seat }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("admin-reassign" as const), seat, who }) },
);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant("burst" as const), ops: fc.array(op, { minLength: 1, maxLength: 5 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      ms: fc.oneof(fc.integer({ min: 0, max: 40_000 }), fc.constantFrom(1, HOLD_MS - 1, HOLD_MS)),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: "sweep" as const }) },
);

describe("reservation engine against a reference model", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await openFreshDb());
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("never breaks the seat rules over random hold/confirm/release/admin release and reassign/expire/advance-time sequences", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
        const clock = createManualClock(T0);
        const failures: unknown[] = [];
        const engine: ReservationEngine = createReservationEngine({
          db,
          clock,
          events: {
            seatsChanged() {},
            waitlistChanged() {},
            async roundChanged() {},
            error(err) {
              failures.push(err);
            },
          },
        });
        const round = await createOpenRound(db, T0, {
          rows: 2,
          cols: 2,
          holdSeconds: HOLD_MS / 1000,
          deadline: T0 + DEADLINE_AFTER,
        });
        const seats = await db.seat.findMany({
          where: { roundId: round.id },
          orderBy: [{ row: "asc" }, { col: "asc" }],
        });
        const seatIds = seats.map((s) => s.id);
        const applicantIds: string[] = [];
        for (let i = 0; i < APPLICANTS; i++)
          applicantIds.push((await db.applicant.create({ data: { name: `a${i}` } })).id);
        const model = new ReferenceModel(T0, T0 + DEADLINE_AFTER);

        for (const s of steps) {
          if (s.kind === "advance") {
            clock.advance(s.ms);
            model.now = clock.now();
            continue;
          }
          if (s.kind === "sweep") {
            await engine.sweep();
            continue;
          }
          // A burst is submitted at once, so the engine commits it as one batch.
          const outcomes = await Promise.all(
            s.ops.map((o) => {
              const applicantId = applicantIds["who" in o ? o.who : 0] as string;
              if (o.kind === "hold") {
                return engine.submit(round.id, {
                  kind: "hold",
                  applicantId,
                  seatId: o.seat === undefined ? undefined : seatIds[o.seat],
                });
              }
              if (o.kind === "admin-release") {
                return engine.submit(round.id, { kind: o.kind, seatId: seatIds[o.seat] as string, reason: "test" });
              }
              if (o.kind === "admin-reassign") {
                const toApplicantId = applicantIds[o.who] as string;
                return engine.submit(round.id, {
                  kind: o.kind,
                  seatId: seatIds[o.seat] as string,
                  toApplicantId,
                  reason: "t",
                });
              }
              if (o.kind === "waitlist-join" || o.kind === "waitlist-leave") {
                return engine.submit(round.id, { kind: o.kind, applicantId });
              }
              return engine.submit(round.id, { kind: o.kind, applicantId, seatId: seatIds[o.seat] as string });
            }),
          );
          expect(failures).toEqual([]);
          const expected = s.ops.map((o) => model.apply(o));
          const actual = outcomes.map((o: Outcome) => {
            if (!o.ok) return o.code;
            return "seat" in o ? seatIds.indexOf(o.seat.id) : "position" in o ? o.position : null;
          });
          expect(actual).toEqual(expected);
          const queue = await db.waitlistEntry.findMany({ where: { roundId: round.id }, orderBy: { ticket: "asc" } });
          expect(queue.map((w) => applicantIds.indexOf(w.applicantId))).toEqual(model.queue);

          const rows = await db.seat.findMany({ where: { roundId: round.id } });
          const active = rows.filter((r) => r.status !== "FREE");
          expect(active.every((r) => r.holderId !== null)).toBe(true);
          expect(rows.filter((r) => r.status === "FREE").every((r) => r.holderId === null)).toBe(true);
          // The waitlist's promise: no seat stays free while someone waits and claims are open.
          if (queue.length > 0 && clock.now() < T0 + DEADLINE_AFTER) {
            expect(
              rows.filter((r) => r.status === "FREE" || (r.heldUntil && r.heldUntil.getTime() <= clock.now())),
            ).toEqual([]);
          }
          const holders = active.map((r) => r.holderId);
          expect(new Set(holders).size).toBe(holders.length);
          const booked = rows.filter((r) => r.status === "BOOKED");
          expect(booked.length).toBeLessThanOrEqual(SEATS);
          expect(await db.booking.count({ where: { roundId: round.id } })).toBe(booked.length);
          // Each booking is one ADMITTED live application; one an admin took back is WITHDRAWN, not lost.
          const admitted = await db.application.findMany({
            where: { roundId: round.id, outcome: "ADMITTED" },
            select: { applicantId: true },
          });
          expect(admitted.map((a) => a.applicantId).sort()).toEqual(booked.map((b) => b.holderId).sort());
        }
        await engine.close();
      }),
      { numRuns: 80 },
    );
  });
});
