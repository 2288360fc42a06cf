import { PassThrough } from "node:stream";
import fc from "fast-check";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOpenRound, dumpDatabase, freshDatabaseUrl } from "../../lib/db/testing/test-db.ts";
import { createApp } from "../create-app.ts";
import {
  command,
  connectSocket,
  errorCode,
  rawCommand,
  signIn,
  TEST_SECRET,
  type TestSocket,
} from "../testing/test-app.ts";

const EVENTS = [
  "round:join",
  "round:leave",
  "seat:hold",
  "seat:confirm",
  "seat:release",
  "time:sync",
  "waitlist:join",
  "waitlist:leave",
] as const;
const ALLOWED = new Set(["INVALID_INPUT", "NOT_FOUND", "UNAUTHENTICATED"]);
/** Commands whose well-formed payloads may succeed without writing anything. */
const HARMLESS = new Set(["round:leave", "time:sync", "round:join", "waitlist:leave"]);

describe("malformed socket payloads", () => {
  let app: Awaited<ReturnType<typeof createApp>>;
  let url: string;
  let roundId: string;
  let seatId: string;
  const logged: string[] = [];
  let applicantSocket: TestSocket;
  let watcherSocket: TestSocket;

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on("data", (chunk) => logged.push(String(chunk)));
    app = await createApp({
      databaseUrl: freshDatabaseUrl().url,
      sessionSecret: TEST_SECRET,
      next: false,
      sweepIntervalMs: 0,
      log: pino({ level: "warn" }, stream),
    });
    url = await app.listen(0, "127.0.0.1");
    const round = await createOpenRound(app.db, app.clock.now());
    roundId = round.id;
    seatId = (await app.db.seat.findFirstOrThrow({ where: { roundId } })).id;
    applicantSocket = await connectSocket(url, (await signIn(app, "fuzzer")).cookie);
    watcherSocket = await connectSocket(url);
  });
  afterAll(async () => {
    applicantSocket.disconnect();
    watcherSocket.disconnect();
    await app.close();
  });

  /** Wrong types, unknown fields, oversized strings and arrays, near-miss ids, and anything at all. */
  const payload = fc.oneof(
    fc.anything(),
    fc.record(
      {
        roundId: fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.string({ minLength: 65, maxLength: 5000 })),
        seatId: fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 2000 }), fc.object()),
        requestId: fc.oneof(fc.string({ minLength: 101, maxLength: 3000 }), fc.boolean(), fc.string()),
        extra: fc.anything(),
      },
      { requiredKeys: [] },
    ),
    // Real ids with a wrong or unknown neighbour: must never act.
    fc.record({ roundId: fc.constant("placeholder"), seatId: fc.string(), surprise: fc.anything() }),
    fc.array(fc.anything(), { maxLength: 50 }),
    fc.string({ maxLength: 20_000 }),
  );

  it.each(EVENTS)("answers 1,000 malformed %s payloads with a clear refusal and changes nothing", async (event) => {
    const before = await dumpDatabase(app.db);
    const samples = fc.sample(payload, { numRuns: 1000, seed: event.length * 7919 });
    for (const [i, sample] of samples.entries()) {
      const value =
        sample &&
        typeof sample === "object" &&
        !Array.isArray(sample) &&
        (sample as { roundId?: unknown }).roundId === "placeholder"
          ? { ...(sample as object), roundId }
          : sample;
      const socket = i % 2 === 0 ? applicantSocket : watcherSocket;
      const ack = await rawCommand(socket, event, value);
      if (ack.ok) {
        expect(HARMLESS.has(event), `${event} accepted ${JSON.stringify(value)?.slice(0, 200)}`).toBe(true);
      } else {
        expect(
          ALLOWED.has(ack.error.code),
          `${event} ${JSON.stringify(value)?.slice(0, 200)} → ${ack.error.code}`,
        ).toBe(true);
        expect(ack.error.message.length).toBeGreaterThan(0);
      }
    }
    // Odd shapes of the call itself: no payload, ack first, extra arguments.
    for (const socket of [applicantSocket, watcherSocket]) {
      expect(errorCode(await rawCommand(socket, event))).toSatisfy((c) => c === undefined || ALLOWED.has(c as string));
      expect(errorCode(await rawCommand(socket, event, { roundId }, "extra", 42))).toSatisfy(
        (c) => c === undefined || ALLOWED.has(c as string),
      );
      (socket.emit as (e: string, ...a: unknown[]) => void)(event, { roundId, seatId: 5 });
    }
    await app.engine.idle();
    expect(await dumpDatabase(app.db)).toEqual(before);
    expect(logged.join("")).not.toContain('"level":50');
    // The connections survived and still work.
    expect((await command(applicantSocket, "time:sync", {})).ok).toBe(true);
    expect(errorCode(await command(applicantSocket, "seat:confirm", { roundId, seatId }))).toBe("NOT_HOLDER");
  });

  it("names the offending field", async () => {
    const ack = await rawCommand(applicantSocket, "seat:hold", { roundId, seatId: 12 });
    expect(ack).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", message: expect.stringContaining("seatId") },
      requestId: expect.any(String),
    });
    const unknown = await rawCommand(applicantSocket, "seat:hold", { roundId, color: "red" });
    expect(unknown).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", message: expect.stringContaining("color") },
      requestId: expect.any(String),
    });
    const long = await rawCommand(applicantSocket, "seat:hold", { roundId, requestId: "x".repeat(101) });
    expect(long).toEqual({
      ok: false,
      error: { code: "INVALID_INPUT", message: expect.stringContaining("requestId") },
      requestId: expect.any(String),
    });
    expect(errorCode(await rawCommand(applicantSocket, "seat:hold", { roundId: "no-such-round" }))).toBe("NOT_FOUND");
    expect(errorCode(await rawCommand(applicantSocket, "seat:confirm", { roundId, seatId: "no-such-seat" }))).toBe(
      "NOT_FOUND",
    );
  });
});
