import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./create-db.ts";
import { recordApplication } from "./record-application.ts";
import { recordDecision } from "./record-decision.ts";
import { recountRollups } from "./testing/recount-rollups.ts";
import { openFreshDb } from "./testing/test-db.ts";

const HOUR = 3_600_000;

describe("recordDecision", () => {
  let db: Db;
  let programId: string;
  beforeAll(async () => {
    ({ db } = await openFreshDb());
    programId = (await db.program.create({ data: { slug: "kolkata", name: "Kolkata", timeZone: "Asia/Kolkata" } })).id;
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  async function expectRollupsToMatchRecount() {
    const { daily, hourly, recountedDaily, recountedHourly } = await recountRollups(db);
    expect(daily).toEqual(recountedDaily);
    expect(hourly).toEqual(recountedHourly);
  }

  it("moves a decided application's count from the old outcome to the new one in both rollups", async () => {
    const submittedAt = Date.UTC(2026, 5, 1, 18, 45, 0); // 00:15 on 2 June in Kolkata
    const created = await recordApplication(db, { programId, submittedAt, channel: "fast-track" });
    if (!created.ok) throw new Error(created.message);
    const id = created.value.id;
    const hourly = () =>
      db.applicationHourly.findUniqueOrThrow({
        where: {
          programId_channel_hourStart: {
            programId,
            channel: "fast-track",
            hourStart: new Date(Date.UTC(2026, 5, 1, 18)),
          },
        },
      });
    expect(await hourly()).toMatchObject({ applications: 1, admitted: 0, rejected: 0 });

    expect(await recordDecision(db, { applicationId: id, outcome: "ADMITTED", decidedAt: submittedAt + HOUR })).toEqual(
      { ok: true, value: { previous: null } },
    );
    expect(await hourly()).toMatchObject({ applications: 1, admitted: 1, rejected: 0 });
    expect(
      await recordDecision(db, { applicationId: id, outcome: "REJECTED", decidedAt: submittedAt + 2 * HOUR }),
    ).toEqual({ ok: true, value: { previous: "ADMITTED" } });
    expect(await hourly()).toMatchObject({ applications: 1, admitted: 0, rejected: 1 });
    const daily = await db.applicationDaily.findUniqueOrThrow({
      where: {
        programId_channel_dayStart: {
          programId,
          channel: "fast-track",
          dayStart: new Date(Date.UTC(2026, 5, 1, 18, 30)),
        },
      },
    });
    expect(daily).toMatchObject({ applications: 1, admitted: 0, rejected: 1 });
    await recordDecision(db, { applicationId: id, outcome: null, decidedAt: null });
    expect(await hourly()).toMatchObject({ applications: 1, admitted: 0, rejected: 0, withdrawn: 0, waitlisted: 0 });
    await expectRollupsToMatchRecount();
  });

  it("refuses an unknown application and writes nothing", async () => {
    const before = await recountRollups(db);
    expect(await recordDecision(db, { applicationId: "nope", outcome: "ADMITTED", decidedAt: 0 })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await recountRollups(db)).toEqual(before);
  });
});
