import { describe, expect, it } from "vitest";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { createApp } from "../create-app.ts";
import { createLogger } from "../log.ts";
import { appPerTest, command, connectSocket, errorCode, nextEvent, TEST_SECRET } from "../testing/test-app.ts";

const T0 = Date.UTC(2026, 10, 22, 11, 0, 0);

describe("waitlist", () => {
  const t = appPerTest(T0);
  const applicant = t.applicant;

  it("offers a lapsed seat to the first in line live; they confirm and the second moves up", async () => {
    const round = await createOpenRound(t.app.db, T0, { rows: 1, cols: 2, holdSeconds: 30 });
    const [a, b, c, d] = await Promise.all(["A", "B", "C", "D"].map(applicant));
    if (!a || !b || !c || !d) throw new Error("applicants");
    const heldByA = await command(a.socket, "seat:hold", { roundId: round.id });
    t.clock.advance(5_000);
    expect((await command(b.socket, "seat:hold", { roundId: round.id })).ok).toBe(true);
    if (!heldByA.ok) throw new Error(heldByA.error.message);

    expect(await command(c.socket, "waitlist:join", { roundId: round.id })).toEqual({
      ok: true,
      position: 1,
      requestId: expect.any(String),
    });
    const dMovesUp = nextEvent(d.socket, "waitlist:updated", (e) => e.position === 1);
    expect(await command(d.socket, "waitlist:join", { roundId: round.id })).toEqual({
      ok: true,
      position: 2,
      requestId: expect.any(String),
    });

    const offered = nextEvent(c.socket, "waitlist:offer");
    t.clock.set(heldByA.hold.expiresAt);
    await t.app.engine.sweep();
    const offer = await offered;
    expect(offer).toEqual({
      roundId: round.id,
      seatId: heldByA.hold.seatId,
      label: heldByA.hold.label,
      expiresAt: heldByA.hold.expiresAt + 30_000,
    });
    expect(await dMovesUp).toEqual({ roundId: round.id, length: 1, position: 1 });

    expect(await command(c.socket, "seat:confirm", { roundId: round.id, seatId: offer.seatId })).toEqual({
      ok: true,
      booking: { seatId: offer.seatId, label: offer.label },
      requestId: expect.any(String),
    });
    expect(errorCode(await command(a.socket, "seat:confirm", { roundId: round.id, seatId: offer.seatId }))).toBe(
      "HOLD_EXPIRED",
    );
    const joined = await command(d.socket, "round:join", { roundId: round.id });
    expect(joined.ok && joined.waitlist).toEqual({ roundId: round.id, length: 1, position: 1 });
  });

  it("passes an offer that lapses to the next in line, and a release goes to the line too", async () => {
    const round = await createOpenRound(t.app.db, T0, { rows: 1, cols: 1, holdSeconds: 30 });
    const [a, c, d] = await Promise.all(["A", "C", "D"].map(applicant));
    if (!a || !c || !d) throw new Error("applicants");
    const held = await command(a.socket, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);
    await command(c.socket, "waitlist:join", { roundId: round.id });
    await command(d.socket, "waitlist:join", { roundId: round.id });

    const toC = nextEvent(c.socket, "waitlist:offer");
    expect(await command(a.socket, "seat:release", { roundId: round.id, seatId: held.hold.seatId })).toEqual({
      ok: true,
      requestId: expect.any(String),
    });
    expect((await toC).expiresAt).toBe(T0 + 30_000);

    const toD = nextEvent(d.socket, "waitlist:offer");
    t.clock.advance(30_000);
    await t.app.engine.sweep();
    expect((await toD).seatId).toBe(held.hold.seatId);
    const seat = await t.app.db.seat.findUniqueOrThrow({ where: { id: held.hold.seatId } });
    expect(seat).toMatchObject({ status: "HELD", holderId: d.applicantId });
    expect(await t.app.db.waitlistEntry.count({ where: { roundId: round.id } })).toBe(0);
  });

  it("refuses joining twice, while a seat is free, with a seat, or without a session", async () => {
    const round = await createOpenRound(t.app.db, T0, { rows: 1, cols: 1 });
    const [a, c] = await Promise.all(["A", "C"].map(applicant));
    if (!a || !c) throw new Error("applicants");
    expect(errorCode(await command(c.socket, "waitlist:join", { roundId: round.id }))).toBe("SEATS_AVAILABLE");
    expect((await command(a.socket, "seat:hold", { roundId: round.id })).ok).toBe(true);
    expect(errorCode(await command(a.socket, "waitlist:join", { roundId: round.id }))).toBe("ALREADY_HAS_SEAT");
    expect((await command(c.socket, "waitlist:join", { roundId: round.id })).ok).toBe(true);
    expect(errorCode(await command(c.socket, "waitlist:join", { roundId: round.id }))).toBe("ALREADY_WAITLISTED");
    const watcher = await connectSocket(t.app.url);
    t.track(watcher);
    expect(errorCode(await command(watcher, "waitlist:join", { roundId: round.id }))).toBe("UNAUTHENTICATED");
    expect(errorCode(await command(c.socket, "waitlist:join", { roundId: "nosuchround" }))).toBe("NOT_FOUND");
    const closed = await createOpenRound(t.app.db, T0, { status: "CLOSED" });
    expect(errorCode(await command(c.socket, "waitlist:join", { roundId: closed.id }))).toBe("ROUND_NOT_OPEN");

    expect(await command(c.socket, "waitlist:leave", { roundId: round.id })).toEqual({
      ok: true,
      requestId: expect.any(String),
    });
    expect(await t.app.db.waitlistEntry.count({ where: { roundId: round.id } })).toBe(0);
  });

  it("keeps the order in the database across a restart", async () => {
    const round = await createOpenRound(t.app.db, T0, { rows: 1, cols: 1 });
    const [a, c, d] = await Promise.all(["A", "C", "D"].map(applicant));
    if (!a || !c || !d) throw new Error("applicants");
    await command(a.socket, "seat:hold", { roundId: round.id });
    await command(c.socket, "waitlist:join", { roundId: round.id });
    await command(d.socket, "waitlist:join", { roundId: round.id });
    const file = (await t.app.db.$queryRawUnsafe<{ file: string }[]>("PRAGMA database_list"))[0]?.file as string;
    await t.app.close();

    const again = await createApp({
      databaseUrl: `file:${file}`,
      sessionSecret: TEST_SECRET,
      clock: t.clock,
      next: false,
      sweepIntervalMs: 0,
      log: createLogger("silent"),
    });
    try {
      const url = await again.listen(0, "127.0.0.1");
      const socket = await connectSocket(url, d.cookie);
      const joined = await command(socket, "round:join", { roundId: round.id });
      socket.disconnect();
      expect(joined.ok && joined.waitlist).toEqual({ roundId: round.id, length: 2, position: 2 });
    } finally {
      await again.close();
    }
  });
});
