import { aggregateHeatmap } from "../domain/aggregate-heatmap.ts";
import type { HeatmapCell, HeatmapData, HeatmapRow } from "../domain/heatmap-data.ts";
import { localDateOf, localDateStart } from "../domain/local-date.ts";
import { DEFAULT_SCORE, scoreHeatmap } from "../domain/score-heatmap.ts";
import { bucketCount, nextBucketStart, startOfBucket } from "../domain/time-buckets.ts";
import { fail, type Result } from "../errors.ts";
import { MAX_HEATMAP_CELLS, type THeatmapQuery } from "../schemas/analytics.ts";
import type { Db } from "./create-db.ts";
import { Prisma } from "./generated/client.ts";
import { type HeatmapSource, loadHeatmapCounts } from "./load-heatmap-counts.ts";
import { resolvePrograms } from "./resolve-programs.ts";

const DAY = 86_400_000;
const SOURCE_COST: Record<HeatmapSource, number> = { daily: 0, hourly: 1, raw: 2 };

export interface HeatmapResult {
  heatmap: HeatmapData;
  source: HeatmapSource;
}

/**
 * The admission-rate heatmap for a validated query: rows are the selected
 * programs (or their channels), columns whole buckets covering from..to (local
 * dates, inclusive), counts from the rollups, z and anomalies per row.
 * With `tz: "program"` each program's counts are cut in its own zone: the
 * columns are the same local dates for every row, and every program is read
 * from its daily rollup.
 */
export async function getHeatmap(db: Db, query: THeatmapQuery, now: number): Promise<Result<HeatmapResult>> {
  const programs = await resolvePrograms(db, query.programs, "programs");
  if (!programs.ok) return programs;
  const selected = programs.value;
  // "The program's zone" by default: one zone if the selection shares it, else each program its own.
  const perProgram =
    query.tz === "program" || (query.tz === undefined && new Set(selected.map((p) => p.timeZone)).size > 1);
  const firstZone = selected[0]?.timeZone ?? "UTC";
  const tz = query.tz === undefined || perProgram ? firstZone : query.tz;
  const { granularity, weekStart, groupBy } = query;

  const toDate = query.to ?? localDateOf(now, tz);
  const fromDate = query.from ?? localDateOf(localDateStart(toDate, tz) - 364 * DAY, tz);
  const rangeIn = (zone: string) => {
    // Whole buckets only: a month cell always counts the whole month.
    const from = startOfBucket(localDateStart(fromDate, zone), granularity, zone, weekStart);
    const last = startOfBucket(localDateStart(toDate, zone), granularity, zone, weekStart);
    return { from, to: nextBucketStart(last, granularity, zone, weekStart) };
  };

  const rows: HeatmapRow[] =
    groupBy === "program"
      ? selected.map((p) => ({ key: p.id, label: p.name }))
      : (
          await listChannels(
            db,
            selected.map((p) => p.id),
          )
        ).map((c) => ({ key: c, label: c }));
  const { from, to } = rangeIn(tz);
  const cells = rows.length * bucketCount(from, to, granularity, tz, weekStart);
  if (cells > MAX_HEATMAP_CELLS) {
    return fail(
      "INVALID_INPUT",
      `granularity: ${cells.toLocaleString("en")} cells, more than the ${MAX_HEATMAP_CELLS.toLocaleString("en")} allowed; choose a coarser granularity or a shorter range`,
    );
  }

  const zones = perProgram ? [...new Set(selected.map((p) => p.timeZone))] : [tz];
  const parts: HeatmapData[] = [];
  let source: HeatmapSource = "daily";
  for (const zone of zones) {
    const range = rangeIn(zone);
    const programIds = selected.filter((p) => !perProgram || p.timeZone === zone).map((p) => p.id);
    const counts = await loadHeatmapCounts(db, { programIds, ...range, tz: zone, groupBy });
    if (SOURCE_COST[counts.source] > SOURCE_COST[source]) source = counts.source;
    parts.push(aggregateHeatmap(counts.rows, { granularity, tz: zone, weekStart, groupBy, ...range, rows }));
  }
  const heatmap = mergeZoneParts(parts);
  const scored = scoreHeatmap(heatmap, { ...DEFAULT_SCORE, method: query.z, threshold: query.threshold });
  return { ok: true, value: { heatmap: perProgram ? { ...scored, perProgramZones: true } : scored, source } };
}

/**
 * Sums grids cut in different zones over the same local dates: the same
 * bucket index is the same local day, week or month in every part. Bucket
 * instants are the first part's.
 */
function mergeZoneParts(parts: HeatmapData[]): HeatmapData {
  const [first, ...rest] = parts as [HeatmapData, ...HeatmapData[]];
  if (rest.length === 0) return first;
  const sums = new Map<number, HeatmapCell>();
  const width = first.buckets.length;
  for (const part of parts) {
    if (part.bucketLabels.join() !== first.bucketLabels.join()) {
      throw new Error("zones disagree on the local buckets of one range");
    }
    for (const cell of part.cells) {
      const key = cell.row * width + cell.bucket;
      const sum = sums.get(key);
      if (!sum) sums.set(key, { ...cell });
      else {
        sum.applications += cell.applications;
        sum.admitted += cell.admitted;
        sum.decided += cell.decided;
        sum.rate = sum.decided === 0 ? null : sum.admitted / sum.decided;
      }
    }
  }
  const cells = [...sums.entries()].sort((a, b) => a[0] - b[0]).map(([, cell]) => cell);
  return { ...first, cells };
}

async function listChannels(db: Db, programIds: string[]): Promise<string[]> {
  if (programIds.length === 0) return [];
  // Prisma's `distinct` dedupes in memory after reading every row; SQL does it on the index.
  const rows = await db.$queryRaw<{ channel: string }[]>(Prisma.sql`
    SELECT DISTINCT "channel" FROM "ApplicationDaily" WHERE "programId" IN (${Prisma.join(programIds)}) ORDER BY 1`);
  return rows.map((r) => r.channel);
}
