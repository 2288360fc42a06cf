import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { mulberry32 } from "../../lib/domain/seeded-random.ts";
import {
  command,
  connectSocket,
  errorCode,
  signIn,
  startTestApp,
  type TestApp,
  type TestSocket,
} from "../testing/test-app.ts";

/**
 * The seed of the racers' seat choices: RACE_SEED if set, to replay a run, else a fresh one.
 * Either way the test annotates its run with it, so a failure can be replayed.
 */
function raceSeed(): number {
  const given = process.env.RACE_SEED;
  if (given === undefined || given === "") return Math.floor(Math.random() * 2 ** 32);
  const seed = Number(given);
  if (!Number.isSafeInteger(seed) || seed < 0) throw new Error(`RACE_SEED must be a whole number >= 0, not ${given}`);
  return seed;
}

describe("racing for seats over Socket.IO", () => {
  let app: TestApp;
  let sockets: TestSocket[] = [];

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.stop();
  });

  it("gives the 50 seats to exactly 50 of 500 racing applicants, each seat to one, each applicant at most one", async ({
    annotate,
  }) => {
    const round = await createOpenRound(app.db, app.clock.now(), { rows: 5, cols: 10 });
    const seatIds = (await app.db.seat.findMany({ where: { roundId: round.id }, select: { id: true } })).map(
      (s) => s.id,
    );
    expect(seatIds).toHaveLength(50);

    const applicants = await Promise.all(Array.from({ length: 500 }, (_, i) => signIn(app, `racer-${i}`)));
    sockets = await Promise.all(applicants.map((a) => connectSocket(app.url, a.cookie)));

    const seed = raceSeed();
    // Shown beside a failure (and in every report that lists annotations): RACE_SEED=<seed> replays the choices.
    await annotate(`RACE_SEED=${seed}`, "seed");
    const random = mulberry32(seed);
    const results = await Promise.all(
      sockets.map(async (socket, i) => {
        const seatId = seatIds[Math.floor(random() * seatIds.length)];
        const first = await command(socket, "seat:hold", { roundId: round.id, seatId });
        if (first.ok || errorCode(first) !== "SEAT_TAKEN")
          return { applicantId: applicants[i]?.applicantId, ack: first };
        const second = await command(socket, "seat:hold", { roundId: round.id });
        return { applicantId: applicants[i]?.applicantId, ack: second };
      }),
    );

    const winners = results.filter((r) => r.ack.ok);
    const losers = results.filter((r) => !r.ack.ok).map((r) => errorCode(r.ack));
    expect(winners).toHaveLength(50);
    expect(new Set(losers)).toEqual(new Set(losers.filter((c) => c === "SEAT_TAKEN" || c === "NO_SEATS_LEFT")));
    expect(losers).toHaveLength(450);

    const wonSeats = winners.map((w) => (w.ack.ok ? w.ack.hold.seatId : ""));
    expect(new Set(wonSeats).size).toBe(50);

    const seats = await app.db.seat.findMany({ where: { roundId: round.id } });
    expect(seats.filter((s) => s.status === "HELD")).toHaveLength(50);
    const holders = seats.map((s) => s.holderId);
    expect(new Set(holders).size).toBe(50);
    for (const w of winners) {
      const seat = seats.find((s) => w.ack.ok && s.id === w.ack.hold.seatId);
      expect(seat?.holderId).toBe(w.applicantId);
    }
  });
});
