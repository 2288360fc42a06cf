import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Outcome } from "../domain/heatmap-data.ts";
import type { Db } from "./create-db.ts";
import { driverTransaction } from "./driver-transaction.ts";
import { recordApplication } from "./record-application.ts";
import { recordDecision } from "./record-decision.ts";
import { recountRollups } from "./testing/recount-rollups.ts";
import { openFreshDb } from "./testing/test-db.ts";
import { writeApplication } from "./write-application.ts";

const HOUR = 3_600_000;
/** Berlin's clocks go forward on 2026-03-29 at 01:00 UTC, so that local day is 23 hours long. */
const BERLIN_SPRING = Date.UTC(2026, 2, 29, 1, 0, 0);
const ZONES = ["Europe/Berlin", "Asia/Kolkata", "UTC", "America/Santiago", "Australia/Lord_Howe"];
const OUTCOMES: (Outcome | null)[] = ["ADMITTED", "REJECTED", "WITHDRAWN", "WAITLISTED", null];

describe("recordApplication", () => {
  let db: Db;
  let programIds: string[];
  beforeAll(async () => {
    ({ db } = await openFreshDb());
    programIds = [];
    for (const [i, timeZone] of ZONES.entries()) {
      const program = await db.program.create({ data: { slug: `zone-${i}`, name: timeZone, timeZone } });
      programIds.push(program.id);
    }
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  async function expectRollupsToMatchRecount() {
    const { daily, hourly, recountedDaily, recountedHourly } = await recountRollups(db);
    expect(daily).toEqual(recountedDaily);
    expect(hourly).toEqual(recountedHourly);
  }

  it("counts an application in its program-zone day and its UTC hour, around midnight and DST changes", async () => {
    const berlin = programIds[0] as string;
    for (const submittedAt of [
      Date.UTC(2026, 2, 28, 22, 59, 59), // 23:59:59 local, the day before the change
      Date.UTC(2026, 2, 28, 23, 0, 0), // local midnight of the 23-hour day
      BERLIN_SPRING,
      Date.UTC(2026, 2, 29, 21, 59, 59), // last second of the short day
      Date.UTC(2026, 2, 29, 22, 0, 0),
    ]) {
      const result = await recordApplication(db, { programId: berlin, submittedAt, channel: "classic" });
      expect(result.ok).toBe(true);
    }
    const days = await db.applicationDaily.findMany({ where: { programId: berlin }, orderBy: { dayStart: "asc" } });
    expect(days.map((d) => [d.dayStart.toISOString(), d.applications])).toEqual([
      ["2026-03-27T23:00:00.000Z", 1],
      ["2026-03-28T23:00:00.000Z", 3],
      ["2026-03-29T22:00:00.000Z", 1],
    ]);
    await expectRollupsToMatchRecount();
  });

  it("refuses an unknown program and writes nothing", async () => {
    const before = await recountRollups(db);
    expect(await recordApplication(db, { programId: "nope", submittedAt: BERLIN_SPRING })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
    expect(await recountRollups(db)).toEqual(before);
  });

  it("rolls the rollups back with the application when the caller's transaction fails", async () => {
    const before = await recountRollups(db);
    await expect(
      driverTransaction(db, async (tx) => {
        await writeApplication(tx, {
          programId: programIds[2] as string,
          timeZone: "UTC",
          submittedAt: BERLIN_SPRING,
          outcome: "ADMITTED",
          decidedAt: BERLIN_SPRING,
        });
        throw new Error("the booking failed");
      }),
    ).rejects.toThrow("the booking failed");
    expect(await recountRollups(db)).toEqual(before);
  });

  it("keeps both rollups equal to a recount through any sequence of applications and decisions", async () => {
    const start = Date.UTC(2025, 9, 20);
    const operation = fc.oneof(
      fc.record({
        kind: fc.constant("apply" as const),
        program: fc.nat(ZONES.length - 1),
        // Minutes over ~200 days, so DST changes in both hemispheres fall inside.
        minute: fc.nat(200 * 24 * 60),
        channel: fc.constantFrom("classic", "fast-track", "referral"),
        outcome: fc.constantFrom(...OUTCOMES),
      }),
      fc.record({
        kind: fc.constant("decide" as const),
        pick: fc.nat(),
        outcome: fc.constantFrom(...OUTCOMES),
      }),
    );
    const ids: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (operations) => {
        for (const op of operations) {
          if (op.kind === "apply") {
            const submittedAt = start + op.minute * 60_000 + 17_123;
            const result = await recordApplication(db, {
              programId: programIds[op.program] as string,
              submittedAt,
              channel: op.channel,
              outcome: op.outcome,
              decidedAt: op.outcome === null ? null : submittedAt + HOUR,
            });
            if (result.ok) ids.push(result.value.id);
          } else if (ids.length > 0) {
            const applicationId = ids[op.pick % ids.length] as string;
            const result = await recordDecision(db, { applicationId, outcome: op.outcome, decidedAt: start });
            expect(result.ok).toBe(true);
          }
        }
        await expectRollupsToMatchRecount();
      }),
      { numRuns: 15 },
    );
  });
});
