import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../lib/clock.ts";
import { createOpenRound, HOUR } from "../lib/db/testing/test-db.ts";
import { command, connectSocket, errorCode, startTestApp, type TestApp } from "./testing/test-app.ts";

const T0 = Date.UTC(2026, 10, 22, 9, 0, 0);

describe("HTTP API (Next.js route handlers behind the custom server)", () => {
  const clock = createManualClock(T0);
  let app: TestApp;
  let roundId: string;

  beforeAll(async () => {
    app = await startTestApp({ clock, next: true });
    roundId = (
      await createOpenRound(app.db, T0, {
        deadline: T0 + 2 * HOUR,
        milestones: [
          { title: "Opened", dueAt: T0 - HOUR },
          { title: "Review", dueAt: T0 + HOUR },
          { title: "Kick-off" },
        ],
      })
    ).id;
  });
  afterAll(async () => {
    await app.stop();
  });

  const get = (path: string, cookie?: string) => fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {} });
  const postSession = (body: string) =>
    fetch(`${app.url}/api/session`, { method: "POST", body, headers: { "content-type": "application/json" } });

  it("reports health with a database check", async () => {
    const res = await get("/api/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: "up" });
  });

  it("lists rounds with seat counts", async () => {
    const body = await (await get("/api/rounds")).json();
    expect(body.ok).toBe(true);
    expect(body.rounds.find((r: { id: string }) => r.id === roundId)).toMatchObject({
      status: "OPEN",
      seatCount: 50,
      free: 50,
      held: 0,
      booked: 0,
    });
  });

  it("signs an applicant in with a signed httpOnly SameSite=Lax cookie that the socket handshake accepts", async () => {
    const res = await postSession(JSON.stringify({ name: "  Ada Lovelace " }));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, applicant: { name: "Ada Lovelace" } });
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^intake_session=Fe26\.2\*/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toContain("Ada");
    const cookie = setCookie.split(";")[0] as string;

    expect(await (await get("/api/session", cookie)).json()).toEqual({ ok: true, applicant: body.applicant });

    const socket = await connectSocket(app.url, cookie);
    const held = await command(socket, "seat:hold", { roundId });
    socket.disconnect();
    expect(held.ok).toBe(true);

    const snapshot = await (await get(`/api/rounds/${roundId}`, cookie)).json();
    expect(snapshot.seq).toBe(1);
    const mine = snapshot.seats.filter((s: { mine?: boolean }) => s.mine);
    expect(mine).toEqual([expect.objectContaining({ id: held.ok && held.hold.seatId, status: "HELD" })]);
    const anonymous = await (await get(`/api/rounds/${roundId}`)).json();
    expect(anonymous.seats.filter((s: { mine?: boolean }) => s.mine)).toEqual([]);
    expect(JSON.stringify(anonymous)).not.toContain(body.applicant.id);
  });

  it("refuses bad session input with INVALID_INPUT naming the field, and writes nothing", async () => {
    const before = await app.db.applicant.count();
    const cases: [string, string][] = [
      ["not json", "body"],
      [JSON.stringify({}), "name"],
      [JSON.stringify({ name: "" }), "name"],
      [JSON.stringify({ name: "x".repeat(61) }), "name"],
      [JSON.stringify({ name: "a\u0000b" }), "name"],
      [JSON.stringify({ name: 42 }), "name"],
      [JSON.stringify({ name: "Bo", admin: true }), "admin"],
      [JSON.stringify(["name"]), "payload"],
    ];
    for (const [body, field] of cases) {
      const res = await postSession(body);
      expect(res.status, body.slice(0, 40)).toBe(400);
      const json = await res.json();
      expect(json).toEqual({ ok: false, error: { code: "INVALID_INPUT", message: expect.stringContaining(field) } });
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    // Over the 16 KiB cap: 413, refused by the server before the route reads it.
    const tooLarge = await postSession(JSON.stringify("x".repeat(20_000)));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.json()).toEqual({
      ok: false,
      error: { code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("body") },
    });
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (value) => {
        fc.pre(!(value && typeof value === "object" && "name" in value));
        const res = await postSession(JSON.stringify(value) ?? "");
        expect(res.status).toBe(400);
      }),
      { numRuns: 100 },
    );
    expect(await app.db.applicant.count()).toBe(before);
  });

  it("keeps draft rounds unpublished", async () => {
    const draft = await createOpenRound(app.db, T0, { status: "DRAFT" });
    const { rounds } = await (await get("/api/rounds")).json();
    expect(rounds.map((r: { id: string }) => r.id)).not.toContain(draft.id);
    expect((await get(`/api/rounds/${draft.id}`)).status).toBe(404);
    expect((await get(`/api/rounds/${draft.id}/timer`)).status).toBe(404);
    const socket = await connectSocket(app.url);
    expect(errorCode(await command(socket, "round:join", { roundId: draft.id }))).toBe("NOT_FOUND");
    socket.disconnect();
  });

  it("answers unknown API paths with the JSON envelope and requires JSON bodies", async () => {
    const res = await fetch(`${app.url}/api/nope/nothing`, { method: "POST" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ ok: false, error: { code: "NOT_FOUND", message: "No such API route." } });
    const form = await fetch(`${app.url}/api/session`, {
      method: "POST",
      body: "name=Eve",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expect(form.status).toBe(400);
    expect((await form.json()).error.message).toContain("content-type");
  });

  it("answers unknown and malformed round ids with NOT_FOUND and INVALID_INPUT", async () => {
    const missing = await get("/api/rounds/nosuchround");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ ok: false, error: { code: "NOT_FOUND", message: "No such round." } });
    expect((await get("/api/rounds/nosuchround/timer")).status).toBe(404);
    const bad = await get(`/api/rounds/${encodeURIComponent("a b;drop")}`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toEqual({ code: "INVALID_INPUT", message: expect.stringContaining("id") });
  });

  it("gives a server-true timer: counting down, frozen while paused, 0 after the deadline", async () => {
    clock.set(T0 + 10_000);
    const open = await (await get(`/api/rounds/${roundId}/timer`)).json();
    expect(open).toEqual({
      ok: true,
      roundId,
      status: "OPEN",
      deadline: T0 + 2 * HOUR,
      serverNow: T0 + 10_000,
      remainingMs: 2 * HOUR - 10_000,
      nextMilestone: { position: 1, title: "Review", dueAt: T0 + HOUR },
    });

    await app.db.round.update({ where: { id: roundId }, data: { status: "PAUSED", pausedAt: new Date(T0 + 20_000) } });
    clock.set(T0 + 50_000);
    const paused = await (await get(`/api/rounds/${roundId}/timer`)).json();
    expect(paused).toMatchObject({ status: "PAUSED", serverNow: T0 + 50_000, remainingMs: 2 * HOUR - 20_000 });
    clock.set(T0 + 90_000);
    expect((await (await get(`/api/rounds/${roundId}/timer`)).json()).remainingMs).toBe(2 * HOUR - 20_000);

    await app.db.round.update({ where: { id: roundId }, data: { status: "OPEN", pausedAt: null } });
    clock.set(T0 + 2 * HOUR + 1);
    const late = await (await get(`/api/rounds/${roundId}/timer`)).json();
    expect(late).toMatchObject({ remainingMs: 0, nextMilestone: { title: "Kick-off", dueAt: null } });
    const socket = await connectSocket(app.url);
    expect(errorCode(await command(socket, "round:join", { roundId: "nosuchround" }))).toBe("NOT_FOUND");
    socket.disconnect();
  });
});
