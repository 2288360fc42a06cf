import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../lib/clock.ts";
import { getRoundSnapshot } from "../../lib/db/get-round-snapshot.ts";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { BoardSync } from "../../lib/realtime/board-sync.ts";
import { command, connectSocket, signIn, startTestApp, type TestApp, type TestSocket } from "../testing/test-app.ts";

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);

/** A watcher that keeps its board the way a client must: snapshot, then deltas in seq order. */
async function watch(socket: TestSocket, roundId: string): Promise<BoardSync> {
  const sync = new BoardSync();
  let gaps = 0;
  socket.on("seats:updated", (event) => {
    if (sync.receive({ kind: "seats", event }) === "gap") gaps++;
  });
  socket.on("round:updated", (event) => {
    if (sync.receive({ kind: "round", event }) === "gap") gaps++;
  });
  const joined = await command(socket, "round:join", { roundId });
  if (!joined.ok) throw new Error(joined.error.message);
  expect(sync.loadSnapshot(joined.snapshot)).toBe("applied");
  Object.defineProperty(sync, "gaps", { get: () => gaps });
  return sync;
}

const withoutMine = (seats: { mine?: true }[]) => seats.map(({ mine: _mine, ...rest }) => rest);

describe("watchers' boards", () => {
  let app: TestApp;
  const sockets: TestSocket[] = [];
  const clock = createManualClock(T0);

  beforeAll(async () => {
    app = await startTestApp({ clock });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.stop();
  });

  it("equal the server's snapshot after 1,000 random operations", async () => {
    const round = await createOpenRound(app.db, T0, { rows: 4, cols: 6, holdSeconds: 20 });
    const seatIds = (await app.db.seat.findMany({ where: { roundId: round.id } })).map((s) => s.id);
    const applicants = await Promise.all(
      Array.from({ length: 16 }, async (_, i) => {
        const { cookie } = await signIn(app, `applicant-${i}`);
        const socket = await connectSocket(app.url, cookie);
        sockets.push(socket);
        return socket;
      }),
    );
    const anonymous = await connectSocket(app.url);
    sockets.push(anonymous);
    const watchers = [await watch(anonymous, round.id), await watch(applicants[0] as TestSocket, round.id)];

    const op = fc.record({
      who: fc.integer({ min: 0, max: applicants.length - 1 }),
      kind: fc.constantFrom("hold", "hold-best", "confirm", "release", "tick"),
      seat: fc.constantFrom(...seatIds),
    });
    const ops = fc.sample(op, { numRuns: 1000, seed: 20261122 });
    let late: BoardSync | undefined;

    for (let i = 0; i < ops.length; i += 10) {
      if (i === 500) {
        const socket = await connectSocket(app.url);
        sockets.push(socket);
        late = await watch(socket, round.id);
      }
      await Promise.all(
        ops.slice(i, i + 10).map(async (o) => {
          const socket = applicants[o.who] as TestSocket;
          if (o.kind === "tick") {
            clock.advance(4_000);
            return app.engine.sweep();
          }
          if (o.kind === "hold-best") return command(socket, "seat:hold", { roundId: round.id });
          if (o.kind === "hold") return command(socket, "seat:hold", { roundId: round.id, seatId: o.seat });
          return command(socket, o.kind === "confirm" ? "seat:confirm" : "seat:release", {
            roundId: round.id,
            seatId: o.seat,
          });
        }),
      );
    }
    await app.engine.sweep();
    await app.engine.idle();
    // One round trip per watcher: events are ordered on a socket, so every broadcast has arrived.
    await Promise.all([anonymous, applicants[0], sockets.at(-1)].map((s) => command(s as TestSocket, "time:sync", {})));

    const truth = await getRoundSnapshot(app.db, { roundId: round.id, now: clock.now() });
    if (!truth || !late) throw new Error("missing round or late watcher");
    expect(truth.seq).toBeGreaterThan(300);
    expect(truth.seats.some((s) => s.status === "BOOKED")).toBe(true);
    for (const sync of [...watchers, late]) {
      expect(sync.board?.seq).toBe(truth.seq);
      expect(withoutMine(sync.board?.seats ?? [])).toEqual(withoutMine(truth.seats));
      expect((sync as unknown as { gaps: number }).gaps).toBe(0);
    }
  });
});
