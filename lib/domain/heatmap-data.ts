/**
 * The shape of an admission-rate heatmap, shared by the analytics API, the
 * heatmap renderers, the table view and the exports. Pure types, no logic.
 */

export type Granularity = "day" | "week" | "month";
export type WeekStart = "monday" | "sunday";
/** Rows are programs, or the channel labels of the selected programs. */
export type GroupBy = "program" | "channel";
export type Outcome = "ADMITTED" | "REJECTED" | "WITHDRAWN" | "WAITLISTED";

export interface HeatmapRow {
  /** Program id, or the channel label. */
  key: string;
  label: string;
}

export interface HeatmapCell {
  /** Index into `rows`. */
  row: number;
  /** Index into `buckets`. */
  bucket: number;
  /** Applications submitted in the bucket. */
  applications: number;
  admitted: number;
  /** ADMITTED + REJECTED. */
  decided: number;
  /** admitted / decided; null when nothing was decided. */
  rate: number | null;
  /** z-score of `rate` within its row; null when the rate is null or the row has no spread. */
  z: number | null;
  /** |z| above the anomaly threshold. */
  anomaly: boolean;
}

export interface HeatmapData {
  granularity: Granularity;
  /** The IANA zone the buckets were cut in (with perProgramZones: the first program's, for the bucket instants). */
  tz: string;
  /** Set when each program's counts were cut in its own zone: columns are local dates, the same for every row. */
  perProgramZones?: true;
  weekStart: WeekStart;
  groupBy: GroupBy;
  /** ISO instant (UTC) of the first bucket's start and of the exclusive end. */
  from: string;
  to: string;
  rows: HeatmapRow[];
  /** ISO instants (UTC) of each bucket's start, in order. */
  buckets: string[];
  /** Short label per bucket in `tz`, e.g. "2026-03-29", "2026-W13", "2026-03". */
  bucketLabels: string[];
  /** One cell per (row, bucket) that has at least one application; missing cells are empty. */
  cells: HeatmapCell[];
  /** How z was computed and the |z| above which a cell is anomalous. */
  anomaly: { method: "standard" | "robust"; threshold: number };
}
