import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "./create-db.ts";
import { seedDemoData } from "./seed-demo-data.ts";
import { seedHistory } from "./seed-history.ts";
import { recountRollups } from "./testing/recount-rollups.ts";
import { openFreshDb } from "./testing/test-db.ts";

const NOW = Date.UTC(2026, 10, 22, 9, 30, 0);

describe("seedHistory", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await openFreshDb());
    await seedDemoData(db, NOW);
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("inserts the generated applications and rollups that equal a recount of the Application table", async () => {
    const result = await seedHistory(db, { now: NOW, size: 20_000, seed: 3 });
    expect(result).toMatchObject({ seeded: true, programs: 9, applications: 20_000 });
    expect(await db.application.count()).toBe(20_000);
    const { daily, hourly, recountedDaily, recountedHourly } = await recountRollups(db);
    expect(Object.keys(daily)).toHaveLength(result.dailyRows);
    expect(Object.keys(hourly)).toHaveLength(result.hourlyRows);
    expect(daily).toEqual(recountedDaily);
    expect(hourly).toEqual(recountedHourly);
  });

  it("stores timestamps in the adapter's format, so Prisma reads them back exactly", async () => {
    const first = await db.application.findFirstOrThrow({ orderBy: { submittedAt: "asc" } });
    const [raw] = await db.$queryRaw<{ submittedAt: string }[]>`
      SELECT CAST("submittedAt" AS TEXT) AS "submittedAt" FROM "Application" WHERE "id" = ${first.id}`;
    expect(raw?.submittedAt).toBe(first.submittedAt.toISOString().replace("Z", "+00:00"));
  });

  it("does nothing the second time, and starts over with replace", async () => {
    const before = await recountRollups(db);
    expect(await seedHistory(db, { now: NOW, size: 20_000, seed: 3 })).toMatchObject({ seeded: false });
    expect(await db.application.count()).toBe(20_000);

    const replaced = await seedHistory(db, { now: NOW, size: 5000, seed: 4, replace: true });
    expect(replaced).toMatchObject({ seeded: true, applications: 5000 });
    expect(await db.application.count()).toBe(5000);
    const after = await recountRollups(db);
    expect(after.daily).toEqual(after.recountedDaily);
    expect(after.hourly).toEqual(after.recountedHourly);
    expect(after.daily).not.toEqual(before.daily);
  });

  it("leaves the demo program and its rounds as they were", async () => {
    const demo = await db.program.findUniqueOrThrow({
      where: { slug: "open-source-mentorship" },
      include: { rounds: true, applications: true },
    });
    expect(demo.rounds).toHaveLength(3);
    expect(demo.applications).toHaveLength(0);
    expect(await db.program.count()).toBe(10);
  });
});
