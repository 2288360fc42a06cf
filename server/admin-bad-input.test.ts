import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../lib/clock.ts";
import { createOpenRound, dumpDatabase, HOUR } from "../lib/db/testing/test-db.ts";
import { callApi } from "./testing/admin-api.ts";
import { signInAdmin, startTestApp, type TestApp } from "./testing/test-app.ts";

const T0 = Date.UTC(2026, 10, 25, 9, 0, 0);

describe("admin forms and APIs refuse bad input with 400 naming the field, and write nothing", () => {
  const clock = createManualClock(T0);
  let app: TestApp;
  let cookie: string;
  let programId: string;
  let roundId: string;
  let seatId: string;

  beforeAll(async () => {
    app = await startTestApp({ clock, next: true });
    cookie = (await signInAdmin(app)).cookie;
    const round = await createOpenRound(app.db, T0, { rows: 2, cols: 3, deadline: T0 + HOUR });
    roundId = round.id;
    programId = round.programId;
    await app.db.program.update({ where: { id: programId }, data: { slug: "taken" } });
    seatId = (await app.db.seat.findFirstOrThrow({ where: { roundId } })).id;
  });
  afterAll(async () => {
    await app.stop();
  });

  const validRound = () => ({
    programId,
    title: "Spring",
    seatCount: 6,
    layout: { rows: 2, cols: 3 },
    opensAt: T0 - HOUR,
    deadline: T0 + 2 * HOUR,
    timeZone: "Europe/Berlin",
  });

  /** Everything a bad request could have touched, audit log included. */
  const snapshot = async () => ({
    ...((await dumpDatabase(app.db)) as object),
    audit: await app.db.auditEntry.count(),
  });

  async function expectRefused(method: "POST" | "PATCH" | "GET", path: string, body: unknown, field: string) {
    const before = await snapshot();
    const res = await callApi(app, method, path, { cookie, body });
    expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(400);
    expect(res.body).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    const message = (res.body.error as { message: string }).message;
    expect(message.startsWith(`${field}:`), `${message} should name ${field}`).toBe(true);
    expect(await snapshot()).toEqual(before);
    return message;
  }

  it("refuses a new round with a deadline in the past, opensAt after the deadline, no seats, a layout that does not match seatCount or a zone that does not exist", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ deadline: T0 - 1 }, "deadline", /must be in the future/],
      [{ opensAt: T0 + 3 * HOUR }, "opensAt", /must be before the deadline/],
      [{ opensAt: T0 + 2 * HOUR }, "opensAt", /must be before the deadline/],
      [{ seatCount: 0, layout: { rows: 0, cols: 3 } }, "seatCount", /at least 1/],
      [{ seatCount: -6 }, "seatCount", /at least 1/],
      [{ layout: { rows: -2, cols: 3 } }, "layout.rows", /at least 1/],
      [{ seatCount: 7 }, "seatCount", /must equal layout\.rows × layout\.cols \(2 × 3 = 6\)/],
      [{ layout: { rows: 2, cols: 4 } }, "seatCount", /2 × 4 = 8/],
      [{ timeZone: "Mars/Olympus_Mons" }, "timeZone", /not an IANA time zone/],
      [{ timeZone: "" }, "timeZone", /not an IANA time zone/],
      [{ holdSeconds: 0 }, "holdSeconds", /at least 10/],
      [{ programId: "no-such-program" }, "programId", /no such program/],
      [{ status: "OPEN" }, "payload", /unknown field "status"/],
      [{ deadline: "tomorrow" }, "deadline", /epoch milliseconds/],
      [{ title: "  " }, "title", /must not be empty/],
    ];
    for (const [patch, field, message] of cases) {
      expect(await expectRefused("POST", "/api/admin/rounds", { ...validRound(), ...patch }, field)).toMatch(message);
    }
    const { layout: _, ...withoutLayout } = validRound();
    await expectRefused("POST", "/api/admin/rounds", withoutLayout, "layout");
  });

  it("refuses bad edits of a live round the same way, including rules that need the stored round", async () => {
    const path = `/api/admin/rounds/${roundId}`;
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ deadline: T0 - 1 }, "deadline", /must be in the future/],
      [{ deadline: T0 + HOUR / 2 }, "deadline", /can only move later/],
      [{ opensAt: T0 + HOUR }, "opensAt", /must be before the deadline/],
      [{ opensAt: T0 + 2 * HOUR, deadline: T0 + HOUR }, "opensAt", /must be before the deadline/],
      [{ seatCount: 0, layout: { rows: 0, cols: 1 } }, "seatCount", /at least 1/],
      [{ seatCount: 5, layout: { rows: 2, cols: 3 } }, "seatCount", /2 × 3 = 6/],
      [{ layout: { rows: 3, cols: 3 } }, "seatCount", /send seatCount and layout together/],
      [{ timeZone: "Europe/Atlantis" }, "timeZone", /not an IANA time zone/],
      [{ holdSeconds: -1 }, "holdSeconds", /at least 10/],
      [{}, "payload", /name a field to change/],
      [{ seq: 99 }, "payload", /unknown field "seq"/],
    ];
    for (const [body, field, message] of cases)
      expect(await expectRefused("PATCH", path, body, field)).toMatch(message);
  });

  it("refuses bad round commands, seat commands, programs and audit queries", async () => {
    const base = `/api/admin/rounds/${roundId}`;
    await expectRefused("POST", `${base}/extend`, { deadline: T0 - 1 }, "deadline");
    await expectRefused("POST", `${base}/extend`, { deadline: T0 + HOUR }, "deadline");
    await expectRefused("POST", `${base}/extend`, {}, "deadline");
    await expectRefused("POST", `${base}/pause`, { reason: 42 }, "reason");
    await expectRefused("POST", `${base}/pause`, "not an object", "payload");
    await expectRefused("POST", `${base}/seats/${seatId}/release`, {}, "reason");
    await expectRefused("POST", `${base}/seats/${seatId}/release`, { reason: " " }, "reason");
    await expectRefused("POST", `${base}/seats/${seatId}/reassign`, { reason: "x" }, "toApplicantId");
    await expectRefused("POST", `${base}/seats/bad id/release`, { reason: "x" }, "seatId");
    await expectRefused("POST", "/api/admin/programs", { slug: "Bad Slug", name: "X", timeZone: "UTC" }, "slug");
    await expectRefused("POST", "/api/admin/programs", { slug: "taken", name: "X", timeZone: "UTC" }, "slug");
    await expectRefused("POST", "/api/admin/programs", { slug: "ok", name: "X", timeZone: "Nowhere/Land" }, "timeZone");
    await expectRefused("PATCH", `/api/admin/programs/${programId}`, { timeZone: "UTC" }, "payload");
    await expectRefused("GET", "/api/admin/audit?limit=0", undefined, "limit");
    await expectRefused("GET", `/api/admin/audit?from=${T0}&to=${T0 - 1}`, undefined, "from");
    await expectRefused("GET", "/api/admin/audit?who=me", undefined, "payload");
  });

  it("answers a round action that does not exist as an unknown route", async () => {
    const res = await callApi(app, "POST", `/api/admin/rounds/${roundId}/explode`, { cookie, body: {} });
    expect(res).toMatchObject({ status: 404, body: { ok: false, error: { code: "NOT_FOUND" } } });
  });

  it("requires a JSON body on every admin command, which keeps cross-site form posts out", async () => {
    const res = await fetch(`${app.url}/api/admin/rounds/${roundId}/close`, {
      method: "POST",
      headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
      body: "reason=x",
    });
    expect(res.status).toBe(400);
    expect((await app.db.round.findUniqueOrThrow({ where: { id: roundId } })).status).toBe("OPEN");
  });
});
