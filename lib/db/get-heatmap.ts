import { aggregateHeatmap } from "../domain/aggregate-heatmap.ts";
import type { HeatmapData, HeatmapRow } from "../domain/heatmap-data.ts";
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

export interface HeatmapResult {
  heatmap: HeatmapData;
  source: HeatmapSource;
}

/**
 * The admission-rate heatmap for a validated query: rows are the selected
 * programs (or their channels), columns whole buckets covering from..to (local
 * dates in tz, inclusive), counts from the rollups, z and anomalies per row.
 */
export async function getHeatmap(db: Db, query: THeatmapQuery, now: number): Promise<Result<HeatmapResult>> {
  const programs = await resolvePrograms(db, query.programs, "programs");
  if (!programs.ok) return programs;
  const selected = programs.value;
  const tz = query.tz ?? selected[0]?.timeZone ?? "UTC";
  const { granularity, weekStart, groupBy } = query;

  const lastDay = localDateStart(query.to ?? localDateOf(now, tz), tz);
  const firstDay = query.from
    ? localDateStart(query.from, tz)
    : startOfBucket(lastDay - 364 * DAY, "day", tz, weekStart);
  // Whole buckets only: a month cell always counts the whole month.
  const from = startOfBucket(firstDay, granularity, tz, weekStart);
  const to = nextBucketStart(startOfBucket(lastDay, granularity, tz, weekStart), granularity, tz, weekStart);

  const rows: HeatmapRow[] =
    groupBy === "program"
      ? selected.map((p) => ({ key: p.id, label: p.name }))
      : (
          await listChannels(
            db,
            selected.map((p) => p.id),
          )
        ).map((c) => ({ key: c, label: c }));
  const cells = rows.length * bucketCount(from, to, granularity, tz, weekStart);
  if (cells > MAX_HEATMAP_CELLS) {
    return fail(
      "INVALID_INPUT",
      `granularity: ${cells.toLocaleString("en")} cells, more than the ${MAX_HEATMAP_CELLS.toLocaleString("en")} allowed; choose a coarser granularity or a shorter range`,
    );
  }

  const counts = await loadHeatmapCounts(db, { programIds: selected.map((p) => p.id), from, to, tz, groupBy });
  const heatmap = aggregateHeatmap(counts.rows, { granularity, tz, weekStart, groupBy, from, to, rows });
  const scored = scoreHeatmap(heatmap, { ...DEFAULT_SCORE, method: query.z, threshold: query.threshold });
  return { ok: true, value: { heatmap: scored, source: counts.source } };
}

async function listChannels(db: Db, programIds: string[]): Promise<string[]> {
  if (programIds.length === 0) return [];
  // Prisma's `distinct` dedupes in memory after reading every row; SQL does it on the index.
  const rows = await db.$queryRaw<{ channel: string }[]>(Prisma.sql`
    SELECT DISTINCT "channel" FROM "ApplicationDaily" WHERE "programId" IN (${Prisma.join(programIds)}) ORDER BY 1`);
  return rows.map((r) => r.channel);
}
