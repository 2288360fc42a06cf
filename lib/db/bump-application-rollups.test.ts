import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bumpApplicationRollups } from "./bump-application-rollups.ts";
import type { Db } from "./create-db.ts";
import { driverTransaction } from "./driver-transaction.ts";
import { Prisma } from "./generated/client.ts";
import { recountRollups } from "./testing/recount-rollups.ts";
import { openFreshDb } from "./testing/test-db.ts";
import { writeApplication } from "./write-application.ts";

const T0 = Date.UTC(2026, 9, 25, 0, 30, 0); // 02:30 in Berlin on the 25-hour day, the first time round

describe("bumpApplicationRollups", () => {
  let db: Db;
  let programId: string;
  beforeAll(async () => {
    ({ db } = await openFreshDb());
    programId = (await db.program.create({ data: { slug: "berlin", name: "Berlin", timeZone: "Europe/Berlin" } })).id;
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("adds an application in the caller's transaction and takes it away again, leaving no empty slot", async () => {
    const written = await driverTransaction(db, (tx) =>
      writeApplication(tx, {
        programId,
        timeZone: "Europe/Berlin",
        submittedAt: T0,
        outcome: "WAITLISTED",
        decidedAt: T0,
      }),
    );
    if (!written.ok) throw new Error(written.message);
    expect(await db.applicationDaily.findMany()).toMatchObject([
      { dayStart: new Date(Date.UTC(2026, 9, 24, 22)), applications: 1, waitlisted: 1 },
    ]);
    const { daily, hourly, recountedDaily, recountedHourly } = await recountRollups(db);
    expect([daily, hourly]).toEqual([recountedDaily, recountedHourly]);

    await driverTransaction(db, async (tx) => {
      await tx.execute(Prisma.sql`DELETE FROM "Application" WHERE "id" = ${written.value.id}`);
      await bumpApplicationRollups(tx, {
        programId,
        timeZone: "Europe/Berlin",
        channel: "direct",
        submittedAt: T0,
        applications: -1,
        from: "WAITLISTED",
        to: null,
      });
    });
    expect(await db.applicationDaily.count()).toBe(0);
    expect(await db.applicationHourly.count()).toBe(0);
  });

  it("writes nothing for a change that changes no count", async () => {
    await driverTransaction(db, (tx) =>
      bumpApplicationRollups(tx, {
        programId,
        timeZone: "Europe/Berlin",
        channel: "direct",
        submittedAt: T0,
        applications: 0,
        from: "ADMITTED",
        to: "ADMITTED",
      }),
    );
    expect(await db.applicationHourly.count()).toBe(0);
  });
});
