import type { HeatmapData } from "@/lib/domain/heatmap-data";
import type { LayoutCell } from "@/lib/domain/heatmap-layout";

/** "42%", or "–" when nothing was decided. */
export function formatRate(rate: number | null): string {
  return rate === null ? "–" : `${Math.round(rate * 100)}%`;
}

export interface CellSummary {
  /** "Computer Science · 2026-W13" */
  heading: string;
  lines: string[];
}

/** What the tooltip, the accessible name and the table say about one cell, in the same words. */
export function cellSummary(data: HeatmapData, cell: Pick<LayoutCell, "row" | "bucket" | "data">): CellSummary {
  const heading = `${data.rows[cell.row]?.label ?? ""} · ${data.bucketLabels[cell.bucket] ?? ""}`;
  const d = cell.data;
  if (!d || d.applications === 0) return { heading, lines: ["No applications"] };
  const applications = `${d.applications} application${d.applications === 1 ? "" : "s"}`;
  if (d.rate === null) return { heading, lines: ["No decisions yet", applications] };
  const lines = [`${formatRate(d.rate)} admitted (${d.admitted} of ${d.decided} decided)`, applications];
  if (d.anomaly) lines.push(`Unusual for this row (z = ${d.z === null ? "?" : d.z.toFixed(1)})`);
  return { heading, lines };
}

export function cellLabel(data: HeatmapData, cell: Pick<LayoutCell, "row" | "bucket" | "data">): string {
  const { heading, lines } = cellSummary(data, cell);
  return `${heading}: ${lines.join(", ")}`;
}
