import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../lib/clock.ts";
import { createOpenRound } from "../../lib/db/testing/test-db.ts";
import { sendRequest } from "../testing/admin-api.ts";
import { nextEvent, openSse } from "../testing/sse-client.ts";
import {
  command,
  connectSocket,
  errorCode,
  startTestApp,
  TEST_ADMIN_PASSWORD,
  type TestApp,
  type TestSocket,
} from "../testing/test-app.ts";

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);

/** The HTTP calls a browser makes, with the cookie it would carry. */
function browserOf(app: TestApp) {
  const request = (path: string, init: Parameters<typeof sendRequest>[2] = {}) => sendRequest(app, path, init);
  const cookieOf = (res: Response) => {
    const set = res.headers.getSetCookie().find((c) => c.startsWith("intake_session="));
    if (!set) throw new Error(`no session cookie set (status ${res.status})`);
    return set.split(";")[0] as string;
  };
  return {
    request,
    cookieOf,
    /** POST /api/session as a browser does; the new cookie. */
    async signInApplicant(name: string, cookie?: string) {
      const res = await request("/api/session", { method: "POST", body: { name }, cookie });
      expect(res.status).toBe(201);
      return cookieOf(res);
    },
    /** POST /api/admin/session as the login page does; the new cookie. */
    async signInAdmin(cookie?: string) {
      const res = await request("/api/admin/session", {
        method: "POST",
        body: { password: TEST_ADMIN_PASSWORD },
        cookie,
      });
      expect(res.status).toBe(200);
      return cookieOf(res);
    },
    async applicantOf(cookie: string) {
      return (await (await request("/api/session", { cookie })).json()).applicant as { id: string } | null;
    },
  };
}

/** Resolves when the server disconnects the socket, with the reason. */
const disconnected = (socket: TestSocket) =>
  new Promise<string>((resolve) => socket.once("disconnect", (reason) => resolve(reason)));

describe("sign-out ends the session on the server (real server, Next.js routes, sockets and streams)", () => {
  const clock = createManualClock(T0);
  let app: TestApp;
  let browser: ReturnType<typeof browserOf>;
  beforeAll(async () => {
    app = await startTestApp({ clock, next: true, adminPassword: TEST_ADMIN_PASSWORD });
    browser = browserOf(app);
  });
  afterAll(async () => {
    await app.stop();
  });

  it("refuses the old admin cookie with 401 after DELETE /api/admin/session", async () => {
    const cookie = await browser.signInAdmin();
    expect((await browser.request("/api/admin/programs", { cookie })).status).toBe(200);

    const signedOut = await browser.request("/api/admin/session", { method: "DELETE", cookie });
    expect(signedOut.status).toBe(200);
    expect(signedOut.headers.get("set-cookie")).toMatch(/^intake_session=;.*Max-Age=0/i);

    // The browser dropped the cookie; whoever kept a copy is now anonymous.
    const replayed = await browser.request("/api/admin/programs", { cookie });
    expect(replayed.status).toBe(401);
    expect((await replayed.json()).error.code).toBe("UNAUTHENTICATED");
    expect((await browser.request("/admin", { cookie })).headers.get("location")).toBe("/admin/login?next=%2Fadmin");
  });

  it("makes the old applicant cookie anonymous after DELETE /api/session and ends that session's socket and stream only", async () => {
    const round = await createOpenRound(app.db, clock.now());
    const ada = await browser.signInApplicant("Ada");
    const grace = await browser.signInApplicant("Grace");
    const adaSocket = await connectSocket(app.url, ada);
    const graceSocket = await connectSocket(app.url, grace);
    const adaStream = await openSse(`${app.url}/api/rounds/${round.id}/events`, { cookie: ada });
    const graceStream = await openSse(`${app.url}/api/rounds/${round.id}/events`, { cookie: grace });
    try {
      expect((await nextEvent(adaStream)).event).toBe("snapshot");
      expect((await nextEvent(graceStream)).event).toBe("snapshot");
      expect((await command(adaSocket, "seat:hold", { roundId: round.id })).ok).toBe(true);

      const adaGone = disconnected(adaSocket);
      const signedOut = await browser.request("/api/session", { method: "DELETE", cookie: ada });
      expect(signedOut.status).toBe(200);
      expect(await adaGone).toBe("io server disconnect");
      await adaStream.ended;

      expect(await browser.applicantOf(ada)).toBeNull();
      const replayed = await connectSocket(app.url, ada);
      try {
        expect(errorCode(await command(replayed, "seat:hold", { roundId: round.id }))).toBe("UNAUTHENTICATED");
      } finally {
        replayed.disconnect();
      }

      // Grace's session is untouched: her socket still claims as her, her stream still delivers.
      expect(graceSocket.connected).toBe(true);
      const seats = nextEvent(graceStream);
      expect((await command(graceSocket, "seat:hold", { roundId: round.id })).ok).toBe(true);
      expect((await seats).event).toBe("seats");
      expect((await browser.applicantOf(grace))?.id).toEqual(expect.any(String));
    } finally {
      adaSocket.disconnect();
      graceSocket.disconnect();
      adaStream.close();
      graceStream.close();
    }
  });

  it("gives an admin sign-in over a planted applicant cookie a fresh session without that applicant, and revokes the planted one", async () => {
    const planted = await browser.signInApplicant("Mallory");
    const plantedSocket = await connectSocket(app.url, planted);
    try {
      const plantedGone = disconnected(plantedSocket);
      const admin = await browser.signInAdmin(planted);
      expect(admin).not.toBe(planted);
      expect((await browser.request("/api/admin/session", { cookie: admin })).status).toBe(200);
      expect(await browser.applicantOf(admin)).toBeNull();

      // Signing in ended the session the browser brought, as a sign-out would.
      expect(await plantedGone).toBe("io server disconnect");
      expect(await browser.applicantOf(planted)).toBeNull();
      expect((await browser.request("/api/admin/session", { cookie: planted })).status).toBe(401);

      // And the other way round: an applicant sign-in over an admin cookie leaves no admin behind.
      const applicant = await browser.signInApplicant("Linus", admin);
      expect((await browser.request("/api/admin/session", { cookie: applicant })).status).toBe(403);
      expect((await browser.request("/api/admin/session", { cookie: admin })).status).toBe(401);
    } finally {
      plantedSocket.disconnect();
    }
  });
});

describe("revocation across instances", () => {
  const clock = createManualClock(T0);
  let front: TestApp;
  let other: TestApp;
  beforeAll(async () => {
    // Next's route handlers find their services through one global per process, so only one
    // instance here serves Next; the other answers Socket.IO from the same SQLite file and secret.
    other = await startTestApp({ clock });
    front = await startTestApp({ clock, next: true, databaseUrl: other.databaseUrl });
  });
  afterAll(async () => {
    await front.stop();
    await other.stop();
  });

  it("refuses a cookie signed out through one instance at the other's handshake", async () => {
    const round = await createOpenRound(front.db, clock.now());
    const browser = browserOf(front);
    const cookie = await browser.signInApplicant("Ada");
    const before = await connectSocket(other.url, cookie);
    try {
      expect((await command(before, "seat:hold", { roundId: round.id })).ok).toBe(true);
    } finally {
      before.disconnect();
    }

    expect((await browser.request("/api/session", { method: "DELETE", cookie })).status).toBe(200);

    const after = await connectSocket(other.url, cookie);
    try {
      expect(errorCode(await command(after, "waitlist:join", { roundId: round.id }))).toBe("UNAUTHENTICATED");
      expect(errorCode(await command(after, "seat:hold", { roundId: round.id }))).toBe("UNAUTHENTICATED");
    } finally {
      after.disconnect();
    }
  });
});
