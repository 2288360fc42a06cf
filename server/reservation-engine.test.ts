import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../lib/clock.ts";
import type { Db } from "../lib/db/create-db.ts";
import { createOpenRound, openFreshDb } from "../lib/db/testing/test-db.ts";
import { createReservationEngine } from "./reservation-engine.ts";

const T0 = Date.UTC(2026, 10, 22, 7, 0, 0);

describe("reservation engine", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await openFreshDb());
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("answers the rest of a batch when one command hits a database error", async () => {
    const errors: unknown[] = [];
    const engine = createReservationEngine({
      db,
      clock: createManualClock(T0),
      events: { seatsChanged() {}, waitlistChanged() {}, async roundChanged() {}, error: (err) => errors.push(err) },
    });
    const round = await createOpenRound(db, T0);
    const [a, b, c] = await Promise.all(["A", "B", "C"].map((name) => db.applicant.create({ data: { name } })));
    if (!a || !b || !c) throw new Error("applicants");
    const held = await engine.submit(round.id, { kind: "hold", applicantId: a.id });
    if (!held.ok) throw new Error(held.message);
    // A stray booking row for A's seat (as a buggy admin tool might leave) makes A's confirm violate a unique index.
    await db.booking.create({ data: { roundId: round.id, seatId: held.seat.id, applicantId: c.id } });

    const [confirm, hold] = await Promise.all([
      engine.submit(round.id, { kind: "confirm", applicantId: a.id, seatId: held.seat.id }),
      engine.submit(round.id, { kind: "hold", applicantId: b.id }),
    ]);
    expect(confirm).toMatchObject({ ok: false, code: "INTERNAL" });
    expect(hold.ok).toBe(true);
    expect(errors.length).toBeGreaterThan(0);
    expect((await db.seat.findUniqueOrThrow({ where: { id: held.seat.id } })).status).toBe("HELD");
    await engine.close();
    await engine.sweep();
  });

  it("records a confirmed booking as an ADMITTED application of the live channel, with both rollups, in the batch", async () => {
    const engine = createReservationEngine({
      db,
      clock: createManualClock(T0),
      events: { seatsChanged() {}, waitlistChanged() {}, async roundChanged() {}, error() {} },
    });
    const round = await createOpenRound(db, T0);
    const { programId } = await db.round.findUniqueOrThrow({ where: { id: round.id } });
    const ada = await db.applicant.create({ data: { name: "Ada" } });
    const held = await engine.submit(round.id, { kind: "hold", applicantId: ada.id });
    if (!held.ok) throw new Error(held.message);
    expect(await db.application.count({ where: { roundId: round.id } })).toBe(0);

    const confirmed = await engine.submit(round.id, { kind: "confirm", applicantId: ada.id, seatId: held.seat.id });
    expect(confirmed.ok).toBe(true);
    const applications = await db.application.findMany({ where: { roundId: round.id } });
    expect(applications).toMatchObject([
      {
        programId,
        applicantId: ada.id,
        channel: "live",
        outcome: "ADMITTED",
        submittedAt: new Date(T0),
        decidedAt: new Date(T0),
      },
    ]);
    const hourly = await db.applicationHourly.findMany({ where: { programId, channel: "live" } });
    const daily = await db.applicationDaily.findMany({ where: { programId, channel: "live" } });
    for (const rollup of [hourly, daily]) expect(rollup).toMatchObject([{ applications: 1, admitted: 1, rejected: 0 }]);
    await engine.close();
  });
});
