import os from "node:os";
import { afterEach, describe, expect, it } from "vitest";
import { createManualClock } from "../lib/clock.ts";
import { createOpenRound } from "../lib/db/testing/test-db.ts";
import { defaultInstanceName } from "./create-app.ts";
import { command, connectSocket, signIn, startTestApp, type TestApp } from "./testing/test-app.ts";

const T0 = Date.UTC(2026, 10, 22, 8, 0, 0);

describe("createApp lifecycle", () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  it("finishes the commands in flight when closing, then refuses new ones", async () => {
    app = await startTestApp({ clock: createManualClock(T0) });
    const round = await createOpenRound(app.db, T0);
    const applicants = await Promise.all(Array.from({ length: 40 }, (_, i) => signIn(app as TestApp, `a${i}`)));
    const inFlight = applicants.map((a) => app?.engine.submit(round.id, { kind: "hold", applicantId: a.applicantId }));
    const rows = await app.db.seat.findMany({ where: { roundId: round.id, status: "HELD" } });
    expect(rows).toHaveLength(0);

    const closing = app.close();
    const outcomes = await Promise.all(inFlight);
    expect(outcomes.every((o) => o?.ok)).toBe(true);
    expect(await app.engine.submit(round.id, { kind: "hold", applicantId: "late" })).toMatchObject({
      ok: false,
      code: "UNAVAILABLE",
    });
    await closing;
  });

  it("leaves no half state when clients disconnect right after sending a command", async () => {
    app = await startTestApp({ clock: createManualClock(T0) });
    const round = await createOpenRound(app.db, T0, { rows: 2, cols: 5 });
    const sockets = await Promise.all(
      Array.from({ length: 30 }, async (_, i) =>
        connectSocket((app as TestApp).url, (await signIn(app as TestApp, `d${i}`)).cookie),
      ),
    );
    for (const socket of sockets) {
      socket.emit("seat:hold", { roundId: round.id }, () => {});
      socket.disconnect();
    }
    // A fresh client's command queues behind whatever the server received.
    const probe = await connectSocket(app.url, (await signIn(app, "probe")).cookie);
    await command(probe, "time:sync", {});
    await app.engine.idle();
    probe.disconnect();

    const seats = await app.db.seat.findMany({ where: { roundId: round.id } });
    const held = seats.filter((s) => s.status === "HELD");
    for (const s of held) expect(s.holderId !== null && s.heldUntil !== null && s.version === 1).toBe(true);
    for (const s of seats.filter((x) => x.status === "FREE")) expect(s.holderId).toBeNull();
    const { seq } = await app.db.round.findUniqueOrThrow({ where: { id: round.id } });
    expect(seq).toBe(held.length);
    expect(new Set(held.map((s) => s.holderId)).size).toBe(held.length);
  });
});

describe("X-Intake-Instance", () => {
  let first: TestApp | undefined;
  let second: TestApp | undefined;
  afterEach(async () => {
    await second?.close();
    await first?.close();
    first = second = undefined;
  });

  it("names the instance that answered, on answers and refusals, so the instances of one deployment tell apart", async () => {
    first = await startTestApp({ instanceName: "intake-a" });
    second = await startTestApp({ databaseUrl: first.databaseUrl });
    const named = await fetch(`${first.url}/api/health`);
    expect(named.headers.get("x-intake-instance")).toBe("intake-a");
    const refused = await fetch(`${first.url}/rounds/%ZZ`);
    expect(refused.status).toBe(400);
    expect(refused.headers.get("x-intake-instance")).toBe("intake-a");
    const other = await fetch(`${second.url}/api/health`);
    expect(other.headers.get("x-intake-instance")).toBe(defaultInstanceName());
    expect(defaultInstanceName()).toBe(`${os.hostname()}:${process.pid}`);
  });
});
