import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createManualClock } from "../lib/clock.ts";
import { createOpenRound, HOUR } from "../lib/db/testing/test-db.ts";
import { remainingMs } from "../lib/domain/round-clock.ts";
import { BoardSync } from "../lib/realtime/board-sync.ts";
import type { RoundUpdated } from "../lib/realtime/events.ts";
import type { Tracing } from "./observability/tracing.ts";
import { callApi } from "./testing/admin-api.ts";
import { traceInMemory } from "./testing/observability.ts";
import {
  command,
  connectSocket,
  errorCode,
  nextEvent,
  signIn,
  signInAdmin,
  startTestApp,
  type TestApp,
  type TestSocket,
} from "./testing/test-app.ts";

const T0 = Date.UTC(2026, 10, 23, 9, 0, 0);
const MINUTE = 60_000;

const newTraceId = () => randomBytes(16).toString("hex");

describe("admin round controls through the engine (real server, sockets, manual clock)", () => {
  const clock = createManualClock(T0);
  let app: TestApp;
  let tracing: Tracing;
  let adminCookie: string;
  const sockets: TestSocket[] = [];

  beforeAll(async () => {
    ({ tracing } = await traceInMemory());
    app = await startTestApp({ clock, next: true });
    adminCookie = (await signInAdmin(app)).cookie;
  });
  afterAll(async () => {
    for (const s of sockets) s.disconnect();
    await app.stop();
    await tracing.shutdown();
  });

  const open = (path: string, body: unknown, ids: { requestId: string; traceId?: string }) =>
    callApi(app, "POST", path, { cookie: adminCookie, body, ...ids });
  const timer = async (roundId: string) =>
    (await (await fetch(`${app.url}/api/rounds/${roundId}/timer`)).json()) as { remainingMs: number; deadline: number };
  const auditOf = (requestId: string) => app.db.auditEntry.findMany({ where: { requestId }, orderBy: { id: "asc" } });

  async function watcher(roundId: string, cookie?: string) {
    const socket = await connectSocket(app.url, cookie);
    sockets.push(socket);
    const sync = new BoardSync();
    const gaps: number[] = [];
    socket.on("seats:updated", (event) => {
      if (sync.receive({ kind: "seats", event }) === "gap") gaps.push(event.seq);
    });
    socket.on("round:updated", (event) => {
      if (sync.receive({ kind: "round", event }) === "gap") gaps.push(event.seq);
    });
    const ack = await command(socket, "round:join", { roundId });
    if (!ack.ok) throw new Error(ack.error.message);
    sync.loadSnapshot(ack.snapshot);
    return { socket, sync, gaps };
  }

  async function applicant(name: string, roundId: string) {
    const { cookie, applicantId } = await signIn(app, name);
    const w = await watcher(roundId, cookie);
    return { ...w, cookie, applicantId };
  }

  it("pause freezes remainingMs on the timer API and for every watcher; resume goes on from where it stopped", async () => {
    const round = await createOpenRound(app.db, clock.now(), { deadline: clock.now() + HOUR });
    const w1 = await watcher(round.id);
    const ada = await applicant("Ada", round.id);
    clock.advance(10 * MINUTE);

    const pausedEvents = [w1, ada].map((w) => nextEvent(w.socket, "round:updated"));
    const traceId = newTraceId();
    const paused = await open(
      `/api/admin/rounds/${round.id}/pause`,
      { reason: "fire drill" },
      {
        requestId: "pause-1",
        traceId,
      },
    );
    expect(paused.status).toBe(200);
    expect(paused.body).toMatchObject({
      ok: true,
      requestId: "pause-1",
      outcome: "OK",
      seq: 1,
      round: { status: "PAUSED", pausedAt: clock.now() },
    });
    for (const event of await Promise.all(pausedEvents)) {
      expect(event).toMatchObject({ roundId: round.id, seq: 1, round: { status: "PAUSED", pausedAt: clock.now() } });
    }
    expect((await timer(round.id)).remainingMs).toBe(50 * MINUTE);

    clock.advance(20 * MINUTE);
    expect((await timer(round.id)).remainingMs).toBe(50 * MINUTE);
    for (const w of [w1, ada]) {
      const view = w.sync.board?.round;
      if (!view) throw new Error("no board");
      expect(remainingMs(view, clock.now())).toBe(50 * MINUTE);
    }
    // Applicants' commands obey the same rule: a paused round takes no claims.
    expect(errorCode(await command(ada.socket, "seat:hold", { roundId: round.id }))).toBe("ROUND_NOT_OPEN");

    const resumedEvents = [w1, ada].map((w) => nextEvent(w.socket, "round:updated"));
    const resumed = await open(`/api/admin/rounds/${round.id}/resume`, {}, { requestId: "resume-1", traceId });
    expect(resumed.body).toMatchObject({ ok: true, requestId: "resume-1", outcome: "OK", seq: 2 });
    expect((await timer(round.id)).remainingMs).toBe(50 * MINUTE);
    for (const event of await Promise.all(resumedEvents)) {
      expect(event.round).toMatchObject({ status: "OPEN", pausedAt: null, deadline: T0 + HOUR + 20 * MINUTE });
    }
    clock.advance(5 * MINUTE);
    expect((await timer(round.id)).remainingMs).toBe(45 * MINUTE);
    for (const w of [w1, ada])
      expect(remainingMs(w.sync.board?.round as RoundUpdated["round"], clock.now())).toBe(45 * MINUTE);
    expect((await command(ada.socket, "seat:hold", { roundId: round.id })).ok).toBe(true);

    const [pause] = await auditOf("pause-1");
    expect(pause).toMatchObject({
      actorType: "admin",
      actorId: null,
      action: "round.pause",
      roundId: round.id,
      outcome: "OK",
      requestId: "pause-1",
      traceId,
      detail: "fire drill",
    });
    expect(JSON.parse(pause?.before ?? "")).toMatchObject({ status: "OPEN", pausedAt: null });
    expect(JSON.parse(pause?.after ?? "")).toMatchObject({ status: "PAUSED", pausedAt: T0 + 10 * MINUTE });
    expect(await auditOf("resume-1")).toEqual([
      expect.objectContaining({ action: "round.resume", outcome: "OK", requestId: "resume-1", traceId }),
    ]);
    expect(w1.gaps).toEqual([]);
    expect(ada.gaps).toEqual([]);
  });

  it("gives seats left free during a pause to the waitlist the moment the round resumes", async () => {
    const round = await createOpenRound(app.db, clock.now(), { rows: 1, cols: 1 });
    const ada = await applicant("Ada", round.id);
    const bo = await applicant("Bo", round.id);
    const held = await command(ada.socket, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);
    expect(await command(bo.socket, "waitlist:join", { roundId: round.id })).toMatchObject({ ok: true, position: 1 });

    await open(`/api/admin/rounds/${round.id}/pause`, {}, { requestId: "pause-2" });
    expect((await command(ada.socket, "seat:release", { roundId: round.id, seatId: held.hold.seatId })).ok).toBe(true);
    expect((await app.db.seat.findUniqueOrThrow({ where: { id: held.hold.seatId } })).status).toBe("FREE");

    const offer = new Promise((resolve) => bo.socket.once("waitlist:offer", resolve));
    const resumed = await open(`/api/admin/rounds/${round.id}/resume`, {}, { requestId: "resume-2" });
    expect(resumed.body.ok).toBe(true);
    expect(await offer).toMatchObject({ roundId: round.id, seatId: held.hold.seatId });
    expect(await app.db.seat.findUniqueOrThrow({ where: { id: held.hold.seatId } })).toMatchObject({
      status: "HELD",
      holderId: bo.applicantId,
    });
    expect((await auditOf("resume-2")).map((e) => [e.action, e.actorType, e.holderAfter])).toEqual([
      ["round.resume", "admin", null],
      ["seat.offer", "system", bo.applicantId],
    ]);
  });

  it("extend moves the deadline for every watcher, later only", async () => {
    const round = await createOpenRound(app.db, clock.now(), { deadline: clock.now() + HOUR });
    const watchers = [await watcher(round.id), await applicant("Cy", round.id)];
    const later = clock.now() + 3 * HOUR;
    const events = watchers.map((w) => nextEvent(w.socket, "round:updated"));
    const traceId = newTraceId();
    const extended = await open(
      `/api/admin/rounds/${round.id}/extend`,
      { deadline: later },
      {
        requestId: "extend-1",
        traceId,
      },
    );
    expect(extended.body).toMatchObject({ ok: true, requestId: "extend-1", round: { deadline: later } });
    for (const event of await Promise.all(events)) expect(event.round.deadline).toBe(later);
    expect(await timer(round.id)).toMatchObject({ deadline: later, remainingMs: 3 * HOUR });
    expect(await auditOf("extend-1")).toEqual([
      expect.objectContaining({ action: "round.extend", outcome: "OK", traceId }),
    ]);

    const earlier = await open(
      `/api/admin/rounds/${round.id}/extend`,
      { deadline: later - 1 },
      { requestId: "extend-2" },
    );
    expect(earlier.status).toBe(400);
    expect(earlier.body).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" }, requestId: "extend-2" });
    expect((earlier.body.error as { message: string }).message).toMatch(/^deadline: must be later than/);
    expect(await auditOf("extend-2")).toEqual([]);
  });

  it("close ends claims with ROUND_NOT_OPEN; a second close is refused and audited", async () => {
    const round = await createOpenRound(app.db, clock.now());
    const ada = await applicant("Ada", round.id);
    const bo = await applicant("Bo", round.id);
    const held = await command(ada.socket, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);

    const closedEvent = nextEvent(bo.socket, "round:updated");
    const traceId = newTraceId();
    const closed = await open(
      `/api/admin/rounds/${round.id}/close`,
      { reason: "cohort full" },
      {
        requestId: "close-1",
        traceId,
      },
    );
    expect(closed.body).toMatchObject({ ok: true, round: { status: "CLOSED" } });
    expect((await closedEvent).round.status).toBe("CLOSED");
    expect((await timer(round.id)).remainingMs).toBe(0);
    expect(errorCode(await command(bo.socket, "seat:hold", { roundId: round.id }))).toBe("ROUND_NOT_OPEN");
    expect(errorCode(await command(ada.socket, "seat:confirm", { roundId: round.id, seatId: held.hold.seatId }))).toBe(
      "ROUND_NOT_OPEN",
    );
    expect(errorCode(await command(bo.socket, "waitlist:join", { roundId: round.id }))).toBe("ROUND_NOT_OPEN");

    const again = await open(`/api/admin/rounds/${round.id}/close`, {}, { requestId: "close-2", traceId });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ ok: false, error: { code: "INVALID_TRANSITION" }, requestId: "close-2" });
    expect(await auditOf("close-1")).toEqual([
      expect.objectContaining({ action: "round.close", outcome: "OK", traceId, detail: "cohort full" }),
    ]);
    expect(await auditOf("close-2")).toEqual([
      expect.objectContaining({ action: "round.close", outcome: "INVALID_TRANSITION", traceId, after: null }),
    ]);
  });

  it("an admin release frees a booked seat for everyone, withdraws the admission, and the next applicant gets it", async () => {
    const round = await createOpenRound(app.db, clock.now());
    const w = await watcher(round.id);
    const ada = await applicant("Ada", round.id);
    const bo = await applicant("Bo", round.id);
    const held = await command(ada.socket, "seat:hold", { roundId: round.id, requestId: "ada-hold" });
    if (!held.ok) throw new Error(held.error.message);
    const seatId = held.hold.seatId;
    expect(
      (await command(ada.socket, "seat:confirm", { roundId: round.id, seatId, requestId: "ada-confirm" })).ok,
    ).toBe(true);
    expect(errorCode(await command(bo.socket, "seat:hold", { roundId: round.id, seatId }))).toBe("SEAT_TAKEN");

    const freed = nextEvent(w.socket, "seats:updated", (e) => e.seats.some((s) => s.seatId === seatId));
    const traceId = newTraceId();
    const released = await open(
      `/api/admin/rounds/${round.id}/seats/${seatId}/release`,
      { reason: "duplicate application" },
      { requestId: "release-1", traceId },
    );
    expect(released.body).toMatchObject({
      ok: true,
      requestId: "release-1",
      outcome: "OK",
      seat: { id: seatId, status: "FREE", holderId: null },
    });
    expect((await freed).seats).toEqual([{ seatId, status: "FREE" }]);
    expect(await app.db.booking.count({ where: { seatId } })).toBe(0);
    expect(await app.db.application.findMany({ where: { roundId: round.id }, select: { outcome: true } })).toEqual([
      { outcome: "WITHDRAWN" },
    ]);
    const rollup = await app.db.applicationDaily.findMany({ where: { programId: round.programId, channel: "live" } });
    expect(rollup).toEqual([expect.objectContaining({ applications: 1, admitted: 0, withdrawn: 1 })]);

    expect((await command(bo.socket, "seat:hold", { roundId: round.id, seatId })).ok).toBe(true);
    expect(w.sync.board?.seats.find((s) => s.id === seatId)?.status).toBe("HELD");
    expect(w.gaps).toEqual([]);

    const [row] = await auditOf("release-1");
    expect(row).toMatchObject({
      actorType: "admin",
      action: "seat.admin-release",
      roundId: round.id,
      seatId,
      holderBefore: ada.applicantId,
      holderAfter: null,
      outcome: "OK",
      traceId,
      detail: "duplicate application",
    });
    expect(JSON.parse(row?.before ?? "")).toEqual({ status: "BOOKED", heldUntil: null });
    expect(JSON.parse(row?.after ?? "")).toEqual({ status: "FREE", heldUntil: null });

    // Ada sees her own story, the admin's reason included, and nothing of Bo's.
    const mine = await callApi(app, "GET", `/api/audit/mine?roundId=${round.id}`, { cookie: ada.cookie });
    const entries = mine.body.entries as { action: string; actor: string; detail: string | null }[];
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ["seat.admin-release", "admin"],
      ["seat.confirm", "you"],
      ["seat.hold", "you"],
    ]);
    expect(entries[0]?.detail).toBe("duplicate application");
    expect(JSON.stringify(mine.body)).not.toContain(bo.applicantId);
  });

  it("reassigns a hold to another applicant under the one-seat rule", async () => {
    const round = await createOpenRound(app.db, clock.now());
    const ada = await applicant("Ada", round.id);
    const bo = await applicant("Bo", round.id);
    const cy = await applicant("Cy", round.id);
    const held = await command(ada.socket, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);
    expect((await command(cy.socket, "seat:hold", { roundId: round.id })).ok).toBe(true);
    const seatId = held.hold.seatId;
    const path = `/api/admin/rounds/${round.id}/seats/${seatId}/reassign`;

    const refused = await open(path, { toApplicantId: cy.applicantId, reason: "swap" }, { requestId: "reassign-1" });
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ error: { code: "ALREADY_HAS_SEAT" }, requestId: "reassign-1" });

    const toldBo = nextEvent(bo.socket, "seat:assigned");
    const seenByAda = nextEvent(ada.socket, "seats:updated", (e) => e.seats.some((c) => c.seatId === seatId));
    const moved = await open(path, { toApplicantId: bo.applicantId, reason: "swap" }, { requestId: "reassign-2" });
    expect(moved.body).toMatchObject({ ok: true, seat: { id: seatId, status: "HELD", holderId: bo.applicantId } });
    // Everyone hears the seat go FREE then HELD (so Ada's "mine" mark drops); only Bo hears it is now his.
    expect((await seenByAda).seats.filter((c) => c.seatId === seatId).map((c) => c.status)).toEqual(["FREE", "HELD"]);
    expect(await toldBo).toEqual({
      roundId: round.id,
      seatId,
      label: held.hold.label,
      status: "HELD",
      heldUntil: held.hold.expiresAt,
    });
    expect(errorCode(await command(ada.socket, "seat:confirm", { roundId: round.id, seatId }))).toBe("NOT_HOLDER");
    expect((await command(bo.socket, "seat:confirm", { roundId: round.id, seatId })).ok).toBe(true);
    const [refusedRow] = await auditOf("reassign-1");
    expect([refusedRow?.action, refusedRow?.outcome, refusedRow?.holderBefore, refusedRow?.after]).toEqual([
      "seat.admin-reassign",
      "ALREADY_HAS_SEAT",
      null,
      null,
    ]);
    // The refusal names no holder in the columns (it is not among Ada's entries), but its state says whose seat it was.
    expect(JSON.parse(refusedRow?.before ?? "")).toEqual({
      status: "HELD",
      holderId: ada.applicantId,
      heldUntil: held.hold.expiresAt,
    });
    expect((await auditOf("reassign-2")).map((e) => [e.holderBefore, e.holderAfter])).toEqual([
      [ada.applicantId, bo.applicantId],
    ]);
  });

  it("closes a round at its deadline as the system, in the audit log too", async () => {
    const round = await createOpenRound(app.db, clock.now(), { deadline: clock.now() + 1000 });
    const w = await watcher(round.id);
    const closed = nextEvent(w.socket, "round:updated");
    clock.advance(1000);
    await app.engine.sweep();
    expect((await closed).round.status).toBe("CLOSED");
    expect(await app.db.auditEntry.findMany({ where: { roundId: round.id } })).toEqual([
      expect.objectContaining({ actorType: "system", action: "round.close", outcome: "OK" }),
    ]);
  });

  it("creates a draft, edits it, opens it and exports its bookings", async () => {
    const programs = await callApi(app, "POST", "/api/admin/programs", {
      cookie: adminCookie,
      body: { slug: "design-mentoring", name: "Design mentoring", timeZone: "Europe/Berlin" },
      requestId: "program-1",
    });
    expect(programs.status).toBe(201);
    const programId = (programs.body.program as { id: string }).id;
    const body = {
      programId,
      title: "Spring",
      seatCount: 6,
      layout: { rows: 2, cols: 3 },
      opensAt: clock.now() - HOUR,
      deadline: clock.now() + 2 * HOUR,
      timeZone: "Europe/Berlin",
      holdSeconds: 90,
      milestones: [{ title: "Kick-off", dueAt: null }],
    };
    const created = await callApi(app, "POST", "/api/admin/rounds", {
      cookie: adminCookie,
      body,
      requestId: "create-1",
    });
    expect(created.status).toBe(201);
    const round = created.body.round as { id: string; status: string; seatCount: number };
    expect(round).toMatchObject({ status: "DRAFT", seatCount: 6 });
    expect(await app.db.seat.count({ where: { roundId: round.id } })).toBe(6);
    // Drafts are not published.
    expect((await fetch(`${app.url}/api/rounds/${round.id}`)).status).toBe(404);

    const edited = await callApi(app, "PATCH", `/api/admin/rounds/${round.id}`, {
      cookie: adminCookie,
      body: { title: "Spring cohort", seatCount: 12, layout: { rows: 3, cols: 4 } },
      requestId: "edit-1",
    });
    expect(edited.body).toMatchObject({ ok: true, fields: ["title", "layout"], round: { seatCount: 12 } });
    const labels = (
      await app.db.seat.findMany({ where: { roundId: round.id }, orderBy: [{ row: "asc" }, { col: "asc" }] })
    ).map((s) => s.label);
    expect(labels).toEqual(["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4", "C1", "C2", "C3", "C4"]);

    const opened = await open(`/api/admin/rounds/${round.id}/open`, {}, { requestId: "open-1" });
    expect(opened.body).toMatchObject({ ok: true, round: { status: "OPEN" } });
    const ada = await applicant("Ada", round.id);
    const held = await command(ada.socket, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);
    await command(ada.socket, "seat:confirm", { roundId: round.id, seatId: held.hold.seatId });

    const csv = await fetch(`${app.url}/api/admin/rounds/${round.id}/bookings.csv`, {
      headers: { cookie: adminCookie },
    });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(csv.headers.get("content-disposition")).toMatch(/attachment; filename="bookings-/);
    const lines = (await csv.text()).trimEnd().split("\r\n");
    expect(lines[0]).toBe("seat,row,col,applicant_id,applicant_name,booked_at");
    expect(lines.slice(1)).toEqual([`A1,1,1,${ada.applicantId},Ada,${new Date(clock.now()).toISOString()}`]);

    const actions = await app.db.auditEntry.findMany({
      where: { requestId: { in: ["program-1", "create-1", "edit-1", "open-1"] } },
      orderBy: { id: "asc" },
    });
    expect(actions.map((a) => [a.action, a.actorType, a.outcome])).toEqual([
      ["program.create", "admin", "OK"],
      ["round.create", "admin", "OK"],
      ["round.edit", "admin", "OK"],
      ["round.open", "admin", "OK"],
    ]);
  });

  it("grows and shrinks a live round's layout with a seq gap, so every board resyncs; refuses to cut booked or held seats", async () => {
    const round = await createOpenRound(app.db, clock.now(), { rows: 2, cols: 2 });
    const w = await watcher(round.id);
    const ada = await applicant("Ada", round.id);
    const held = await command(ada.socket, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);
    await command(ada.socket, "seat:confirm", { roundId: round.id, seatId: held.hold.seatId });
    const bo = await applicant("Bo", round.id);
    const boHold = await command(bo.socket, "seat:hold", { roundId: round.id });
    if (!boHold.ok) throw new Error(boHold.error.message);
    await command(bo.socket, "seat:confirm", { roundId: round.id, seatId: boHold.hold.seatId });
    const cy = await applicant("Cy", round.id);
    expect(await command(cy.socket, "seat:hold", { roundId: round.id })).toMatchObject({ hold: { label: "B1" } });
    const seqBefore = (await app.db.round.findUniqueOrThrow({ where: { id: round.id } })).seq;

    const edit = (layout: { rows: number; cols: number }, requestId: string) =>
      callApi(app, "PATCH", `/api/admin/rounds/${round.id}`, {
        cookie: adminCookie,
        body: { seatCount: layout.rows * layout.cols, layout },
        requestId,
      });
    const tooSmall = await edit({ rows: 1, cols: 1 }, "shrink-1");
    expect(tooSmall.status).toBe(409);
    expect(tooSmall.body).toMatchObject({ error: { code: "BELOW_BOOKED_SEATS" }, requestId: "shrink-1" });
    const cutsHold = await edit({ rows: 1, cols: 2 }, "shrink-2");
    expect(cutsHold.body).toMatchObject({ error: { code: "SEATS_IN_USE", message: expect.stringContaining("B1") } });
    expect(await app.db.seat.count({ where: { roundId: round.id } })).toBe(4);

    const grown = nextEvent(w.socket, "round:updated");
    const grow = await edit({ rows: 3, cols: 3 }, "grow-1");
    expect(grow.body).toMatchObject({ ok: true, seq: seqBefore + 2, round: { seatCount: 9 } });
    expect((await grown).seq).toBe(seqBefore + 2);
    expect(w.gaps).toEqual([seqBefore + 2]);
    expect((await auditOf("shrink-1")).map((e) => e.outcome)).toEqual(["BELOW_BOOKED_SEATS"]);
    expect((await auditOf("grow-1")).map((e) => [e.action, e.outcome, e.detail])).toEqual([
      ["round.edit", "OK", "layout"],
    ]);
  });

  it("filters the audit log by round, seat, actor and time, newest first, paged by cursor", async () => {
    const round = await createOpenRound(app.db, clock.now());
    const ada = await applicant("Ada", round.id);
    const bo = await applicant("Bo", round.id);
    const started = clock.now();
    const held = await command(ada.socket, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);
    clock.advance(1000);
    expect((await command(bo.socket, "seat:hold", { roundId: round.id })).ok).toBe(true);
    clock.advance(1000);
    const seatId = held.hold.seatId;
    await open(`/api/admin/rounds/${round.id}/seats/${seatId}/release`, { reason: "checking" }, { requestId: "rel-q" });
    await open(`/api/admin/rounds/${round.id}/pause`, {}, { requestId: "pause-q" });

    const get = async (query: string) => {
      const res = await callApi(app, "GET", `/api/admin/audit?${query}`, { cookie: adminCookie });
      expect(res.status, query).toBe(200);
      return res.body as unknown as { entries: Record<string, unknown>[]; nextCursor: number | null };
    };
    const all = await get(`roundId=${round.id}`);
    expect(all.entries.map((e) => e.action)).toEqual(["round.pause", "seat.admin-release", "seat.hold", "seat.hold"]);
    expect(all.entries[1]).toMatchObject({
      actor: { type: "admin", id: null, name: null },
      roundTitle: "Test round",
      seatId,
      seatLabel: held.hold.label,
      holderBefore: { id: ada.applicantId, name: "Ada" },
      holderAfter: null,
      before: { status: "HELD", holderId: ada.applicantId, heldUntil: held.hold.expiresAt },
      after: { status: "FREE", holderId: null, heldUntil: null },
      outcome: "OK",
      requestId: "rel-q",
      detail: "checking",
    });
    expect((await get(`seatId=${seatId}`)).entries.map((e) => e.action)).toEqual(["seat.admin-release", "seat.hold"]);
    expect((await get(`roundId=${round.id}&actor=admin`)).entries.map((e) => e.action)).toEqual([
      "round.pause",
      "seat.admin-release",
    ]);
    expect((await get(`actor=${bo.applicantId}`)).entries).toEqual([
      expect.objectContaining({ action: "seat.hold", actor: { type: "applicant", id: bo.applicantId, name: "Bo" } }),
    ]);
    expect((await get(`roundId=${round.id}&from=${started + 1000}&to=${started + 2000}`)).entries).toHaveLength(1);

    const first = await get(`roundId=${round.id}&limit=3`);
    expect(first.entries).toHaveLength(3);
    expect(first.nextCursor).toBe(first.entries[2]?.id);
    const second = await get(`roundId=${round.id}&limit=3&cursor=${first.nextCursor}`);
    expect(second.entries.map((e) => e.action)).toEqual(["seat.hold"]);
    expect(second.nextCursor).toBeNull();
  });

  it("refuses applicants' commands on a paused round the same way over the socket as before (no side door)", async () => {
    const round = await createOpenRound(app.db, clock.now());
    const ada = await applicant("Ada", round.id);
    const held = await command(ada.socket, "seat:hold", { roundId: round.id });
    if (!held.ok) throw new Error(held.error.message);
    await open(`/api/admin/rounds/${round.id}/pause`, {}, { requestId: "pause-3" });
    expect(errorCode(await command(ada.socket, "seat:confirm", { roundId: round.id, seatId: held.hold.seatId }))).toBe(
      "ROUND_NOT_OPEN",
    );
    expect(errorCode(await command(ada.socket, "waitlist:join", { roundId: round.id }))).toBe("ROUND_NOT_OPEN");
    // Release still works while paused, as for any hold.
    expect((await command(ada.socket, "seat:release", { roundId: round.id, seatId: held.hold.seatId })).ok).toBe(true);
  });
});
