/**
 * One layout for the admission-rate heatmap, drawn by two renderers (SVG for
 * small grids, canvas for large ones) and by the exports, so they all look
 * alike. Pure: geometry and colours in CSS pixels, no DOM. Text widths are
 * estimated from the font size because a pure function cannot measure text.
 */
import { scaleSequential } from "d3-scale";
import { interpolateViridis } from "d3-scale-chromatic";
import type { Granularity, HeatmapCell, HeatmapData } from "./heatmap-data.ts";
import { calendarLayout } from "./time-buckets.ts";

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

/** Fill of a cell with no decided application (empty, or only undecided ones). */
export const EMPTY_FILL = "#d4d4d8";
export const EMPTY_RGB = 0xd4d4d8;
/** Axis text: mid slate, readable on both a light and a dark page, and the same on both renderers. */
export const LABEL_FILL = "#64748b";
export const FONT_FAMILY = "ui-sans-serif, system-ui, sans-serif";
/**
 * Anomalies get a dark ring with a white ring inside it: one of the two
 * contrasts with every viridis colour, so the mark never depends on hue.
 */
export const ANOMALY_OUTER = "#111827";
export const ANOMALY_INNER = "#ffffff";

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

export interface LegendStop {
  /** 0..1 along the bar, equal to the rate. */
  offset: number;
  fill: string;
}

export interface HeatmapLegend {
  stops: LegendStop[];
  ticks: { rate: number; label: string }[];
  emptyFill: string;
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

const LUT_SIZE = 256;
const LABEL_GAP = 6;
/** Average glyph advance as a share of the font size; generous, so estimated labels never collide. */
const CHAR_WIDTH = 0.62;
const WIDE_CHAR_WIDTH = 0.85;

function parseColour(colour: string): number {
  if (colour.startsWith("#") && colour.length === 7) return Number.parseInt(colour.slice(1), 16);
  const m = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(colour);
  if (!m) throw new Error(`unexpected colour ${colour}`);
  return (Number(m[1]) << 16) | (Number(m[2]) << 8) | Number(m[3]);
}

export function rgbToHex(rgb: number): string {
  return `#${rgb.toString(16).padStart(6, "0")}`;
}

// Quantised once: 256 steps are finer than the eye can tell apart, and the
// renderers then share strings and integers instead of interpolating per cell.
const rateScale = scaleSequential(interpolateViridis).domain([0, 1]);
const LUT_RGB = Array.from({ length: LUT_SIZE }, (_, i) => parseColour(rateScale(i / (LUT_SIZE - 1))));
const LUT_HEX = LUT_RGB.map(rgbToHex);

/** The colour of an admission rate (0..1, clamped); null (nothing decided) is the empty grey. */
export function rateColour(rate: number | null): { fill: string; rgb: number } {
  if (rate === null || Number.isNaN(rate)) return { fill: EMPTY_FILL, rgb: EMPTY_RGB };
  const i = Math.round(Math.min(1, Math.max(0, rate)) * (LUT_SIZE - 1));
  return { fill: LUT_HEX[i] as string, rgb: LUT_RGB[i] as number };
}

function legendOf(): HeatmapLegend {
  const stops: LegendStop[] = [];
  for (let i = 0; i <= 10; i++) stops.push({ offset: i / 10, fill: rateColour(i / 10).fill });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((rate) => ({ rate, label: `${rate * 100}%` }));
  return { stops, ticks, emptyFill: EMPTY_FILL };
}

/** Capitals and m/w run wider than the average; counting them apart keeps "Wed" or "MSc" from being clipped. */
export function estimateTextWidth(text: string, fontSize: number): number {
  let ems = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const wide = (c >= 65 && c <= 90) || c === 109 || c === 119 || c === 64 || c === 37; // A-Z m w @ %
    ems += wide ? WIDE_CHAR_WIDTH : CHAR_WIDTH;
  }
  return Math.ceil(ems * fontSize);
}

function truncate(text: string, maxWidth: number, fontSize: number): string {
  if (estimateTextWidth(text, fontSize) <= maxWidth) return text;
  let cut = text.length - 1;
  while (cut > 1 && estimateTextWidth(`${text.slice(0, cut)}…`, fontSize) > maxWidth) cut--;
  return `${text.slice(0, cut).trimEnd()}…`;
}

/** Label steps that keep calendar rhythm: every week of days, every quarter of months. */
const NICE_STEPS: Record<Granularity, number[]> = {
  day: [1, 2, 7, 14, 28],
  week: [1, 2, 4, 13, 26, 52],
  month: [1, 2, 3, 6, 12],
};

/** Smallest step (nice for the granularity, else any multiple of the largest) at which labels of `need` px fit `pitch`. */
export function labelStep(granularity: Granularity, pitch: number, need: number): number {
  for (const step of NICE_STEPS[granularity]) if (step * pitch >= need) return step;
  const largest = NICE_STEPS[granularity].at(-1) as number;
  return largest * Math.ceil(need / (pitch * largest));
}

interface Frame {
  fontSize: number;
  rowLabelWidth: number;
  gridX: number;
  gridY: number;
}

function frameFor(rowTexts: string[], options: HeatmapLayoutOptions): Frame {
  const fontSize = options.fontSize ?? 11;
  const rowLabelMax = options.rowLabelMax ?? 160;
  let widest = 0;
  for (const t of rowTexts) widest = Math.max(widest, estimateTextWidth(t, fontSize));
  const rowLabelWidth = Math.min(rowLabelMax, widest);
  // A 2 px margin on the left: an estimate that falls a little short of the real text is not clipped.
  return { fontSize, rowLabelWidth, gridX: 2 + rowLabelWidth + LABEL_GAP, gridY: fontSize + LABEL_GAP + 2 };
}

function rowLabelsFor(texts: string[], frame: Frame, pitchY: number, cellH: number): AxisLabel[] {
  // Rows shorter than the text would overprint each other: label every k-th.
  const step = Math.max(1, Math.ceil((frame.fontSize + 2) / pitchY));
  const labels: AxisLabel[] = [];
  for (let r = 0; r < texts.length; r += step) {
    const full = texts[r] as string;
    labels.push({
      text: truncate(full, frame.rowLabelWidth, frame.fontSize),
      full,
      x: frame.gridX - LABEL_GAP,
      y: frame.gridY + r * pitchY + cellH / 2,
      anchor: "end",
      index: r,
      bucket: null,
    });
  }
  return labels;
}

/** A 1px gap between cells once they are big enough that the gap does not dominate. */
function gapFor(pitch: number): number {
  return pitch >= 8 ? 1 : 0;
}

/**
 * Rows × buckets: rows are programs or channels, columns are the buckets in
 * order. Every (row, bucket) gets a cell, empty ones grey.
 */
export function layoutHeatmap(data: HeatmapData, options: HeatmapLayoutOptions): HeatmapLayout {
  const cols = data.buckets.length;
  const rows = data.rows.length;
  const rowTexts = data.rows.map((r) => r.label);
  const frame = frameFor(rowTexts, options);
  const cellMin = Math.max(1, Math.round(options.cellMin ?? 2));
  const cellMax = Math.max(cellMin, Math.round(options.cellMax ?? 40));
  // Whole-pixel pitches keep cell edges crisp in both renderers at any devicePixelRatio.
  const available = Math.max(0, options.width - frame.gridX);
  const pitchX = Math.min(cellMax, Math.max(cellMin, Math.floor(available / Math.max(1, cols))));
  const pitchY = Math.max(1, Math.round(options.rowHeight ?? 20));
  const cellW = pitchX - gapFor(pitchX);
  const cellH = pitchY - gapFor(pitchY);

  const byPosition: (HeatmapCell | null)[] = new Array(rows * cols).fill(null);
  for (const c of data.cells) {
    if (c.row >= 0 && c.row < rows && c.bucket >= 0 && c.bucket < cols) byPosition[c.row * cols + c.bucket] = c;
  }
  const cells: LayoutCell[] = new Array(rows * cols);
  const slots = new Int32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const y = frame.gridY + r * pitchY;
    for (let b = 0; b < cols; b++) {
      const i = r * cols + b;
      const d = byPosition[i] ?? null;
      const rate = d?.rate ?? null;
      const { fill, rgb } = rateColour(rate);
      cells[i] = {
        row: r,
        bucket: b,
        gridRow: r,
        gridCol: b,
        x: frame.gridX + b * pitchX,
        y,
        w: cellW,
        h: cellH,
        fill,
        rgb,
        rate,
        anomaly: d?.anomaly ?? false,
        data: d,
      };
      slots[i] = i;
    }
  }

  const width = frame.gridX + cols * pitchX;
  const drillable = data.granularity !== "day";
  let widestColumn = 0;
  for (const t of data.bucketLabels) widestColumn = Math.max(widestColumn, estimateTextWidth(t, frame.fontSize));
  const step = labelStep(data.granularity, pitchX, widestColumn + LABEL_GAP);
  const columnLabels: AxisLabel[] = [];
  for (let b = 0; b < cols; b += step) {
    const full = data.bucketLabels[b] ?? "";
    const x = frame.gridX + b * pitchX;
    // A label running past the grid's right edge would widen the chart; drop it (but keep the first).
    if (b > 0 && x + estimateTextWidth(full, frame.fontSize) > width) break;
    columnLabels.push({
      text: full,
      full,
      x,
      y: frame.fontSize / 2 + 1,
      anchor: "start",
      index: b,
      bucket: drillable ? b : null,
    });
  }

  const firstLabel = columnLabels[0];
  return {
    kind: "grid",
    granularity: data.granularity,
    width: firstLabel ? Math.max(width, firstLabel.x + estimateTextWidth(firstLabel.text, frame.fontSize)) : width,
    height: frame.gridY + rows * pitchY,
    fontSize: frame.fontSize,
    grid: { x: frame.gridX, y: frame.gridY, cols, rows, pitchX, pitchY, cellW, cellH },
    cells,
    slots,
    rowLabels: rowLabelsFor(rowTexts, frame, pitchY, cellH),
    columnLabels,
    legend: legendOf(),
  };
}

const WEEKDAYS_FROM_MONDAY = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Whether the calendar variant applies: day buckets (it draws one row of them). */
export function canLayoutCalendar(data: HeatmapData): boolean {
  return data.granularity === "day" && data.rows.length >= 1;
}

/** Month and day of a "YYYY-MM-DD" bucket label, for the month names; null for any other label. */
function labelDate(label: string | undefined): { year: number; month: number; date: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label ?? "");
  return m ? { year: Number(m[1]), month: Number(m[2]), date: Number(m[3]) } : null;
}

/**
 * Day buckets of one row as a calendar: columns are weeks starting on
 * `data.weekStart`, rows are weekdays, cells square. Positions come from
 * time-buckets' calendarLayout (local dates in `data.tz`); month names label
 * the week in which each month starts. Throws unless `canLayoutCalendar(data)`.
 */
export function layoutCalendar(data: HeatmapData, options: HeatmapLayoutOptions & { row?: number }): HeatmapLayout {
  if (!canLayoutCalendar(data)) throw new Error("calendar layout needs day buckets and at least one row");
  const row = options.row ?? 0;
  const { weeks: cols, positions } = calendarLayout(
    data.buckets.map((b) => Date.parse(b)),
    data.tz,
    data.weekStart,
  );
  const weekdayNames =
    data.weekStart === "monday" ? WEEKDAYS_FROM_MONDAY : ["Sun", ...WEEKDAYS_FROM_MONDAY.slice(0, 6)];
  const frame = frameFor(weekdayNames, options);
  const cellMin = Math.max(1, Math.round(options.cellMin ?? 8));
  const cellMax = Math.max(cellMin, Math.round(options.cellMax ?? 18));
  const available = Math.max(0, options.width - frame.gridX);
  const pitch = Math.min(cellMax, Math.max(cellMin, Math.floor(available / Math.max(1, cols))));
  const cellSize = pitch - gapFor(pitch);

  const byBucket: (HeatmapCell | null)[] = new Array(positions.length).fill(null);
  for (const c of data.cells) if (c.row === row && c.bucket >= 0 && c.bucket < positions.length) byBucket[c.bucket] = c;
  const slots = new Int32Array(cols * 7).fill(-1);
  const cells: LayoutCell[] = [];
  const columnLabels: AxisLabel[] = [];
  let labelRight = Number.NEGATIVE_INFINITY;
  positions.forEach(({ week: gridCol, weekday: gridRow }, b) => {
    const d = byBucket[b] ?? null;
    const rate = d?.rate ?? null;
    const { fill, rgb } = rateColour(rate);
    slots[gridRow * cols + gridCol] = cells.length;
    const x = frame.gridX + gridCol * pitch;
    cells.push({
      row,
      bucket: b,
      gridRow,
      gridCol,
      x,
      y: frame.gridY + gridRow * pitch,
      w: cellSize,
      h: cellSize,
      fill,
      rgb,
      rate,
      anomaly: d?.anomaly ?? false,
      data: d,
    });
    const day = labelDate(data.bucketLabels[b]);
    if (day && (day.date === 1 || b === 0)) {
      const month = MONTHS[day.month - 1] ?? "";
      const text = day.month === 1 || b === 0 ? `${month} ${day.year}` : month;
      // Greedy: a month starting too close to the previous label is skipped.
      if (x >= labelRight + LABEL_GAP) {
        columnLabels.push({
          text,
          full: text,
          x,
          y: frame.fontSize / 2 + 1,
          anchor: "start",
          index: gridCol,
          bucket: null,
        });
        labelRight = x + estimateTextWidth(text, frame.fontSize);
      }
    }
  });

  const width = frame.gridX + cols * pitch;
  return {
    kind: "calendar",
    granularity: data.granularity,
    width: Math.max(width, labelRight),
    height: frame.gridY + 7 * pitch,
    fontSize: frame.fontSize,
    grid: {
      x: frame.gridX,
      y: frame.gridY,
      cols,
      rows: 7,
      pitchX: pitch,
      pitchY: pitch,
      cellW: cellSize,
      cellH: cellSize,
    },
    cells,
    slots,
    rowLabels: rowLabelsFor(weekdayNames, frame, pitch, cellSize),
    columnLabels,
    legend: legendOf(),
  };
}

function gridSlotAt(layout: HeatmapLayout, x: number, y: number): { col: number; row: number } | null {
  const { grid } = layout;
  const col = Math.floor((x - grid.x) / grid.pitchX);
  const row = Math.floor((y - grid.y) / grid.pitchY);
  if (col < 0 || row < 0 || col >= grid.cols || row >= grid.rows) return null;
  return { col, row };
}

/**
 * The index into `layout.cells` under (x, y) in layout px, or null. A cell
 * owns the gap after it, so the pointer never falls between two cells.
 */
export function hitTest(layout: HeatmapLayout, x: number, y: number): number | null {
  const slot = gridSlotAt(layout, x, y);
  if (!slot) return null;
  const index = layout.slots[slot.row * layout.grid.cols + slot.col] ?? -1;
  return index < 0 ? null : index;
}

/** The bucket whose column label band (above the grid) holds (x, y), for drilling down; null elsewhere. */
export function hitTestColumn(layout: HeatmapLayout, x: number, y: number): number | null {
  if (layout.kind !== "grid" || layout.granularity === "day") return null;
  if (y < 0 || y >= layout.grid.y) return null;
  const col = Math.floor((x - layout.grid.x) / layout.grid.pitchX);
  return col < 0 || col >= layout.grid.cols ? null : col;
}

export type CellKey = "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End" | "PageUp" | "PageDown";

/**
 * The cell a key moves the keyboard cursor to from `index`, skipping blank
 * calendar slots; `index` itself at an edge. Home/End go to the row's ends,
 * PageUp/PageDown to the column's.
 */
export function moveCell(layout: HeatmapLayout, index: number, key: CellKey): number {
  const cell = layout.cells[index];
  if (!cell) return layout.cells.length > 0 ? 0 : index;
  const { cols, rows } = layout.grid;
  const at = (r: number, c: number) => layout.slots[r * cols + c] ?? -1;
  const scan = (dr: number, dc: number, toEnd: boolean) => {
    let found = index;
    for (let r = cell.gridRow + dr, c = cell.gridCol + dc; r >= 0 && r < rows && c >= 0 && c < cols; r += dr, c += dc) {
      const i = at(r, c);
      if (i >= 0) {
        found = i;
        if (!toEnd) break;
      }
    }
    return found;
  };
  switch (key) {
    case "ArrowRight":
      return scan(0, 1, false);
    case "ArrowLeft":
      return scan(0, -1, false);
    case "ArrowDown":
      return scan(1, 0, false);
    case "ArrowUp":
      return scan(-1, 0, false);
    case "End":
      return scan(0, 1, true);
    case "Home":
      return scan(0, -1, true);
    case "PageDown":
      return scan(1, 0, true);
    case "PageUp":
      return scan(-1, 0, true);
  }
}

export function isCellKey(key: string): key is CellKey {
  return (
    key === "ArrowLeft" ||
    key === "ArrowRight" ||
    key === "ArrowUp" ||
    key === "ArrowDown" ||
    key === "Home" ||
    key === "End" ||
    key === "PageUp" ||
    key === "PageDown"
  );
}

/**
 * Rectangles to stroke around an anomalous cell: inside the cell when it is
 * big enough for two rings, else one dark ring just outside it.
 */
export function anomalyRings(
  cell: LayoutCell,
): { x: number; y: number; w: number; h: number; lineWidth: number; stroke: string }[] {
  if (cell.w >= 7 && cell.h >= 7) {
    return [
      { x: cell.x + 1, y: cell.y + 1, w: cell.w - 2, h: cell.h - 2, lineWidth: 2, stroke: ANOMALY_OUTER },
      { x: cell.x + 2.5, y: cell.y + 2.5, w: cell.w - 5, h: cell.h - 5, lineWidth: 1, stroke: ANOMALY_INNER },
    ];
  }
  return [{ x: cell.x - 0.5, y: cell.y - 0.5, w: cell.w + 1, h: cell.h + 1, lineWidth: 1, stroke: ANOMALY_OUTER }];
}

/** Where exports (SVG and PNG) put the legend: a band under the chart, as wide as the chart or the legend. */
export function exportLegendPlacement(layout: HeatmapLayout): {
  width: number;
  height: number;
  bar: { x: number; y: number; w: number; h: number };
  tickY: number;
  empty: { x: number; y: number; size: number; labelX: number };
  anomaly: { x: number; y: number; size: number; labelX: number };
  labelY: number;
} {
  const fs = layout.fontSize;
  const top = layout.height + 12;
  const x = layout.grid.x;
  const bar = { x, y: top, w: 200, h: 10 };
  const swatchY = top;
  const emptyX = x + bar.w + 20;
  const anomalyX = emptyX + 12 + estimateTextWidth("no decisions", fs) + 16;
  const width = Math.max(layout.width, anomalyX + 14 + estimateTextWidth("unusual for its row", fs) + 8);
  return {
    width,
    height: top + bar.h + fs + 10,
    bar,
    tickY: top + bar.h + 3 + fs / 2,
    empty: { x: emptyX, y: swatchY, size: 10, labelX: emptyX + 14 },
    anomaly: { x: anomalyX, y: swatchY, size: 10, labelX: anomalyX + 14 },
    labelY: swatchY + 5,
  };
}
