import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { callApi } from "../testing/admin-api.ts";
import {
  command,
  connectSocket,
  errorCode,
  signIn,
  signInAdmin,
  startTestApp,
  type TestApp,
  type TestSocket,
} from "../testing/test-app.ts";

const SEATS = 10;
const RACERS = 150;

describe("admin releases racing applicants' holds over Socket.IO and HTTP", () => {
  let app: TestApp;
  let adminCookie: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    app = await startTestApp({ next: true });
    adminCookie = (await signInAdmin(app)).cookie;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.stop();
  });

  it("never gives a seat twice: each released seat goes to exactly one racer, and every booking it had is withdrawn", async () => {
    for (let attempt = 0; attempt < 3; attempt++) {
      const round = await createOpenRound(app.db, app.clock.now(), { rows: 2, cols: SEATS / 2 });
      const owners = await Promise.all(Array.from({ length: SEATS }, (_, i) => signIn(app, `owner-${i}`)));
      const seatIds: string[] = [];
      for (const owner of owners) {
        const socket = await connectSocket(app.url, owner.cookie);
        sockets.push(socket);
        const held = await command(socket, "seat:hold", { roundId: round.id });
        if (!held.ok) throw new Error(held.error.message);
        expect((await command(socket, "seat:confirm", { roundId: round.id, seatId: held.hold.seatId })).ok).toBe(true);
        seatIds.push(held.hold.seatId);
      }
      const racers = await Promise.all(Array.from({ length: RACERS }, (_, i) => signIn(app, `racer-${attempt}-${i}`)));
      const racerSockets = await Promise.all(racers.map((r) => connectSocket(app.url, r.cookie)));
      sockets.push(...racerSockets);

      const releases = seatIds.map((seatId, i) =>
        callApi(app, "POST", `/api/admin/rounds/${round.id}/seats/${seatId}/release`, {
          cookie: adminCookie,
          body: { reason: "race" },
          requestId: `race-${attempt}-${i}`,
        }),
      );
      const holds = racerSockets.map(async (socket, i) => {
        // Half aim at a named seat (SEAT_TAKEN until it is released), half take the best available.
        for (let tries = 0; tries < 20; tries++) {
          const seatId = i % 2 === 0 ? seatIds[(i + tries) % SEATS] : undefined;
          const ack = await command(socket, "seat:hold", { roundId: round.id, seatId });
          if (ack.ok) return ack.hold.seatId;
          expect(["SEAT_TAKEN", "NO_SEATS_LEFT"]).toContain(errorCode(ack));
        }
        return null;
      });
      const [released, won] = await Promise.all([Promise.all(releases), Promise.all(holds)]);

      expect(released.map((r) => r.body.ok)).toEqual(seatIds.map(() => true));
      const winners = won.filter((seatId): seatId is string => seatId !== null);
      expect(new Set(winners).size).toBe(winners.length);
      expect(winners.length).toBeLessThanOrEqual(SEATS);

      const seats = await app.db.seat.findMany({ where: { roundId: round.id } });
      const taken = seats.filter((s) => s.status !== "FREE");
      expect(new Set(taken.map((s) => s.holderId)).size).toBe(taken.length);
      expect(taken.map((s) => s.id).sort()).toEqual([...winners].sort());
      const racerIds = new Set(racers.map((r) => r.applicantId));
      expect(taken.every((s) => s.status === "HELD" && racerIds.has(s.holderId ?? ""))).toBe(true);
      expect(await app.db.booking.count({ where: { roundId: round.id } })).toBe(0);
      expect(await app.db.application.groupBy({ by: ["outcome"], where: { roundId: round.id }, _count: true })).toEqual(
        [{ outcome: "WITHDRAWN", _count: SEATS }],
      );
      const audit = await app.db.auditEntry.findMany({
        where: { roundId: round.id, action: { in: ["seat.admin-release", "seat.hold"] } },
      });
      expect(audit.filter((a) => a.action === "seat.admin-release" && a.outcome === "OK")).toHaveLength(SEATS);
      expect(audit.filter((a) => a.action === "seat.hold")).toHaveLength(SEATS + winners.length);
    }
  });
});
