/** Heatmap data for the layout tests: week or day buckets, cells placed by (row, bucket). */
import type { Granularity, HeatmapCell, HeatmapData, WeekStart } from "./heatmap-data.ts";

export function dayLabels(first: string, count: number): string[] {
  const start = Date.parse(`${first}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => new Date(start + i * 86_400_000).toISOString().slice(0, 10));
}

export function cell(row: number, bucket: number, over: Partial<HeatmapCell> = {}): HeatmapCell {
  return { row, bucket, applications: 10, admitted: 5, decided: 10, rate: 0.5, z: 0, anomaly: false, ...over };
}

export function heatmap(opts: {
  rows: number;
  labels: string[];
  granularity?: Granularity;
  weekStart?: WeekStart;
  cells?: HeatmapCell[];
  rowLabel?: (r: number) => string;
  buckets?: string[];
  tz?: string;
}): HeatmapData {
  const daily = opts.granularity === "day";
  return {
    granularity: opts.granularity ?? "week",
    // Day buckets start at UTC midnight of their label here; the calendar reads positions from the instants.
    tz: opts.tz ?? (daily ? "UTC" : "Europe/Paris"),
    weekStart: opts.weekStart ?? "monday",
    groupBy: "program",
    from: "2026-01-05T00:00:00Z",
    to: "2026-12-28T00:00:00Z",
    rows: Array.from({ length: opts.rows }, (_, r) => ({ key: `p${r}`, label: opts.rowLabel?.(r) ?? `Program ${r}` })),
    buckets:
      opts.buckets ??
      opts.labels.map((label, i) =>
        daily ? `${label}T00:00:00.000Z` : new Date(Date.UTC(2026, 0, 5 + 7 * i)).toISOString(),
      ),
    bucketLabels: opts.labels,
    cells: opts.cells ?? [],
    anomaly: { method: "robust", threshold: 2.5 },
  };
}

export const weekLabels = (n: number) => Array.from({ length: n }, (_, i) => `2026-W${String(i + 1).padStart(2, "0")}`);
