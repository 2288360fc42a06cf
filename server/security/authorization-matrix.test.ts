import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../../lib/clock.ts";
import { createOpenRound, HOUR } from "../../lib/db/testing/test-db.ts";
import { callApi } from "../testing/admin-api.ts";
import {
  command,
  connectSocket,
  errorCode,
  signIn,
  signInAdmin,
  startTestApp,
  type TestApp,
  type TestSocket,
} from "../testing/test-app.ts";

const T0 = Date.UTC(2026, 10, 24, 9, 0, 0);

type Actor = "anonymous" | "applicantA" | "applicantB" | "admin";
const actors: Actor[] = ["anonymous", "applicantA", "applicantB", "admin"];
/** What an actor is answered: allowed, or the refusal's code. */
type Verdict = "allowed" | "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_HOLDER";

/**
 * Every socket command and every admin route, for anonymous, applicant A,
 * applicant B and the admin. Refused calls must leave no trace: no audit row.
 * The admin's cookie has no applicant identity, so over Socket.IO the admin
 * is a watcher: admins act over HTTP, applicants over sockets.
 */
describe("authorization matrix: anonymous, applicant A, applicant B and admin × every command and admin route", () => {
  const clock = createManualClock(T0);
  let app: TestApp;
  const cookies: Partial<Record<Actor, string>> = {};
  const sockets: Partial<Record<Actor, TestSocket>> = {};
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    app = await startTestApp({ clock, next: true });
    const a = await signIn(app, "A");
    const b = await signIn(app, "B");
    const c = await signIn(app, "C");
    ids.a = a.applicantId;
    ids.b = b.applicantId;
    ids.c = c.applicantId;
    cookies.applicantA = a.cookie;
    cookies.applicantB = b.cookie;
    cookies.admin = (await signInAdmin(app)).cookie;
    for (const actor of actors) sockets[actor] = await connectSocket(app.url, cookies[actor]);
    const cSocket = await connectSocket(app.url, c.cookie);

    // R: A holds a seat (confirm); R3: A holds a seat (release); R2: free seats (hold); RF: full (waitlist).
    for (const name of ["R", "R2", "R3"]) ids[name] = (await createOpenRound(app.db, T0)).id;
    ids.RF = (await createOpenRound(app.db, T0, { rows: 1, cols: 1 })).id;
    for (const name of ["R", "R3"]) {
      const held = await command(sockets.applicantA as TestSocket, "seat:hold", { roundId: ids[name] as string });
      if (!held.ok) throw new Error(held.error.message);
      ids[`seat${name}`] = held.hold.seatId;
    }
    const full = await command(cSocket, "seat:hold", { roundId: ids.RF as string });
    if (!full.ok) throw new Error(full.error.message);
    // S: C holds a seat for the admin's reassign and release; D: a draft for the round commands.
    ids.S = (await createOpenRound(app.db, T0)).id;
    const cHold = await command(cSocket, "seat:hold", { roundId: ids.S });
    if (!cHold.ok) throw new Error(cHold.error.message);
    ids.seatS = cHold.hold.seatId;
    cSocket.disconnect();
    ids.D = (await createOpenRound(app.db, T0, { status: "DRAFT" })).id;
    ids.program = (await app.db.round.findUniqueOrThrow({ where: { id: ids.D } })).programId;
  });
  afterAll(async () => {
    for (const s of Object.values(sockets)) s?.disconnect();
    await app.stop();
  });

  const socketVerdicts: {
    event: string;
    send: (s: TestSocket) => Promise<{ ok: boolean } & object>;
    expected: Record<Actor, Verdict>;
  }[] = [
    {
      event: "round:join",
      send: (s) => command(s, "round:join", { roundId: ids.R as string }),
      expected: { anonymous: "allowed", applicantA: "allowed", applicantB: "allowed", admin: "allowed" },
    },
    {
      event: "round:leave",
      send: (s) => command(s, "round:leave", { roundId: ids.R as string }),
      expected: { anonymous: "allowed", applicantA: "allowed", applicantB: "allowed", admin: "allowed" },
    },
    {
      event: "time:sync",
      send: (s) => command(s, "time:sync", {}),
      expected: { anonymous: "allowed", applicantA: "allowed", applicantB: "allowed", admin: "allowed" },
    },
    {
      event: "seat:hold",
      send: (s) => command(s, "seat:hold", { roundId: ids.R2 as string }),
      expected: {
        anonymous: "UNAUTHENTICATED",
        applicantA: "allowed",
        applicantB: "allowed",
        admin: "UNAUTHENTICATED",
      },
    },
    {
      event: "seat:confirm",
      send: (s) => command(s, "seat:confirm", { roundId: ids.R as string, seatId: ids.seatR as string }),
      expected: {
        anonymous: "UNAUTHENTICATED",
        applicantB: "NOT_HOLDER",
        admin: "UNAUTHENTICATED",
        applicantA: "allowed",
      },
    },
    {
      event: "seat:release",
      send: (s) => command(s, "seat:release", { roundId: ids.R3 as string, seatId: ids.seatR3 as string }),
      expected: {
        anonymous: "UNAUTHENTICATED",
        applicantB: "NOT_HOLDER",
        admin: "UNAUTHENTICATED",
        applicantA: "allowed",
      },
    },
    {
      event: "waitlist:join",
      send: (s) => command(s, "waitlist:join", { roundId: ids.RF as string }),
      expected: {
        anonymous: "UNAUTHENTICATED",
        applicantA: "allowed",
        applicantB: "allowed",
        admin: "UNAUTHENTICATED",
      },
    },
    {
      event: "waitlist:leave",
      send: (s) => command(s, "waitlist:leave", { roundId: ids.RF as string }),
      expected: {
        anonymous: "UNAUTHENTICATED",
        applicantA: "allowed",
        applicantB: "allowed",
        admin: "UNAUTHENTICATED",
      },
    },
  ];

  it("answers every socket command as it should for each caller", async () => {
    const table: Record<string, Record<Actor, string>> = {};
    const expected: Record<string, Record<Actor, string>> = {};
    for (const row of socketVerdicts) {
      table[row.event] = {} as Record<Actor, string>;
      expected[row.event] = row.expected;
      // Keys in the order written: refused callers first, the allowed one last, so no call depends on another's success.
      for (const actor of Object.keys(row.expected) as Actor[]) {
        const ack = await row.send(sockets[actor] as TestSocket);
        (table[row.event] as Record<Actor, string>)[actor] = ack.ok ? "allowed" : (errorCode(ack as never) ?? "?");
      }
    }
    expect(table).toEqual(expected);
  });

  const adminRoutes: { name: string; method: "GET" | "POST" | "PATCH"; path: () => string; body?: () => unknown }[] = [
    { name: "GET programs", method: "GET", path: () => "/api/admin/programs" },
    {
      name: "POST programs",
      method: "POST",
      path: () => "/api/admin/programs",
      body: () => ({ slug: "matrix", name: "Matrix", timeZone: "UTC" }),
    },
    {
      name: "PATCH program",
      method: "PATCH",
      path: () => `/api/admin/programs/${ids.program}`,
      body: () => ({ description: "edited" }),
    },
    {
      name: "POST rounds",
      method: "POST",
      path: () => "/api/admin/rounds",
      body: () => ({
        programId: ids.program,
        title: "New",
        seatCount: 4,
        layout: { rows: 2, cols: 2 },
        opensAt: T0,
        deadline: T0 + HOUR,
        timeZone: "UTC",
      }),
    },
    { name: "GET round", method: "GET", path: () => `/api/admin/rounds/${ids.D}` },
    {
      name: "PATCH round",
      method: "PATCH",
      path: () => `/api/admin/rounds/${ids.D}`,
      body: () => ({ title: "Renamed" }),
    },
    { name: "open", method: "POST", path: () => `/api/admin/rounds/${ids.D}/open`, body: () => ({}) },
    { name: "pause", method: "POST", path: () => `/api/admin/rounds/${ids.D}/pause`, body: () => ({}) },
    { name: "resume", method: "POST", path: () => `/api/admin/rounds/${ids.D}/resume`, body: () => ({}) },
    {
      name: "extend",
      method: "POST",
      path: () => `/api/admin/rounds/${ids.D}/extend`,
      body: () => ({ deadline: T0 + 2 * HOUR }),
    },
    {
      name: "reassign",
      method: "POST",
      path: () => `/api/admin/rounds/${ids.S}/seats/${ids.seatS}/reassign`,
      body: () => ({ toApplicantId: ids.b, reason: "matrix" }),
    },
    {
      name: "release",
      method: "POST",
      path: () => `/api/admin/rounds/${ids.S}/seats/${ids.seatS}/release`,
      body: () => ({ reason: "matrix" }),
    },
    { name: "close", method: "POST", path: () => `/api/admin/rounds/${ids.D}/close`, body: () => ({}) },
    { name: "bookings.csv", method: "GET", path: () => `/api/admin/rounds/${ids.R}/bookings.csv` },
    { name: "audit", method: "GET", path: () => "/api/admin/audit" },
    { name: "session", method: "GET", path: () => "/api/admin/session" },
    { name: "analytics programs", method: "GET", path: () => "/api/analytics/programs" },
    { name: "analytics heatmap", method: "GET", path: () => "/api/analytics/heatmap" },
    {
      name: "analytics compare",
      method: "GET",
      path: () => "/api/analytics/compare?aFrom=2026-01-01&aTo=2026-06-30&bFrom=2026-07-01&bTo=2026-11-24",
    },
  ];

  it("answers every admin route 401 to anonymous, 403 to applicants and allows the admin; refusals write nothing", async () => {
    const table: Record<string, Record<Actor, number>> = {};
    for (const route of adminRoutes) {
      const row = {} as Record<Actor, number>;
      for (const actor of ["anonymous", "applicantA", "applicantB"] as const) {
        const audits = await app.db.auditEntry.count();
        const res = await callApi(app, route.method, route.path(), { cookie: cookies[actor], body: route.body?.() });
        row[actor] = res.status;
        expect(res.body, `${route.name} as ${actor}`).toMatchObject({
          ok: false,
          error: { code: actor === "anonymous" ? "UNAUTHENTICATED" : "FORBIDDEN" },
        });
        expect(await app.db.auditEntry.count()).toBe(audits);
      }
      const res = await callApi(app, route.method, route.path(), { cookie: cookies.admin, body: route.body?.() });
      row.admin = res.status;
      expect(res.body.ok, `${route.name} as admin: ${JSON.stringify(res.body)}`).toBe(true);
      table[route.name] = row;
    }
    const expected = Object.fromEntries(
      adminRoutes.map((r) => [
        r.name,
        {
          anonymous: 401,
          applicantA: 403,
          applicantB: 403,
          admin: r.name === "POST programs" || r.name === "POST rounds" ? 201 : 200,
        },
      ]),
    );
    expect(table).toEqual(expected);
    // The admin's commands went through the engine and the rules: the draft went all the way to CLOSED.
    expect((await app.db.round.findUniqueOrThrow({ where: { id: ids.D } })).status).toBe("CLOSED");
    expect((await app.db.seat.findUniqueOrThrow({ where: { id: ids.seatS } })).status).toBe("FREE");
  });

  it("shows /api/audit/mine to applicants only, each their own entries", async () => {
    const anonymous = await callApi(app, "GET", "/api/audit/mine");
    expect(anonymous).toMatchObject({ status: 401, body: { error: { code: "UNAUTHENTICATED" } } });
    const adminOnly = await callApi(app, "GET", "/api/audit/mine", { cookie: cookies.admin });
    expect(adminOnly.status).toBe(401);

    const mineA = await callApi(app, "GET", "/api/audit/mine", { cookie: cookies.applicantA });
    const mineB = await callApi(app, "GET", "/api/audit/mine", { cookie: cookies.applicantB });
    expect(mineA.status).toBe(200);
    expect(mineB.status).toBe(200);
    const entriesA = mineA.body.entries as { roundId: string; action: string }[];
    const entriesB = mineB.body.entries as { roundId: string; action: string }[];
    expect(entriesA.length).toBeGreaterThan(0);
    expect(JSON.stringify(mineA.body)).not.toContain(ids.b);
    expect(JSON.stringify(mineB.body)).not.toContain(ids.a);
    // B was reassigned C's seat by the admin and lost it to the admin's release: both are B's entries.
    expect(entriesB.filter((e) => e.roundId === ids.S).map((e) => e.action)).toEqual([
      "seat.admin-release",
      "seat.admin-reassign",
    ]);
    expect(JSON.stringify(mineB.body)).not.toContain(ids.c);
  });
});
