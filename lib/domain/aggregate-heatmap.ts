import type { Granularity, GroupBy, HeatmapCell, HeatmapData, HeatmapRow, WeekStart } from "./heatmap-data.ts";
import { lastAtOrBefore } from "./last-at-or-before.ts";
import { bucketCount, bucketLabel, bucketStarts, nextBucketStart } from "./time-buckets.ts";

/** Counts for one row in one rollup slot (a local day or a UTC hour) or at one submission instant. */
export interface CountRow {
  rowKey: string;
  /** Start of the rollup slot, or the submittedAt instant, in ms. */
  start: number;
  applications: number;
  admitted: number;
  rejected: number;
}

export interface AggregateHeatmapOptions {
  granularity: Granularity;
  tz: string;
  weekStart: WeekStart;
  groupBy: GroupBy;
  /** Counts with `start` in [from, to) are aggregated; buckets are every bucket that intersects it. */
  from: number;
  to: number;
  /** In display order; counts whose rowKey is not here are ignored. */
  rows: readonly HeatmapRow[];
}

export type HeatmapSize = Pick<AggregateHeatmapOptions, "granularity" | "tz" | "weekStart" | "from" | "to" | "rows">;

/** rows × buckets of the grid, from the ends of the range only, so too-large requests are refused before any work. */
export function maxCells(options: HeatmapSize): number {
  const { granularity, tz, weekStart, from, to, rows } = options;
  return rows.length * bucketCount(from, to, granularity, tz, weekStart);
}

/**
 * Sums counts into (row, bucket) cells. z and anomaly are left for the statistics step.
 * `from`/`to` of the result are the grid's edges: the first bucket's start and the last one's end.
 */
export function aggregateHeatmap(counts: readonly CountRow[], options: AggregateHeatmapOptions): HeatmapData {
  const { granularity, tz, weekStart, groupBy, from, to, rows } = options;
  const starts = bucketStarts(from, to, granularity, tz, weekStart);
  const bucketTotal = starts.length;

  const rowIndex = new Map<string, number>();
  rows.forEach((row, i) => {
    if (rowIndex.has(row.key)) throw new Error(`aggregateHeatmap: duplicate row key ${JSON.stringify(row.key)}`);
    rowIndex.set(row.key, i);
  });

  // Dense per-cell sums: the caller caps rows × buckets with maxCells, and a scan in index order yields row-then-bucket order.
  const size = rows.length * bucketTotal;
  const applications = new Float64Array(size);
  const admitted = new Float64Array(size);
  const decided = new Float64Array(size);
  for (const count of counts) {
    if (!(count.start >= from && count.start < to)) continue;
    const row = rowIndex.get(count.rowKey);
    if (row === undefined) continue;
    const cell = row * bucketTotal + lastAtOrBefore(starts, count.start);
    applications[cell] = (applications[cell] ?? 0) + count.applications;
    admitted[cell] = (admitted[cell] ?? 0) + count.admitted;
    decided[cell] = (decided[cell] ?? 0) + count.admitted + count.rejected;
  }

  const cells: HeatmapCell[] = [];
  for (let cell = 0; cell < size; cell++) {
    const cellApplications = applications[cell] as number;
    const cellDecided = decided[cell] as number;
    if (cellApplications <= 0 && cellDecided <= 0) continue;
    const cellAdmitted = admitted[cell] as number;
    cells.push({
      row: Math.floor(cell / bucketTotal),
      bucket: cell % bucketTotal,
      applications: cellApplications,
      admitted: cellAdmitted,
      decided: cellDecided,
      rate: cellDecided > 0 ? cellAdmitted / cellDecided : null,
      z: null,
      anomaly: false,
    });
  }

  const first = starts[0];
  const last = starts[bucketTotal - 1];
  const end = last === undefined ? to : nextBucketStart(last, granularity, tz, weekStart);
  return {
    granularity,
    tz,
    weekStart,
    groupBy,
    from: new Date(first ?? from).toISOString(),
    to: new Date(end).toISOString(),
    rows: [...rows],
    buckets: starts.map((start) => new Date(start).toISOString()),
    bucketLabels: starts.map((start) => bucketLabel(start, granularity, tz, weekStart)),
    cells,
    anomaly: { method: "robust", threshold: 3 },
  };
}
