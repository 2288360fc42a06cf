import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createManualClock } from "../../lib/clock.ts";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { createLogger } from "../log.ts";
import { captureLogs, parsePrometheusText, sampleValue } from "../testing/observability.ts";
import { command, connectSocket, rawCommand, signIn, startTestApp, type TestApp } from "../testing/test-app.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
const TOKEN = "metrics-token-0123456789abcdef";

describe("/metrics and request ids", () => {
  let app: TestApp;
  let logs: ReturnType<typeof captureLogs>;
  const sockets: { disconnect(): void }[] = [];

  beforeEach(async () => {
    logs = captureLogs();
    app = await startTestApp({
      clock: createManualClock(T0),
      metricsToken: TOKEN,
      log: createLogger({ destination: logs.stream }),
    });
  });
  afterEach(async () => {
    for (const s of sockets.splice(0)) s.disconnect();
    await app.stop();
  });

  async function scrape() {
    const res = await fetch(`${app.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(await res.text());
  }

  async function applicant(name: string) {
    const { cookie } = await signIn(app, name);
    const socket = await connectSocket(app.url, cookie);
    sockets.push(socket);
    return socket;
  }

  it("answers 401 without the metrics token, and Prometheus text with it", async () => {
    for (const authorization of [undefined, "Bearer wrong-token-0123456789", TOKEN, `Basic ${TOKEN}`]) {
      const res = await fetch(`${app.url}/metrics`, { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
    }
    const { types, samples } = await scrape();
    expect(types.get("intake_commands_total")).toBe("counter");
    expect(types.get("intake_command_duration_seconds")).toBe("histogram");
    expect(types.get("intake_broadcast_duration_seconds")).toBe("histogram");
    expect(types.get("intake_http_request_duration_seconds")).toBe("histogram");
    expect(types.get("intake_rate_limited_total")).toBe("counter");
    expect(types.get("intake_seats")).toBe("gauge");
    expect(types.get("intake_socket_connections")).toBe("gauge");
    expect(types.get("intake_sse_clients")).toBe("gauge");
    // Node's process metrics come along, in the same registry.
    expect(sampleValue(samples, "intake_process_resident_memory_bytes")).toBeGreaterThan(0);
    expect(types.get("intake_nodejs_eventloop_lag_seconds")).toBe("gauge");
  });

  it("moves the command counters, latency histogram and seat gauges when holds happen", async () => {
    const round = await createOpenRound(app.db, T0, { rows: 2, cols: 5 });
    const before = (await scrape()).samples;
    expect(sampleValue(before, "intake_seats", { round_id: round.id, status: "FREE" })).toBe(10);
    expect(sampleValue(before, "intake_seats", { round_id: round.id, status: "HELD" })).toBe(0);

    const a = await applicant("A");
    const b = await applicant("B");
    const held = await command(a, "seat:hold", { roundId: round.id });
    expect(held.ok).toBe(true);
    expect(await command(b, "seat:hold", { roundId: round.id })).toMatchObject({ ok: true });
    expect(await command(a, "seat:hold", { roundId: round.id })).toMatchObject({ ok: false });
    if (!held.ok) throw new Error("no hold");
    expect(await command(a, "seat:confirm", { roundId: round.id, seatId: held.hold.seatId })).toMatchObject({
      ok: true,
    });

    const after = (await scrape()).samples;
    const hold = { command: "seat:hold" };
    expect(sampleValue(after, "intake_commands_total", { ...hold, outcome: "ok" })).toBe(2);
    expect(sampleValue(after, "intake_commands_total", { ...hold, outcome: "ALREADY_HAS_SEAT" })).toBe(1);
    expect(sampleValue(after, "intake_commands_total", { command: "seat:confirm", outcome: "ok" })).toBe(1);
    expect(sampleValue(after, "intake_command_duration_seconds_count", hold)).toBe(3);
    expect(sampleValue(after, "intake_command_duration_seconds_bucket", { ...hold, le: "+Inf" })).toBe(3);
    expect(sampleValue(after, "intake_seats", { round_id: round.id, status: "FREE" })).toBe(8);
    expect(sampleValue(after, "intake_seats", { round_id: round.id, status: "HELD" })).toBe(1);
    expect(sampleValue(after, "intake_seats", { round_id: round.id, status: "BOOKED" })).toBe(1);
    expect(sampleValue(after, "intake_round_info", { round_id: round.id, status: "OPEN" })).toBe(1);
    expect(sampleValue(after, "intake_broadcast_duration_seconds_count")).toBe(3);
    expect(sampleValue(after, "intake_socket_connections", { role: "applicant" })).toBe(2);
    expect(sampleValue(after, "intake_socket_connections", { role: "watcher" })).toBe(0);
    expect(sampleValue(after, "intake_http_request_duration_seconds_count", { route: "/metrics" })).toBeGreaterThan(0);
  });

  it("counts what the rate limiter reports", async () => {
    app.metrics.rateLimited.inc({ scope: "ip", route: "seat:hold" });
    expect(sampleValue((await scrape()).samples, "intake_rate_limited_total", { scope: "ip" })).toBe(1);
  });

  it("echoes the command's requestId in the ack, or a fresh one, and logs it", async () => {
    const round = await createOpenRound(app.db, T0);
    const a = await applicant("A");
    const kept = await command(a, "seat:hold", { roundId: round.id, requestId: "client-chosen-1" });
    expect(kept).toMatchObject({ ok: true, requestId: "client-chosen-1" });
    const made = await command(a, "round:join", { roundId: round.id });
    expect(made).toMatchObject({ ok: true, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const refused = await rawCommand(a, "seat:hold", { roundId: round.id, requestId: "no spaces allowed" });
    expect(refused).toMatchObject({ ok: false, requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    const extra = await rawCommand(a, "seat:hold", { roundId: round.id }, "extra");
    expect(extra).toMatchObject({ ok: false, requestId: expect.any(String) });

    const commandLines = logs.lines().filter((l) => l.msg === "socket command");
    expect(commandLines.map((l) => [l.event, l.requestId, l.outcome])).toEqual([
      ["seat:hold", "client-chosen-1", "ok"],
      ["round:join", made.requestId, "ok"],
      ["seat:hold", refused.requestId, "INVALID_INPUT"],
      ["seat:hold", extra.requestId, "INVALID_INPUT"],
    ]);
  });

  it("keeps a well-formed X-Request-ID, replaces a malformed one, and logs one line per request", async () => {
    const kept = await fetch(`${app.url}/api/rounds/nope/events`, { headers: { "x-request-id": "trace-me.1" } });
    expect(kept.headers.get("x-request-id")).toBe("trace-me.1");
    await kept.body?.cancel();
    const replaced = await fetch(`${app.url}/anything?token=abc`, { headers: { "x-request-id": "bad id\u00e9" } });
    expect(replaced.status).toBe(404);
    const made = replaced.headers.get("x-request-id");
    expect(made).toMatch(/^[0-9a-f-]{36}$/);

    await expect.poll(() => logs.lines().filter((l) => l.msg === "http request").length).toBe(2);
    const lines = logs.lines().filter((l) => l.msg === "http request");
    expect(lines[0]).toMatchObject({ requestId: "trace-me.1", route: "/api/rounds/[id]/events", status: 404 });
    expect(lines[1]).toMatchObject({ requestId: made, method: "GET", path: "/anything", route: "other" });
    expect(logs.text()).not.toContain("token=abc");
  });
});
