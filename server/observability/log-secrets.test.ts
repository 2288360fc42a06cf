import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../lib/clock.ts";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { SESSION_COOKIE } from "../../lib/server-only/session.ts";
import { createLogger } from "../log.ts";
import { captureLogs } from "../testing/observability.ts";
import {
  command,
  connectSocket,
  startTestApp,
  TEST_ADMIN_PASSWORD,
  TEST_SECRET,
  type TestApp,
} from "../testing/test-app.ts";

const T0 = Date.UTC(2026, 10, 22, 12, 0, 0);
const METRICS_TOKEN = "metrics-token-for-the-log-test-0123";
const WRONG_PASSWORD = "not-the-admin-password-9876";

/** The value of the session cookie a response sets. */
function sessionCookieOf(res: Response): string {
  const header = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  const value = header?.split(";")[0]?.slice(SESSION_COOKIE.length + 1);
  if (!value) throw new Error("no session cookie set");
  return value;
}

describe("logs after a full flow (Next routes, sockets, metrics)", () => {
  let app: TestApp;
  const logs = captureLogs();

  beforeAll(async () => {
    app = await startTestApp({
      clock: createManualClock(T0),
      next: true,
      adminPassword: TEST_ADMIN_PASSWORD,
      metricsToken: METRICS_TOKEN,
      // The most verbose level, and no list of secrets to scrub: nothing may log them in the first place.
      log: createLogger({ level: "trace", destination: logs.stream }),
    });
  });
  afterAll(async () => {
    await app.stop();
  });

  it("never contains the session cookie, SESSION_SECRET, ADMIN_PASSWORD or METRICS_TOKEN, and carries request ids", async () => {
    const { id: roundId } = await createOpenRound(app.db, T0);
    const requestIds: string[] = [];
    const call = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${app.url}${path}`, init);
      requestIds.push(res.headers.get("x-request-id") ?? "missing");
      return res;
    };
    const json = (body: unknown, cookie?: string): RequestInit => ({
      method: "POST",
      body: JSON.stringify(body),
      headers: { "content-type": "application/json", ...(cookie ? { cookie: `${SESSION_COOKIE}=${cookie}` } : {}) },
    });

    const signedIn = await call("/api/session", json({ name: "Ada" }));
    expect(signedIn.status).toBe(201);
    const applicantCookie = sessionCookieOf(signedIn);

    const refused = await call("/api/admin/session", json({ password: WRONG_PASSWORD }, applicantCookie));
    expect(refused.status).toBe(401);
    // Without the applicant's cookie: an admin sign-in over it would end the applicant's session.
    const admin = await call("/api/admin/session", json({ password: TEST_ADMIN_PASSWORD }));
    expect(admin.status).toBe(200);
    const adminCookie = sessionCookieOf(admin);
    const check = await call("/api/admin/session", { headers: { cookie: `${SESSION_COOKIE}=${adminCookie}` } });
    expect(check.status).toBe(200);

    const socket = await connectSocket(app.url, `${SESSION_COOKIE}=${applicantCookie}`);
    const held = await command(socket, "seat:hold", { roundId });
    if (!held.ok) throw new Error(held.error.message);
    const booked = await command(socket, "seat:confirm", { roundId, seatId: held.hold.seatId });
    expect(booked.ok).toBe(true);
    socket.disconnect();

    expect((await call("/metrics")).status).toBe(401);
    expect((await call("/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}x` } })).status).toBe(401);
    const scraped = await call("/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(scraped.status).toBe(200);
    await scraped.text();

    await expect.poll(() => logs.lines().filter((l) => l.msg === "http request").length).toBe(requestIds.length);
    const text = logs.text();
    for (const secret of [
      applicantCookie,
      adminCookie,
      TEST_SECRET,
      TEST_ADMIN_PASSWORD,
      WRONG_PASSWORD,
      METRICS_TOKEN,
    ]) {
      expect(text).not.toContain(secret);
      // Not even a recognisable piece of it.
      expect(text).not.toContain(secret.slice(0, 16));
    }

    for (const id of [...requestIds, held.requestId, booked.requestId]) expect(text).toContain(id);
    // A route handler's own line, written through getServices().log, carries its request's id.
    const refusal = logs.lines().find((l) => l.msg === "admin sign-in refused");
    expect(refusal?.requestId).toBe(requestIds[1]);
  });
});
