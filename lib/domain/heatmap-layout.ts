/**
 * One layout for the admission-rate heatmap, drawn by two renderers (SVG for
 * small grids, canvas for large ones) and by the exports, so they all look
 * alike. Pure: geometry and colours in CSS pixels, no DOM. This file holds the
 * shapes they share and the choice of renderer; the parts live beside it:
 * heatmap-palette (colours, legend, anomaly rings), heatmap-text-width (text
 * estimation), heatmap-grid (frame and rows × buckets), heatmap-calendar,
 * heatmap-hit-test (pointer and keyboard) and heatmap-export-legend.
 */
import type { Granularity, HeatmapCell } from "./heatmap-data.ts";
import type { HeatmapLegend } from "./heatmap-palette.ts";

/**
 * Largest grid (rows × buckets) drawn as SVG; larger grids use the canvas.
 * From bench/heatmap: the largest N at which SVG's time to a painted frame
 * stays within 1.5× of the canvas's (1,000 cells: 1.20×; 1,500: 1.56×;
 * 2,000: 2.07×, headless Chromium on a 2-core VM). Rerun it after changing
 * either renderer.
 */
export const HEATMAP_SVG_MAX_CELLS = 1000;

export type HeatmapRenderer = "svg" | "canvas";

export function chooseHeatmapRenderer(cellCount: number): HeatmapRenderer {
  return cellCount <= HEATMAP_SVG_MAX_CELLS ? "svg" : "canvas";
}

export interface HeatmapLayoutOptions {
  /** Available width in CSS px; a grid that cannot fit at `cellMin` is wider (the caller scrolls). */
  width: number;
  /** Narrowest cell pitch in px (default 2; 8 for the calendar). */
  cellMin?: number;
  /** Widest cell pitch in px (default 40; 18 for the calendar). */
  cellMax?: number;
  /** Row pitch in px (default 20; the calendar's cells are square). */
  rowHeight?: number;
  /** Label font size in px (default 11). */
  fontSize?: number;
  /** Widest row-label column in px; longer labels are cut with "…" (default 160). */
  rowLabelMax?: number;
}

export interface LayoutCell {
  /** Index into `data.rows` and `data.buckets`. */
  row: number;
  bucket: number;
  /** Position in the drawn grid (equal to row/bucket except in the calendar). */
  gridRow: number;
  gridCol: number;
  x: number;
  y: number;
  w: number;
  h: number;
  /** "#rrggbb", for SVG and fillStyle. */
  fill: string;
  /** 0xRRGGBB, for pixel writes. */
  rgb: number;
  rate: number | null;
  anomaly: boolean;
  /** The data cell, or null where the row had no application in the bucket. */
  data: HeatmapCell | null;
}

export interface AxisLabel {
  /** Text to draw (row labels may be cut short). */
  text: string;
  /** The whole label, for a title or an accessible name. */
  full: string;
  x: number;
  /** Baseline-middle y. */
  y: number;
  anchor: "start" | "end";
  /** Row index (row labels) or grid column (column labels). */
  index: number;
  /** The bucket a column label names, when clicking it can drill down to that bucket. */
  bucket: number | null;
}

export interface HeatmapLayout {
  kind: "grid" | "calendar";
  granularity: Granularity;
  /** Size of the whole drawing (labels and grid) in CSS px. */
  width: number;
  height: number;
  fontSize: number;
  grid: {
    x: number;
    y: number;
    cols: number;
    rows: number;
    /** Distance between cell origins; a cell is pitch minus the gap. */
    pitchX: number;
    pitchY: number;
    cellW: number;
    cellH: number;
  };
  /** Grid kind: one per (row, bucket), row-major, so index = row * cols + bucket. Calendar: one per day. */
  cells: LayoutCell[];
  /** Grid slot (gridRow * cols + gridCol) to index into `cells`, or -1 for a slot with no cell. */
  slots: Int32Array;
  rowLabels: AxisLabel[];
  /** Thinned so that no two overlap. */
  columnLabels: AxisLabel[];
  legend: HeatmapLegend;
}
