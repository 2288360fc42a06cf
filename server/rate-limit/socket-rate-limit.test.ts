import { performance } from "node:perf_hooks";
import { afterEach, describe, expect, it } from "vitest";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import type { Ack } from "../../lib/realtime/events.ts";
import {
  command,
  connectSocket,
  errorCode,
  rawCommand,
  signIn,
  startTestApp,
  type TestApp,
  type TestSocket,
} from "../testing/test-app.ts";
import type { RateLimitSettings } from "./create-rate-limiter.ts";
import { MAX_HELD_REFUSALS, REFUSAL_HOLD_MS } from "./pace-refusals.ts";

const MINUTE = 60_000;
const per = (points: number, durationMs = MINUTE) => ({ points, durationMs });

describe("rate limits on socket commands (real server, real sockets)", () => {
  let app: TestApp;
  const sockets: TestSocket[] = [];
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await app.stop();
  });

  async function start(rateLimit: RateLimitSettings) {
    app = await startTestApp({ rateLimit });
    const round = await createOpenRound(app.db, app.clock.now());
    return round.id;
  }
  async function applicant(name: string, headers?: Record<string, string>) {
    const { cookie, applicantId } = await signIn(app, name);
    const socket = await connectSocket(app.url, cookie, headers);
    sockets.push(socket);
    return { socket, cookie, applicantId };
  }
  async function watcher(headers?: Record<string, string>) {
    const socket = await connectSocket(app.url, undefined, headers);
    sockets.push(socket);
    return socket;
  }
  const rateLimited = async (scope: string, route: string) =>
    (await app.metrics.rateLimited.get()).values.find((v) => v.labels.scope === scope && v.labels.route === route)
      ?.value ?? 0;

  it("refuses a flooding applicant's commands with RATE_LIMITED and retryAfterMs while another applicant's still succeed", async () => {
    const roundId = await start({ claims: { applicant: per(5) } });
    const flooder = await applicant("Flooder");
    // A second socket of the same applicant shares the limit: it is per applicant, not per connection.
    const flooderAgain = await connectSocket(app.url, flooder.cookie);
    sockets.push(flooderAgain);
    const normal = await applicant("Normal");

    const first = await command(flooder.socket, "seat:hold", { roundId });
    if (!first.ok) throw new Error(first.error.message);
    const flood = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        command(i % 2 ? flooderAgain : flooder.socket, "seat:hold", { roundId, requestId: `flood-${i}` }),
      ),
    );
    const codes = flood.map(errorCode);
    expect(codes.filter((c) => c === "ALREADY_HAS_SEAT")).toHaveLength(4);
    expect(codes.filter((c) => c === "RATE_LIMITED")).toHaveLength(36);

    const refused = flood.find((a) => errorCode(a) === "RATE_LIMITED") as Ack & { requestId: string };
    expect(refused).toEqual({
      ok: false,
      error: {
        code: "RATE_LIMITED",
        message: expect.stringMatching(/^Too many seat commands from you: try again in (\d+ seconds|1 minute)\.$/),
        retryAfterMs: expect.any(Number),
      },
      requestId: expect.stringMatching(/^flood-\d+$/),
    });
    if (refused.ok) throw new Error("unreachable");
    expect(refused.error.retryAfterMs).toBeGreaterThan(0);
    expect(refused.error.retryAfterMs).toBeLessThanOrEqual(MINUTE);

    // A refused command does not run: the flooder cannot release the seat it holds until the limit resets.
    const release = await command(flooder.socket, "seat:release", { roundId, seatId: first.hold.seatId });
    expect(errorCode(release)).toBe("RATE_LIMITED");
    expect(await app.db.seat.findUniqueOrThrow({ where: { id: first.hold.seatId } })).toMatchObject({
      status: "HELD",
      holderId: flooder.applicantId,
    });

    const held = await command(normal.socket, "seat:hold", { roundId });
    if (!held.ok) throw new Error(held.error.message);
    expect(held.hold.seatId).not.toBe(first.hold.seatId);
    const booked = await command(normal.socket, "seat:confirm", { roundId, seatId: held.hold.seatId });
    expect(booked.ok).toBe(true);

    expect(await rateLimited("claims", "seat:hold")).toBe(36);
    expect(await rateLimited("claims", "seat:release")).toBe(1);
    const refusals = (await app.metrics.commands.get()).values.filter((v) => v.labels.outcome === "RATE_LIMITED");
    expect(refusals.reduce((n, v) => n + v.value, 0)).toBe(37);
  });

  it("charges an address only for commands its applicants' own limits let through", async () => {
    // Per applicant 3, per address 6: A's flood stops at A's limit and leaves the address's to B.
    const roundId = await start({ claims: { applicant: per(3), ip: per(6) } });
    const a = await applicant("A");
    const b = await applicant("B");
    const c = await applicant("C");
    const leave = (s: TestSocket) => command(s, "waitlist:leave", { roundId });

    const fromA = await Promise.all(Array.from({ length: 10 }, () => leave(a.socket)));
    expect(fromA.filter((ack) => ack.ok)).toHaveLength(3);
    const fromB = await Promise.all(Array.from({ length: 3 }, () => leave(b.socket)));
    expect(fromB.every((ack) => ack.ok)).toBe(true);

    const fromC = await leave(c.socket);
    expect(fromC).toMatchObject({
      ok: false,
      error: { code: "RATE_LIMITED", message: expect.stringMatching(/^Too many seat commands from your network: /) },
    });
  });

  it("leaves claims of sockets without a session to UNAUTHENTICATED, uncharged", async () => {
    const roundId = await start({ claims: { applicant: per(1), ip: per(1) } });
    const w = await watcher();
    for (let i = 0; i < 3; i++) expect(errorCode(await command(w, "seat:hold", { roundId }))).toBe("UNAUTHENTICATED");
    const a = await applicant("A");
    expect((await command(a.socket, "seat:hold", { roundId })).ok).toBe(true);
  });

  it("limits watching per address: joins beyond the limit are refused, other reads go on", async () => {
    const roundId = await start({ watch: { ip: per(3) }, reads: { ip: per(100) } });
    const watchers = await Promise.all(Array.from({ length: 4 }, () => watcher()));
    const joins = [];
    for (const w of watchers) joins.push(await command(w, "round:join", { roundId }));
    expect(joins.slice(0, 3).every((j) => j.ok)).toBe(true);
    expect(joins[3]).toMatchObject({
      ok: false,
      error: {
        code: "RATE_LIMITED",
        message: expect.stringMatching(/^Too many live views opened from your network: try again in /),
        retryAfterMs: expect.any(Number),
      },
    });
    // The refused socket is not in the room: a join that is refused joins nothing.
    expect(app.io.sockets.adapter.rooms.get(`round:${roundId}`)?.size).toBe(3);
    expect((await command(watchers[3] as TestSocket, "time:sync", {})).ok).toBe(true);
    expect(await rateLimited("watch", "round:join")).toBe(1);
  });

  it("limits malformed commands too, before parsing them counts for anything", async () => {
    await start({ reads: { applicant: per(2) } });
    const a = await applicant("A");
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await rawCommand(a.socket, "time:sync", { bogus: i }));
    expect(answers.map(errorCode)).toEqual(["INVALID_INPUT", "INVALID_INPUT", "RATE_LIMITED", "RATE_LIMITED"]);
  });

  it("charges each address its own limit behind a trusted proxy (TRUST_PROXY, X-Forwarded-For)", async () => {
    const roundId = await start({ watch: { ip: per(1) }, trustProxy: 1 });
    const here = await watcher({ "x-forwarded-for": "203.0.113.7" });
    const there = await watcher({ "x-forwarded-for": "198.51.100.9" });
    const hereAgain = await watcher({ "x-forwarded-for": "203.0.113.7" });
    expect((await command(here, "round:join", { roundId })).ok).toBe(true);
    expect((await command(there, "round:join", { roundId })).ok).toBe(true);
    expect(errorCode(await command(hereAgain, "round:join", { roundId }))).toBe("RATE_LIMITED");
  });

  it("ignores X-Forwarded-For without TRUST_PROXY: a client cannot pick a fresh address per connection", async () => {
    const roundId = await start({ watch: { ip: per(1) } });
    const first = await watcher({ "x-forwarded-for": "203.0.113.1" });
    const second = await watcher({ "x-forwarded-for": "203.0.113.2" });
    expect((await command(first, "round:join", { roundId })).ok).toBe(true);
    expect(errorCode(await command(second, "round:join", { roundId }))).toBe("RATE_LIMITED");
  });

  it("answers a socket's first refusal at once and holds back the ones that follow while it is still limited", async () => {
    const roundId = await start({ claims: { applicant: per(1) } });
    const a = await applicant("A");
    const timed = async () => {
      const sent = performance.now();
      const ack = await command(a.socket, "waitlist:leave", { roundId });
      return { code: errorCode(ack), ms: performance.now() - sent };
    };
    expect((await timed()).code).toBeUndefined();
    const first = await timed();
    expect(first.code).toBe("RATE_LIMITED");
    expect(first.ms).toBeLessThan(REFUSAL_HOLD_MS / 2);
    const second = await timed();
    expect(second.code).toBe("RATE_LIMITED");
    expect(second.ms).toBeGreaterThanOrEqual(REFUSAL_HOLD_MS - 50);
    // Another applicant's socket is not slowed.
    const b = await applicant("B");
    expect((await command(b.socket, "waitlist:leave", { roundId })).ok).toBe(true);
  });

  it("disconnects a socket that keeps sending without waiting for its refusals", async () => {
    const roundId = await start({ claims: { applicant: per(1) } });
    const a = await applicant("A");
    const gone = new Promise<string>((resolve) => a.socket.once("disconnect", (reason) => resolve(reason)));
    for (let i = 0; i < MAX_HELD_REFUSALS + 10; i++) a.socket.emit("waitlist:leave", { roundId }, () => {});
    expect(await gone).toBe("io server disconnect");
    // The applicant may connect again and is limited as before, not banned.
    const again = await connectSocket(app.url, a.cookie);
    sockets.push(again);
    expect(errorCode(await command(again, "waitlist:leave", { roundId }))).toBe("RATE_LIMITED");
  });
});
