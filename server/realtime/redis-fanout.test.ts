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

/** Sockets the tests opened, closed after each describe block. */
const sockets: TestSocket[] = [];

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
  const join = async () => {
    const ack = await command(socket, "round:join", { roundId });
    if (!ack.ok) throw new Error(ack.error.message);
    sync.loadSnapshot(ack.snapshot);
  };
  await join();
  const seqOf = () => Math.max(received.at(-1)?.seq ?? 0, sync.board?.seq ?? 0);
  return {
    sync,
    received,
    gaps,
    /** What a browser does on a gap: join again, which answers with a fresh snapshot. */
    resync: join,
    /** Resolves once an event up to `seq` arrived (at once if it already has); fails after `timeoutMs`. */
    reach(seq: number, timeoutMs = 10_000) {
      if (seqOf() >= seq) return Promise.resolve();
      const timedOut = new Error(`no seats:updated up to seq ${seq} within ${timeoutMs} ms (last: ${seqOf()})`);
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(timedOut), timeoutMs);
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

/** The round's seq in the database now. */
async function seqIn(app: TestApp, roundId: string): Promise<number> {
  const view = await getRoundView(app.db, roundId);
  if (!view) throw new Error("round gone");
  return view.seq;
}

/**
 * Two instances of one deployment in this process, for a describe block: one
 * SQLite file, one real redis-server (its own per block), each instance with
 * its own Socket.IO server and Redis Streams adapter. Every write goes through
 * A (two engines on one SQLite file is not a production shape); B only serves sockets.
 */
function twoInstances() {
  const ctx = {} as { redis: Awaited<ReturnType<typeof startRedis>>; a: TestApp; b: TestApp };
  beforeAll(async () => {
    ctx.redis = await startRedis();
    ctx.a = await startTestApp({ redisUrl: ctx.redis.url });
    ctx.b = await startTestApp({ redisUrl: ctx.redis.url, databaseUrl: ctx.a.databaseUrl });
  });
  afterAll(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await ctx.b?.stop();
    await ctx.a?.stop();
    await ctx.redis?.stop();
  });
  return ctx;
}

describe("fan-out across instances (REDIS_URL, a real redis-server)", () => {
  const t = twoInstances();

  it("gives a watcher on B every seats:updated of holds committed on A, in seq order with no gap", async () => {
    const round = await createOpenRound(t.a.db, t.a.clock.now(), { rows: 2, cols: 5 });
    const onA = await watcherOn(t.a, round.id);
    const onB = await watcherOn(t.b, round.id);
    const applicants = await Promise.all(
      ["Ada", "Bo", "Cy", "Dee", "Eve", "Fay"].map(async (name) => socketOn(t.a, (await signIn(t.a, name)).cookie)),
    );

    const acks = await Promise.all(applicants.map((s) => command(s, "seat:hold", { roundId: round.id })));
    expect(acks.every((ack) => ack.ok)).toBe(true);
    const seq = await seqIn(t.a, round.id);
    await Promise.all([onA.reach(seq), onB.reach(seq)]);

    // B heard exactly what A's own watcher heard, batch for batch, in increasing seq order.
    expect(onB.received).toEqual(onA.received);
    const seqs = onB.received.map((e) => e.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    expect(onB.gaps).toEqual([]);
    expect(onB.sync.board?.seq).toBe(seq);
    const held = onB.sync.board?.seats.filter((s) => s.status === "HELD").length;
    expect(held).toBe(applicants.length);
  });

  it("tells an applicant connected only to B of the waitlist offer a release on A made", async () => {
    const round = await createOpenRound(t.a.db, t.a.clock.now(), { rows: 1, cols: 1, holdSeconds: 30 });
    const ada = await signIn(t.a, "Ada");
    const adaOnA = await socketOn(t.a, ada.cookie);
    const held = await command(adaOnA, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);
    // Cy joins the line through A (every write goes through A), then is connected to B alone.
    const cy = await signIn(t.a, "Cy");
    const cyOnA = await socketOn(t.a, cy.cookie);
    expect(await command(cyOnA, "waitlist:join", { roundId: round.id })).toMatchObject({ ok: true, position: 1 });
    cyOnA.disconnect();
    const cyOnB = await socketOn(t.b, cy.cookie);

    const offered = nextEvent(cyOnB, "waitlist:offer");
    expect((await command(adaOnA, "seat:release", { roundId: round.id, seatId: held.hold.seatId })).ok).toBe(true);
    expect(await offered).toMatchObject({ roundId: round.id, seatId: held.hold.seatId, label: held.hold.label });
  });

  it("disconnects a signed-out session's socket on B when the sign-out happens on A, and only that session's", async () => {
    const dee = await signIn(t.a, "Dee");
    const eve = await signIn(t.a, "Eve");
    const deeOnB = await socketOn(t.b, dee.cookie);
    const eveOnB = await socketOn(t.b, eve.cookie);
    const disconnected = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("Dee's socket on B still connected after 10 s")), 10_000);
      deeOnB.once("disconnect", (reason) => {
        clearTimeout(timer);
        resolve(reason);
      });
    });

    await t.a.sessions.end(dee.sid);
    expect(await disconnected).toBe("io server disconnect");
    // Eve's session was not ended: her socket is still there and still answered.
    expect(eveOnB.connected).toBe(true);
    expect(
      (await command(eveOnB, "round:join", { roundId: (await createOpenRound(t.a.db, t.a.clock.now())).id })).ok,
    ).toBe(true);
  });
});

describe("fan-out when Redis goes away and comes back", () => {
  const t = twoInstances();

  it("keeps serving an instance's own watchers while Redis is away, and other instances converge once it is back", async ({
    annotate,
  }) => {
    const round = await createOpenRound(t.a.db, t.a.clock.now(), { rows: 4, cols: 5 });
    const onA = await watcherOn(t.a, round.id);
    const onB = await watcherOn(t.b, round.id);
    const applicants = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => socketOn(t.a, (await signIn(t.a, `Applicant ${i}`)).cookie)),
    );
    let next = 0;
    /** One more hold through A; the round's seq after it. */
    const hold = async () => {
      const socket = applicants[next++];
      if (!socket) throw new Error("out of applicants");
      const ack = await command(socket, "seat:hold", { roundId: round.id });
      if (!ack.ok) throw new Error(ack.error.message);
      return seqIn(t.a, round.id);
    };

    const shared = await hold();
    await Promise.all([onA.reach(shared), onB.reach(shared)]);

    await t.redis.stop();
    // The publisher does not queue while Redis is away: A's own watcher hears the hold at once.
    await onA.reach(await hold());

    t.redis = await startRedis({ port: t.redis.port });
    const back = performance.now();
    // The adapter's clients reconnect on their own; holds go on through A until one reaches B.
    for (;;) {
      const seq = await hold();
      const heard = await onB.reach(seq, 1000).then(
        () => true,
        () => false,
      );
      if (heard) break;
    }
    await annotate(
      `fan-out reached the other instance ${Math.round(performance.now() - back)} ms after Redis returned`,
    );
    // B missed what A published while Redis was away: its watcher sees the gap and resyncs, as BoardSync's owner does.
    expect(onB.gaps.length).toBeGreaterThan(0);
    await onB.resync();
    const seq = await seqIn(t.a, round.id);
    await onA.reach(seq);
    expect(onB.sync.board).toEqual(onA.sync.board);
    expect(onB.sync.board?.seq).toBe(seq);
  });
});
