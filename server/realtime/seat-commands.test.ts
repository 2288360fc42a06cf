import { describe, expect, it } from "vitest";
import { createOpenRound, HOUR } from "../../lib/db/testing/test-db.ts";
import { BoardSync } from "../../lib/realtime/board-sync.ts";
import type { SeatDelta, SeatsUpdated } from "../../lib/realtime/events.ts";
import { appPerTest, command, connectSocket, errorCode, type TestSocket } from "../testing/test-app.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);

/** The first seat change a watcher hears that matches, out of the batches it receives. */
function nextSeatUpdate(socket: TestSocket, match: (c: SeatDelta) => boolean): Promise<SeatDelta> {
  return new Promise((resolve) => {
    const listener = (e: SeatsUpdated) => {
      const found = e.seats.find(match);
      if (!found) return;
      socket.off("seats:updated", listener);
      resolve(found);
    };
    socket.on("seats:updated", listener);
  });
}

describe("seat commands", () => {
  const t = appPerTest(T0);
  const applicant = t.applicant;

  async function watcher(roundId: string) {
    const socket = await connectSocket(t.app.url);
    t.track(socket);
    const joined = await command(socket, "round:join", { roundId });
    expect(joined.ok).toBe(true);
    return socket;
  }

  it("returns an unconfirmed hold to FREE at heldUntil, tells watchers, and refuses the late confirm", async () => {
    const round = await createOpenRound(t.app.db, T0, { holdSeconds: 30 });
    const a = await applicant("A");
    const w = await watcher(round.id);

    const held = await command(a.socket, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);
    expect(held.hold.expiresAt).toBe(T0 + 30_000);

    t.clock.set(held.hold.expiresAt - 1);
    await t.app.engine.sweep();
    expect((await t.app.db.seat.findUniqueOrThrow({ where: { id: held.hold.seatId } })).status).toBe("HELD");

    t.clock.set(held.hold.expiresAt);
    const freed = nextSeatUpdate(w, (e) => e.seatId === held.hold.seatId && e.status === "FREE");
    await t.app.engine.sweep();
    expect(await freed).toMatchObject({ seatId: held.hold.seatId, status: "FREE" });
    expect(await t.app.db.seat.findUniqueOrThrow({ where: { id: held.hold.seatId } })).toMatchObject({
      status: "FREE",
      holderId: null,
    });

    const late = await command(a.socket, "seat:confirm", { roundId: round.id, seatId: held.hold.seatId });
    expect(errorCode(late)).toBe("HOLD_EXPIRED");
  });

  it("treats an expired hold as free on the next claim, before any sweep runs", async () => {
    const round = await createOpenRound(t.app.db, T0, { holdSeconds: 30 });
    const a = await applicant("A");
    const b = await applicant("B");
    const w = await watcher(round.id);
    const held = await command(a.socket, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);

    t.clock.advance(30_000);
    const lateConfirm = await command(a.socket, "seat:confirm", { roundId: round.id, seatId: held.hold.seatId });
    expect(errorCode(lateConfirm)).toBe("HOLD_EXPIRED");

    const taken = nextSeatUpdate(w, (e) => e.seatId === held.hold.seatId && e.status === "HELD");
    const byB = await command(b.socket, "seat:hold", { roundId: round.id, seatId: held.hold.seatId });
    expect(byB.ok).toBe(true);
    expect((await taken).heldUntil).toBe(T0 + 60_000);
  });

  it("refuses a hold one millisecond after the deadline and takes one a millisecond before", async () => {
    const deadline = T0 + HOUR;
    const round = await createOpenRound(t.app.db, T0, { deadline });
    const a = await applicant("A");
    const b = await applicant("B");

    t.clock.set(deadline - 1);
    const before = await command(a.socket, "seat:hold", { roundId: round.id });
    expect(before.ok).toBe(true);
    if (before.ok) expect(before.hold.expiresAt).toBe(deadline);

    t.clock.set(deadline + 1);
    const after = await command(b.socket, "seat:hold", { roundId: round.id });
    expect(errorCode(after)).toBe("DEADLINE_PASSED");
  });

  it("refuses holds in rounds that are not open", async () => {
    const a = await applicant("A");
    for (const status of ["DRAFT", "PAUSED", "CLOSED"] as const) {
      const round = await createOpenRound(t.app.db, T0, { status });
      expect(errorCode(await command(a.socket, "seat:hold", { roundId: round.id }))).toBe("ROUND_NOT_OPEN");
    }
    const notYet = await createOpenRound(t.app.db, T0, { opensAt: T0 + 1 });
    expect(errorCode(await command(a.socket, "seat:hold", { roundId: notYet.id }))).toBe("ROUND_NOT_OPEN");
  });

  it("answers a repeated requestId with the first result instead of acting twice", async () => {
    const round = await createOpenRound(t.app.db, T0);
    const a = await applicant("A");
    const first = await command(a.socket, "seat:hold", { roundId: round.id, requestId: "req-1" });
    const again = await command(a.socket, "seat:hold", { roundId: round.id, requestId: "req-1" });
    expect(first.ok).toBe(true);
    expect(again).toEqual(first);

    // Retries racing in the same batch share one outcome too.
    const b = await applicant("B");
    const [x, y] = await Promise.all([
      command(b.socket, "seat:hold", { roundId: round.id, requestId: "req-2" }),
      command(b.socket, "seat:hold", { roundId: round.id, requestId: "req-2" }),
    ]);
    expect(x.ok).toBe(true);
    expect(y).toEqual(x);
    expect(await t.app.db.seat.count({ where: { roundId: round.id, status: "HELD" } })).toBe(2);

    const reused = await command(a.socket, "seat:confirm", {
      roundId: round.id,
      seatId: first.ok ? first.hold.seatId : "",
      requestId: "req-1",
    });
    expect(errorCode(reused)).toBe("REQUEST_ID_REUSED");
  });

  it("refuses a requestId reused for the same kind of command on another seat", async () => {
    const round = await createOpenRound(t.app.db, T0);
    const seats = await t.app.db.seat.findMany({
      where: { roundId: round.id },
      orderBy: [{ row: "asc" }, { col: "asc" }],
    });
    const a = await applicant("A");
    const first = await command(a.socket, "seat:hold", { roundId: round.id, seatId: seats[0]?.id, requestId: "r1" });
    expect(first.ok).toBe(true);
    await command(a.socket, "seat:release", { roundId: round.id, seatId: seats[0]?.id as string });
    const other = await command(a.socket, "seat:hold", { roundId: round.id, seatId: seats[1]?.id, requestId: "r1" });
    expect(errorCode(other)).toBe("REQUEST_ID_REUSED");
    expect(await t.app.db.seat.count({ where: { roundId: round.id, status: "HELD" } })).toBe(0);
  });

  it("announces a lapsed hold taken by someone else as FREE then HELD, so the first holder's mark goes", async () => {
    const round = await createOpenRound(t.app.db, T0, { holdSeconds: 30 });
    const a = await applicant("A");
    const b = await applicant("B");
    const sync = new BoardSync();
    a.socket.on("seats:updated", (event) => sync.receive({ kind: "seats", event }));
    const held = await command(a.socket, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);
    const joined = await command(a.socket, "round:join", { roundId: round.id });
    if (!joined.ok) throw new Error(joined.error.message);
    sync.loadSnapshot(joined.snapshot);
    expect(sync.board?.seats.find((s) => s.id === held.hold.seatId)?.mine).toBe(true);

    t.clock.advance(30_000);
    const handover = new Promise<SeatsUpdated>((resolve) => a.socket.once("seats:updated", resolve));
    const byB = await command(b.socket, "seat:hold", { roundId: round.id, seatId: held.hold.seatId });
    expect(byB.ok).toBe(true);
    // One batch, one event: the lapse (seq 2) and the new hold (seq 3), in that order.
    const event = await handover;
    expect(event.seq).toBe(3);
    expect(event.seats.map((c) => [c.seatId, c.status])).toEqual([
      [held.hold.seatId, "FREE"],
      [held.hold.seatId, "HELD"],
    ]);
    const seat = sync.board?.seats.find((s) => s.id === held.hold.seatId);
    expect(seat).toMatchObject({ status: "HELD" });
    expect(seat?.mine).toBeUndefined();
  });

  it("refuses a second seat for one applicant", async () => {
    const round = await createOpenRound(t.app.db, T0);
    const a = await applicant("A");
    expect((await command(a.socket, "seat:hold", { roundId: round.id })).ok).toBe(true);
    expect(errorCode(await command(a.socket, "seat:hold", { roundId: round.id }))).toBe("ALREADY_HAS_SEAT");
  });

  it("refuses a second seat even when two holds of one applicant race in one batch", async () => {
    const round = await createOpenRound(t.app.db, T0);
    const a = await applicant("A");
    const acks = await Promise.all(
      Array.from({ length: 10 }, () => command(a.socket, "seat:hold", { roundId: round.id })),
    );
    expect(acks.filter((x) => x.ok)).toHaveLength(1);
    expect(acks.filter((x) => errorCode(x) === "ALREADY_HAS_SEAT")).toHaveLength(9);
    expect(await t.app.db.seat.count({ where: { roundId: round.id, holderId: a.applicantId } })).toBe(1);
  });

  it("lets only the holder confirm or release", async () => {
    const round = await createOpenRound(t.app.db, T0);
    const a = await applicant("A");
    const b = await applicant("B");
    const held = await command(a.socket, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);
    const seatId = held.hold.seatId;

    expect(errorCode(await command(b.socket, "seat:confirm", { roundId: round.id, seatId }))).toBe("NOT_HOLDER");
    expect(errorCode(await command(b.socket, "seat:release", { roundId: round.id, seatId }))).toBe("NOT_HOLDER");
    expect(await t.app.db.seat.findUniqueOrThrow({ where: { id: seatId } })).toMatchObject({
      status: "HELD",
      holderId: a.applicantId,
    });

    const booked = await command(a.socket, "seat:confirm", { roundId: round.id, seatId });
    expect(booked).toEqual({ ok: true, booking: { seatId, label: held.hold.label }, requestId: expect.any(String) });
    expect(await t.app.db.booking.count({ where: { seatId, applicantId: a.applicantId } })).toBe(1);
    expect(errorCode(await command(a.socket, "seat:release", { roundId: round.id, seatId }))).toBe("SEAT_BOOKED");
  });

  it("lets the holder release, and the seat is free for the next applicant", async () => {
    const round = await createOpenRound(t.app.db, T0, { rows: 1, cols: 1 });
    const a = await applicant("A");
    const b = await applicant("B");
    const held = await command(a.socket, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);
    expect(errorCode(await command(b.socket, "seat:hold", { roundId: round.id }))).toBe("NO_SEATS_LEFT");
    expect(await command(a.socket, "seat:release", { roundId: round.id, seatId: held.hold.seatId })).toEqual({
      ok: true,
      requestId: expect.any(String),
    });
    const byB = await command(b.socket, "seat:hold", { roundId: round.id });
    expect(byB.ok && byB.hold.seatId).toBe(held.hold.seatId);
  });

  it("lets a watcher without a session watch but not claim", async () => {
    const round = await createOpenRound(t.app.db, T0);
    const w = await watcher(round.id);
    expect(errorCode(await command(w, "seat:hold", { roundId: round.id }))).toBe("UNAUTHENTICATED");
    const seatId = (await t.app.db.seat.findFirstOrThrow({ where: { roundId: round.id } })).id;
    expect(errorCode(await command(w, "seat:confirm", { roundId: round.id, seatId }))).toBe("UNAUTHENTICATED");
    expect(errorCode(await command(w, "seat:release", { roundId: round.id, seatId }))).toBe("UNAUTHENTICATED");
    expect(await command(w, "time:sync", {})).toEqual({ ok: true, serverNow: T0, requestId: expect.any(String) });
  });

  it("ignores a forged session cookie", async () => {
    const round = await createOpenRound(t.app.db, T0);
    const forged = await connectSocket(t.app.url, "intake_session=Fe26.2*1*forged");
    t.track(forged);
    expect(errorCode(await command(forged, "seat:hold", { roundId: round.id }))).toBe("UNAUTHENTICATED");
  });

  it("closes a round at its deadline and tells its watchers", async () => {
    const round = await createOpenRound(t.app.db, T0, { deadline: T0 + 1000 });
    const w = await watcher(round.id);
    const closed = new Promise((resolve) => w.once("round:updated", resolve));
    t.clock.set(T0 + 1000);
    await t.app.engine.sweep();
    expect(await closed).toMatchObject({ roundId: round.id, seq: 1, round: { status: "CLOSED" } });
  });
});
