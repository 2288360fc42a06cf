import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../lib/clock.ts";
import type { Db } from "../lib/db/create-db.ts";
import { createOpenRound, openFreshDb } from "../lib/db/testing/test-db.ts";
import type { CommandMeta } from "../lib/domain/audit.ts";
import { createReservationEngine, type ReservationEngine } from "./reservation-engine.ts";

const T0 = Date.UTC(2026, 10, 26, 9, 0, 0);

describe("the audit trail the engine writes with every batch", () => {
  let db: Db;
  let engine: ReservationEngine;
  const clock = createManualClock(T0);
  beforeAll(async () => {
    ({ db } = await openFreshDb());
    engine = createReservationEngine({
      db,
      clock,
      events: { seatsChanged() {}, waitlistChanged() {}, async roundChanged() {}, error() {} },
    });
  });
  afterAll(async () => {
    await engine.close();
    await db.$disconnect();
  });

  const meta = (requestId: string, applicantId: string): CommandMeta => ({
    requestId,
    traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
    actor: { type: "applicant", id: applicantId },
  });
  const rows = (roundId: string) => db.auditEntry.findMany({ where: { roundId }, orderBy: { id: "asc" } });

  it("writes one row per seat change with the command's actor, requestId and traceId, and none for a refusal", async () => {
    const round = await createOpenRound(db, clock.now(), { rows: 1, cols: 1, holdSeconds: 30 });
    const [ada, bo] = await Promise.all(["Ada", "Bo"].map((name) => db.applicant.create({ data: { name } })));
    if (!ada || !bo) throw new Error("applicants");
    const [held, refused] = await Promise.all([
      engine.submit(round.id, { kind: "hold", applicantId: ada.id, meta: meta("ada-1", ada.id) }),
      engine.submit(round.id, { kind: "hold", applicantId: bo.id, meta: meta("bo-1", bo.id) }),
    ]);
    expect(held.ok).toBe(true);
    expect(refused).toMatchObject({ ok: false, code: "NO_SEATS_LEFT" });
    expect(await rows(round.id)).toEqual([
      expect.objectContaining({
        actorType: "applicant",
        actorId: ada.id,
        action: "seat.hold",
        holderBefore: null,
        holderAfter: ada.id,
        outcome: "OK",
        requestId: "ada-1",
        traceId: "4bf92f3577b34da6a3ce929d0e0e4736",
        at: new Date(T0),
      }),
    ]);
  });

  it("falls back to the idempotency requestId without meta, and writes a lapse as the system's", async () => {
    const round = await createOpenRound(db, clock.now(), { holdSeconds: 30 });
    const ada = await db.applicant.create({ data: { name: "Ada" } });
    const held = await engine.submit(round.id, { kind: "hold", applicantId: ada.id, requestId: "idem-1" });
    if (!held.ok) throw new Error(held.message);
    clock.advance(30_000);
    await engine.sweep();
    const [hold, lapse] = await rows(round.id);
    expect(hold).toMatchObject({ actorType: "applicant", actorId: ada.id, requestId: "idem-1", traceId: null });
    expect(lapse).toMatchObject({
      actorType: "system",
      actorId: null,
      action: "seat.expire",
      seatId: held.seat.id,
      holderBefore: ada.id,
      holderAfter: null,
      outcome: "OK",
    });
    expect(lapse?.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("credits a waitlist offer to the system, under the request that freed the seat", async () => {
    const round = await createOpenRound(db, clock.now(), { rows: 1, cols: 1 });
    const [ada, bo] = await Promise.all(["Ada", "Bo"].map((name) => db.applicant.create({ data: { name } })));
    if (!ada || !bo) throw new Error("applicants");
    const held = await engine.submit(round.id, { kind: "hold", applicantId: ada.id });
    if (!held.ok) throw new Error(held.message);
    expect((await engine.submit(round.id, { kind: "waitlist-join", applicantId: bo.id })).ok).toBe(true);
    await engine.submit(round.id, {
      kind: "release",
      applicantId: ada.id,
      seatId: held.seat.id,
      meta: meta("ada-release", ada.id),
    });
    expect((await rows(round.id)).slice(-2).map((r) => [r.action, r.actorType, r.holderAfter, r.requestId])).toEqual([
      ["seat.release", "applicant", null, "ada-release"],
      ["seat.offer", "system", bo.id, "ada-release"],
    ]);
  });

  it("records a hold and a release of one seat in one batch as two rows, though the seat's state did not change", async () => {
    const round = await createOpenRound(db, clock.now());
    const ada = await db.applicant.create({ data: { name: "Ada" } });
    const seat = await db.seat.findFirstOrThrow({ where: { roundId: round.id } });
    const [held, released] = await Promise.all([
      engine.submit(round.id, { kind: "hold", applicantId: ada.id, seatId: seat.id }),
      engine.submit(round.id, { kind: "release", applicantId: ada.id, seatId: seat.id }),
    ]);
    expect([held.ok, released.ok]).toEqual([true, true]);
    expect((await rows(round.id)).map((r) => r.action)).toEqual(["seat.hold", "seat.release"]);
    expect((await db.round.findUniqueOrThrow({ where: { id: round.id } })).seq).toBe(0);
  });
});
