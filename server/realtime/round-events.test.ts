import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../lib/clock.ts";
import { createOpenRound, freshDatabaseUrl, HOUR, openFreshDb } from "../../lib/db/testing/test-db.ts";
import type { RoundSnapshot, SeatsUpdated } from "../../lib/realtime/events.ts";
import { type App, createApp } from "../create-app.ts";
import { createRoundEventStreams } from "../http/round-events.ts";
import { createLogger } from "../log.ts";
import { nextEvent, openSse, type SseStream } from "../testing/sse-client.ts";
import { command, connectSocket, signIn, TEST_SECRET } from "../testing/test-app.ts";
import { createRoundFeed } from "./round-feed.ts";

const T0 = Date.UTC(2026, 10, 22, 10, 0, 0);

// The real server (no Next: the custom server answers this path itself) on port 0.
async function startApp(databaseUrl: string, heartbeatMs?: number): Promise<{ app: App; url: string }> {
  const app = await createApp({
    databaseUrl,
    sessionSecret: TEST_SECRET,
    clock: createManualClock(T0),
    next: false,
    sweepIntervalMs: 0,
    log: createLogger("silent"),
    eventStreams: { heartbeatMs, retryMs: 2000 },
  });
  return { app, url: await app.listen(0, "127.0.0.1") };
}

describe("GET /api/rounds/:id/events (Server-Sent Events)", () => {
  const apps: App[] = [];
  const streams: SseStream[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const s of streams.splice(0)) s.close();
    for (const a of apps.splice(0)) await a.close();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  async function setup(heartbeatMs?: number) {
    const { url: databaseUrl, dir } = freshDatabaseUrl();
    dirs.push(dir);
    const { app, url } = await startApp(databaseUrl, heartbeatMs);
    apps.push(app);
    const round = await createOpenRound(app.db, T0, { rows: 2, cols: 5 });
    return { app, url, databaseUrl, roundId: round.id };
  }

  async function open(url: string, roundId: string, headers: Record<string, string> = {}) {
    const stream = await openSse(`${url}/api/rounds/${roundId}/events`, headers);
    streams.push(stream);
    return stream;
  }

  /** Holds the best free seat as a fresh applicant over Socket.IO; returns the seat id. */
  async function hold(app: App, url: string, roundId: string): Promise<string> {
    const socket = await connectSocket(url, (await signIn(app)).cookie);
    const ack = await command(socket, "seat:hold", { roundId });
    socket.disconnect();
    if (!ack.ok) throw new Error(ack.error.code);
    return ack.hold.seatId;
  }

  it("starts with a retry hint and a snapshot whose id is its seq, then sends a hold as a seat event", async () => {
    const { app, url, roundId } = await setup();
    await hold(app, url, roundId);
    const stream = await open(url, roundId);
    expect(stream.status).toBe(200);
    expect(stream.headers["content-type"]).toMatch(/^text\/event-stream/);
    expect(stream.headers["cache-control"]).toContain("no-cache");
    expect(await stream.next()).toMatchObject({ retry: 2000, data: "" });

    const first = await stream.next();
    expect(first.event).toBe("snapshot");
    const snapshot = JSON.parse(first.data) as RoundSnapshot & { serverNow: number };
    expect(first.id).toBe("1");
    expect(snapshot).toMatchObject({ seq: 1, round: { id: roundId, status: "OPEN" }, serverNow: T0 });
    expect(snapshot.seats).toHaveLength(10);
    expect(snapshot.seats.filter((s) => s.status === "HELD")).toHaveLength(1);

    const seatId = await hold(app, url, roundId);
    const delta = await nextEvent(stream);
    expect(delta.event).toBe("seats");
    expect(delta.id).toBe("2");
    expect(JSON.parse(delta.data)).toEqual({
      roundId,
      seq: 2,
      seats: [{ seatId, status: "HELD", heldUntil: T0 + 120_000 }],
    } satisfies SeatsUpdated);
  });

  it("replays exactly the missed events for a Last-Event-ID inside the buffer, with no snapshot", async () => {
    const { app, url, roundId } = await setup();
    const held = [];
    for (let i = 0; i < 4; i++) held.push(await hold(app, url, roundId));

    const stream = await open(url, roundId, { "last-event-id": "1" });
    const replayed = [await nextEvent(stream), await nextEvent(stream), await nextEvent(stream)];
    expect(replayed.map((m) => [m.event, m.id])).toEqual([
      ["seats", "2"],
      ["seats", "3"],
      ["seats", "4"],
    ]);
    expect(replayed.map((m) => JSON.parse(m.data).seats[0].seatId)).toEqual(held.slice(1));

    // Up to date: nothing is replayed, and the next change is the next event.
    const current = await open(url, roundId, { "last-event-id": "4" });
    const fifth = await hold(app, url, roundId);
    for (const s of [stream, current]) {
      const next = await nextEvent(s);
      expect([next.event, next.id, JSON.parse(next.data).seats[0].seatId]).toEqual(["seats", "5", fifth]);
    }
  });

  it("sends a fresh snapshot for a malformed, negative, huge or future Last-Event-ID", async () => {
    const { app, url, roundId } = await setup();
    await hold(app, url, roundId);
    await hold(app, url, roundId);
    for (const lastEventId of ["abc", "-1", "1e9999", "2.5", "", "3", "99999999999999999999"]) {
      const stream = await open(url, roundId, { "last-event-id": lastEventId });
      const first = await nextEvent(stream);
      expect([first.event, first.id], `Last-Event-ID ${lastEventId}`).toEqual(["snapshot", "2"]);
      expect(JSON.parse(first.data).seq).toBe(2);
      stream.close();
    }
  });

  it("sends a fresh snapshot after a restart, and for ids older than the buffer", async () => {
    const first = await setup();
    await hold(first.app, first.url, first.roundId);
    await hold(first.app, first.url, first.roundId);
    await first.app.close();

    // Same database, new process state: the buffer is empty.
    const { app, url } = await startApp(first.databaseUrl);
    apps.push(app);
    const afterRestart = await open(url, first.roundId, { "last-event-id": "1" });
    const snap = await nextEvent(afterRestart);
    expect([snap.event, snap.id]).toEqual(["snapshot", "2"]);

    await hold(app, url, first.roundId); // seq 3: the buffer now starts at 3
    const tooOld = await open(url, first.roundId, { "last-event-id": "1" });
    expect(await nextEvent(tooOld)).toMatchObject({ event: "snapshot", id: "3" });
    const inside = await open(url, first.roundId, { "last-event-id": "2" });
    expect(await nextEvent(inside)).toMatchObject({ event: "seats", id: "3" });
  });

  it("sends a heartbeat comment on an idle stream, and keeps a closed round's stream open", async () => {
    const { app, url } = await setup(20);
    const closed = await createOpenRound(app.db, T0, { status: "CLOSED", opensAt: T0 - 2 * HOUR, deadline: T0 - HOUR });
    const stream = await open(url, closed.id);
    const first = await nextEvent(stream);
    expect(first.event).toBe("snapshot");
    expect(JSON.parse(first.data).round.status).toBe("CLOSED");
    let m = await stream.next();
    while (m.event !== "comment") m = await stream.next();
    expect(m.data).toBe("ping");
  });

  it("answers an unknown or draft round with 404 and a malformed id with 400, in the JSON envelope", async () => {
    const { app, url } = await setup();
    const draft = await createOpenRound(app.db, T0, { status: "DRAFT" });
    for (const id of ["nosuchround", draft.id]) {
      const res = await fetch(`${url}/api/rounds/${id}/events`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/json");
      expect(await res.json()).toEqual({ ok: false, error: { code: "NOT_FOUND", message: "No such round." } });
    }
    // A Last-Event-ID does not get around the check.
    const draftReplay = await fetch(`${url}/api/rounds/${draft.id}/events`, { headers: { "last-event-id": "0" } });
    expect(draftReplay.status).toBe(404);
    for (const id of [encodeURIComponent("a b;drop"), "x".repeat(65)]) {
      const res = await fetch(`${url}/api/rounds/${id}/events`);
      expect(res.status, id).toBe(400);
      expect((await res.json()).error).toEqual({ code: "INVALID_INPUT", message: expect.stringContaining("id") });
    }
    // Bad percent-encoding is refused for the whole path, before any route reads it.
    const garbled = await fetch(`${url}/api/rounds/%E0%A4%A/events`);
    expect(garbled.status).toBe(400);
    expect((await garbled.json()).error).toEqual({ code: "INVALID_INPUT", message: expect.stringContaining("path") });
  });

  it("ends open streams when the app closes, without holding up the shutdown", async () => {
    const { app, url, roundId } = await setup();
    const stream = await open(url, roundId);
    expect((await nextEvent(stream)).event).toBe("snapshot");
    await app.close();
    await stream.ended;
    await expect(stream.next()).rejects.toThrow("stream ended");
  });

  it("drops its feed subscription when the client goes away", async () => {
    const { db, dir } = await openFreshDb();
    dirs.push(dir);
    const round = await createOpenRound(db, T0);
    const feed = createRoundFeed();
    let active = 0;
    let onUnsubscribe = () => {};
    const counted = {
      ...feed,
      subscribe: (roundId: string, listener: Parameters<typeof feed.subscribe>[1]) => {
        active++;
        const stop = feed.subscribe(roundId, listener);
        return () => {
          stop();
          active--;
          onUnsubscribe();
        };
      },
    };
    const streams = createRoundEventStreams({
      db,
      clock: createManualClock(T0),
      feed: counted,
      log: createLogger("silent"),
    });
    const server = http.createServer((req, res) => {
      if (!streams.handle(req, res)) res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const stream = await openSse(
        `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/rounds/${round.id}/events`,
      );
      expect((await nextEvent(stream)).event).toBe("snapshot");
      expect(active).toBe(1);
      const unsubscribed = new Promise<void>((resolve) => {
        onUnsubscribe = resolve;
      });
      stream.close();
      await unsubscribed;
      expect(active).toBe(0);
    } finally {
      streams.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await db.$disconnect();
    }
  });
});
