import { io as connect, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { originAllowed } from "../http/security.ts";
import { openMetricsWarning } from "../observability/metrics-endpoint.ts";
import { parsePrometheusText } from "../testing/observability.ts";
import { openSse, type SseStream } from "../testing/sse-client.ts";
import { command, connectSocket, signIn, signInAdmin, startTestApp, type TestApp } from "../testing/test-app.ts";

// The lower-severity findings of the probe (issue 9), each against the real server.

describe("finding 4: /metrics leaves drafts out", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app.stop();
  });

  it("labels open rounds with their titles and never names a draft", async () => {
    const now = app.clock.now();
    const open = await createOpenRound(app.db, now, { title: "Spring cohort" });
    const draft = await createOpenRound(app.db, now, { title: "Secret autumn plans", status: "DRAFT" });
    const text = await (await fetch(`${app.url}/metrics`)).text();
    expect(text).toContain("Spring cohort");
    expect(text).not.toContain("Secret autumn plans");
    const { samples } = parsePrometheusText(text);
    const rounds = new Set(samples.filter((s) => s.labels.round_id).map((s) => s.labels.round_id));
    expect(rounds).toContain(open.id);
    expect(rounds).not.toContain(draft.id);
  });

  it("warns at start-up when /metrics is open beyond loopback, and only then", () => {
    expect(openMetricsWarning("0.0.0.0", undefined)).toMatch(/METRICS_TOKEN/);
    expect(openMetricsWarning("10.1.2.3", undefined)).toMatch(/METRICS_TOKEN/);
    expect(openMetricsWarning("::", undefined)).toMatch(/METRICS_TOKEN/);
    expect(openMetricsWarning("0.0.0.0", "a-token-of-sixteen-chars")).toBeNull();
    for (const loopback of ["127.0.0.1", "127.0.0.2", "localhost", "::1", "[::1]"]) {
      expect(openMetricsWarning(loopback, undefined), loopback).toBeNull();
    }
  });
});

describe("finding 5: the Origin check compares scheme, host and port", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ next: true });
  });
  afterAll(async () => {
    await app.stop();
  });

  it("refuses an admin-cookie POST whose Origin is the same host over https, and allows the site's own", async () => {
    const { cookie } = await signInAdmin(app);
    const before = await app.db.program.count();
    const post = (origin: string) =>
      fetch(`${app.url}/api/admin/programs`, {
        method: "POST",
        headers: { cookie, origin, "content-type": "application/json" },
        body: JSON.stringify({ slug: `p-${before}-${origin.length}`, name: "Probe", timeZone: "UTC" }),
      });
    const https = await post(app.url.replace("http://", "https://"));
    expect(https.status).toBe(403);
    expect((await https.json()).error.code).toBe("FORBIDDEN");
    expect(await app.db.program.count()).toBe(before);
    expect((await post(app.url)).status).toBe(201);
  });

  it("takes https from a trusted proxy's X-Forwarded-Proto, and ignores it from an untrusted client", () => {
    const req = (headers: Record<string, string>) =>
      ({ headers, socket: {} }) as unknown as import("node:http").IncomingMessage;
    const behindTls = req({ origin: "https://intake.example", host: "intake.example", "x-forwarded-proto": "https" });
    expect(originAllowed(behindTls, undefined, 1)).toBe(true);
    expect(originAllowed(behindTls, undefined, 0)).toBe(false);
    expect(originAllowed(req({ origin: "http://intake.example", host: "intake.example" }), undefined, 0)).toBe(true);
    expect(originAllowed(req({ origin: "http://intake.example:80", host: "intake.example" }), undefined, 0)).toBe(true);
    expect(originAllowed(req({ origin: "https://intake.example", host: "intake.example" }), undefined, 0)).toBe(false);
  });
});

describe("finding 6: concurrent connections are capped per address and per applicant", () => {
  const CAP_IP = 6;
  const CAP_APPLICANT = 3;
  let app: TestApp;
  let roundId: string;
  const open: Socket[] = [];
  const streams: SseStream[] = [];

  beforeAll(async () => {
    app = await startTestApp({
      next: false,
      rateLimit: { trustProxy: 1, connections: { ip: CAP_IP, applicant: CAP_APPLICANT } },
    });
    roundId = (await createOpenRound(app.db, app.clock.now())).id;
  });
  afterEach(() => {
    for (const socket of open.splice(0)) socket.disconnect();
    for (const stream of streams.splice(0)) stream.close();
  });
  afterAll(async () => {
    await app.stop();
  });

  /** A socket from `address`, as its proxy would say; resolves "connected", or the refusal's data. */
  function socketFrom(address: string, cookie?: string): Promise<"connected" | { code: string; message: string }> {
    const socket = connect(app.url, {
      transports: ["websocket"],
      forceNew: true,
      reconnection: false,
      extraHeaders: { "x-forwarded-for": address, ...(cookie ? { cookie } : {}) },
    });
    open.push(socket);
    return new Promise((resolve) => {
      socket.once("connect", () => resolve("connected"));
      socket.once("connect_error", (err) => resolve((err as Error & { data: { code: string; message: string } }).data));
    });
  }

  /** Closes a client socket and resolves once the server has seen it go (and given its place back). */
  const closeSocket = async (socket: Socket | undefined) => {
    const serverSide = socket?.id ? app.io.of("/").sockets.get(socket.id) : undefined;
    if (!socket || !serverSide) throw new Error("no such socket on the server");
    const gone = new Promise((resolve) => serverSide.once("disconnect", resolve));
    socket.disconnect();
    await gone;
  };

  /** The server gives a stream's place back when its response closes, which no event tells a client: look until it has. */
  const placeFreed = async (address: string) => {
    const deadline = Date.now() + 5000;
    while (app.rateLimiter.connections.count({ ip: address }) >= CAP_IP) {
      if (Date.now() > deadline) throw new Error(`${address} still holds ${CAP_IP} places`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };

  it("refuses the socket over an address's cap with TOO_MANY_CONNECTIONS, and takes one again after a close", async () => {
    const address = "10.6.0.1";
    for (let i = 0; i < CAP_IP; i++) expect(await socketFrom(address)).toBe("connected");
    expect(await socketFrom(address)).toEqual({
      code: "TOO_MANY_CONNECTIONS",
      message: expect.stringContaining(`${CAP_IP} live views`),
    });
    // Another address is not affected.
    expect(await socketFrom("10.6.0.2")).toBe("connected");
    await closeSocket(open[0]);
    expect(app.rateLimiter.connections.count({ ip: address })).toBe(CAP_IP - 1);
    expect(await socketFrom(address)).toBe("connected");
  });

  it("counts event streams with sockets, answering the stream over the cap 429 before it starts", async () => {
    const address = "10.6.0.3";
    for (let i = 0; i < CAP_IP - 1; i++) expect(await socketFrom(address)).toBe("connected");
    const stream = await openSse(`${app.url}/api/rounds/${roundId}/events`, { "x-forwarded-for": address });
    streams.push(stream);
    const refused = await fetch(`${app.url}/api/rounds/${roundId}/events`, { headers: { "x-forwarded-for": address } });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error).toEqual({
      code: "TOO_MANY_CONNECTIONS",
      message: expect.stringContaining("your network"),
    });
    stream.close();
    await placeFreed(address);
    expect(await socketFrom(address)).toBe("connected");
  });

  it("caps one applicant's sockets wherever they connect from", async () => {
    const { cookie } = await signIn(app, "Many Tabs");
    for (let i = 0; i < CAP_APPLICANT; i++) expect(await socketFrom(`10.6.1.${i}`, cookie)).toBe("connected");
    expect(await socketFrom("10.6.1.99", cookie)).toEqual({
      code: "TOO_MANY_CONNECTIONS",
      message: expect.stringContaining("you have"),
    });
    // Another applicant at the same address still gets in.
    expect(await socketFrom("10.6.1.99", (await signIn(app, "One Tab")).cookie)).toBe("connected");
  });
});

describe("finding 7: a query parameter named after a prototype key is an unknown parameter", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ next: true });
  });
  afterAll(async () => {
    await app.stop();
  });

  // Next drops `__proto__` from the query before a route sees it, so the custom server refuses it for every route.
  it("answers __proto__ and constructor with 400 naming them, like any other unknown parameter", async () => {
    const { cookie } = await signInAdmin(app);
    for (const name of ["__proto__", "constructor", "nonsense"]) {
      const res = await fetch(`${app.url}/api/analytics/heatmap?granularity=month&${name}=1`, { headers: { cookie } });
      expect(res.status, name).toBe(400);
      expect((await res.json()).error).toEqual({
        code: "INVALID_INPUT",
        message: expect.stringContaining(`unknown field "${name}"`),
      });
    }
    expect((await fetch(`${app.url}/api/analytics/heatmap?granularity=month`, { headers: { cookie } })).status).toBe(
      200,
    );
  });
});

describe("held before and kept: the bookings CSV neutralises formulas", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ next: true });
  });
  afterAll(async () => {
    await app.stop();
  });

  it("defuses names that a spreadsheet would run, through the real export route", async () => {
    const names = ["=cmd|' /C calc'!A0", "+1+1", "-2", "@SUM(A1)"];
    const round = await createOpenRound(app.db, app.clock.now(), { rows: 1, cols: names.length });
    for (const name of names) {
      const socket = await connectSocket(app.url, (await signIn(app, name)).cookie);
      const held = await command(socket, "seat:hold", { roundId: round.id });
      if (!held.ok) throw new Error(held.error.message);
      expect(await command(socket, "seat:confirm", { roundId: round.id, seatId: held.hold.seatId })).toMatchObject({
        ok: true,
      });
      socket.disconnect();
    }
    const { cookie } = await signInAdmin(app);
    const csv = await (
      await fetch(`${app.url}/api/admin/rounds/${round.id}/bookings.csv`, { headers: { cookie } })
    ).text();
    const cells = csv
      .trimEnd()
      .split("\r\n")
      .slice(1)
      .map((line) => line.split(",")[4] ?? "");
    expect(cells.sort()).toEqual(["'+1+1", "'-2", "'=cmd|' /C calc'!A0", "'@SUM(A1)"].sort());
  });
});
