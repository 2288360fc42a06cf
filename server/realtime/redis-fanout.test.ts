import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getRoundView } from "../../lib/db/get-round-view.ts";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { BoardSync } from "../../lib/realtime/board-sync.ts";
import type { SeatsUpdated } from "../../lib/realtime/events.ts";
import { startRedis } from "../testing/redis-server.ts";
import {
  command,
  connectSocket,
  nextEvent,
  signIn,
  startTestApp,
  type TestApp,
  type TestSocket,
} from "../testing/test-app.ts";

/**
 * Two instances of one deployment in this process: one SQLite file, one real
 * redis-server, each with its own Socket.IO server and Redis Streams adapter.
 * Every write goes through A (two engines on one SQLite file is not a
 * production shape); B only serves sockets.
 */
describe("fan-out across instances (REDIS_URL, a real redis-server)", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  let a: TestApp;
  let b: TestApp;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    a = await startTestApp({ redisUrl: redis.url });
    b = await startTestApp({ redisUrl: redis.url, databaseUrl: a.databaseUrl });
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await b?.stop();
    await a?.stop();
    await redis?.stop();
  });

  async function socketOn(app: TestApp, cookie?: string) {
    const socket = await connectSocket(app.url, cookie);
    sockets.push(socket);
    return socket;
  }

  /** A watcher of `roundId` on `app`: every seats:updated it gets, its board, and a wait for a seq. */
  async function watcherOn(app: TestApp, roundId: string) {
    const socket = await socketOn(app);
    const sync = new BoardSync();
    const received: SeatsUpdated[] = [];
    const gaps: number[] = [];
    let reached: { seq: number; resolve(): void } | undefined;
    socket.on("seats:updated", (event) => {
      received.push(event);
      if (sync.receive({ kind: "seats", event }) === "gap") gaps.push(event.seq);
      if (reached && event.seq >= reached.seq) reached.resolve();
    });
    const ack = await command(socket, "round:join", { roundId });
    if (!ack.ok) throw new Error(ack.error.message);
    sync.loadSnapshot(ack.snapshot);
    const seqOf = () => received.at(-1)?.seq ?? ack.snapshot.seq;
    return {
      sync,
      received,
      gaps,
      /** Resolves once an event up to `seq` arrived (at once if it already has); fails after 10 s. */
      reach(seq: number) {
        if (seqOf() >= seq) return Promise.resolve();
        const timedOut = new Error(`no seats:updated up to seq ${seq} within 10 s (last: ${seqOf()})`);
        return new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(timedOut), 10_000);
          reached = {
            seq,
            resolve() {
              clearTimeout(timer);
              resolve();
            },
          };
        });
      },
    };
  }

  it("gives a watcher on B every seats:updated of holds committed on A, in seq order with no gap", async () => {
    const round = await createOpenRound(a.db, a.clock.now(), { rows: 2, cols: 5 });
    const onA = await watcherOn(a, round.id);
    const onB = await watcherOn(b, round.id);
    const applicants = await Promise.all(
      ["Ada", "Bo", "Cy", "Dee", "Eve", "Fay"].map(async (name) => socketOn(a, (await signIn(a, name)).cookie)),
    );

    const acks = await Promise.all(applicants.map((s) => command(s, "seat:hold", { roundId: round.id })));
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const view = await getRoundView(a.db, round.id);
    if (!view) throw new Error("round gone");
    await Promise.all([onA.reach(view.seq), onB.reach(view.seq)]);

    // B heard exactly what A's own watcher heard, batch for batch, in increasing seq order.
    expect(onB.received).toEqual(onA.received);
    const seqs = onB.received.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(onB.gaps).toEqual([]);
    expect(onB.sync.board?.seq).toBe(view.seq);
    const held = onB.sync.board?.seats.filter((s) => s.status === "HELD").length;
    expect(held).toBe(applicants.length);
  });

  it("tells an applicant connected only to B of the waitlist offer a release on A made", async () => {
    const round = await createOpenRound(a.db, a.clock.now(), { rows: 1, cols: 1, holdSeconds: 30 });
    const ada = await signIn(a, "Ada");
    const adaOnA = await socketOn(a, ada.cookie);
    const held = await command(adaOnA, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);
    // Cy joins the line through A (every write goes through A), then is connected to B alone.
    const cy = await signIn(a, "Cy");
    const cyOnA = await socketOn(a, cy.cookie);
    expect(await command(cyOnA, "waitlist:join", { roundId: round.id })).toMatchObject({ ok: true, position: 1 });
    cyOnA.disconnect();
    const cyOnB = await socketOn(b, cy.cookie);

    const offered = nextEvent(cyOnB, "waitlist:offer");
    expect((await command(adaOnA, "seat:release", { roundId: round.id, seatId: held.hold.seatId })).ok).toBe(true);
    expect(await offered).toMatchObject({ roundId: round.id, seatId: held.hold.seatId, label: held.hold.label });
  });

  it("disconnects a signed-out session's socket on B when the sign-out happens on A, and only that session's", async () => {
    const dee = await signIn(a, "Dee");
    const eve = await signIn(a, "Eve");
    const deeOnB = await socketOn(b, dee.cookie);
    const eveOnB = await socketOn(b, eve.cookie);
    const disconnected = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("Dee's socket on B still connected after 10 s")), 10_000);
      deeOnB.once("disconnect", (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });

    await a.sessions.end(dee.sid);
    expect(await disconnected).toBe("io server disconnect");
    // Eve's session was not ended: her socket is still there and still answered.
    expect(eveOnB.connected).toBe(true);
    expect((await command(eveOnB, "round:join", { roundId: (await createOpenRound(a.db, a.clock.now())).id })).ok).toBe(
      true,
    );
  });
});
