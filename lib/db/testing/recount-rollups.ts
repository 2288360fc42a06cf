import { startOfBucket } from "../../domain/time-buckets.ts";
import type { Db } from "../create-db.ts";

const HOUR = 3_600_000;
const OUTCOMES = ["ADMITTED", "REJECTED", "WITHDRAWN", "WAITLISTED"] as const;

/** One rollup row as "programId channel start" -> [applications, admitted, rejected, withdrawn, waitlisted]. */
export type RollupTable = Record<string, number[]>;

/**
 * Both rollups as stored, and as recounted from every Application row (days in each
 * program's zone, hours in UTC), for "the rollups equal a full recount" assertions.
 */
export async function recountRollups(
  db: Db,
): Promise<{ daily: RollupTable; hourly: RollupTable; recountedDaily: RollupTable; recountedHourly: RollupTable }> {
  const zones = new Map(
    (await db.program.findMany({ select: { id: true, timeZone: true } })).map((p) => [p.id, p.timeZone]),
  );
  const applications = await db.application.findMany({
    select: { programId: true, channel: true, submittedAt: true, outcome: true },
  });
  const recountedDaily: RollupTable = {};
  const recountedHourly: RollupTable = {};
  const add = (table: RollupTable, key: string, outcome: string | null) => {
    const counts = table[key] ?? [0, 0, 0, 0, 0];
    table[key] = counts;
    counts[0] = (counts[0] as number) + 1;
    const column = OUTCOMES.indexOf(outcome as (typeof OUTCOMES)[number]) + 1;
    if (column > 0) counts[column] = (counts[column] as number) + 1;
  };
  for (const a of applications) {
    const at = a.submittedAt.getTime();
    const day = startOfBucket(at, "day", zones.get(a.programId) as string, "monday");
    add(recountedDaily, `${a.programId} ${a.channel} ${day}`, a.outcome);
    add(recountedHourly, `${a.programId} ${a.channel} ${Math.floor(at / HOUR) * HOUR}`, a.outcome);
  }
  const toTable = (rows: { programId: string; channel: string; start: Date; counts: number[] }[]) =>
    Object.fromEntries(rows.map((r) => [`${r.programId} ${r.channel} ${r.start.getTime()}`, r.counts]));
  const counts = (r: {
    applications: number;
    admitted: number;
    rejected: number;
    withdrawn: number;
    waitlisted: number;
  }) => [r.applications, r.admitted, r.rejected, r.withdrawn, r.waitlisted];
  const daily = toTable(
    (await db.applicationDaily.findMany()).map((r) => ({ ...r, start: r.dayStart, counts: counts(r) })),
  );
  const hourly = toTable(
    (await db.applicationHourly.findMany()).map((r) => ({ ...r, start: r.hourStart, counts: counts(r) })),
  );
  return { daily, hourly, recountedDaily, recountedHourly };
}
