/** The frame shared by both layouts (row labels on the left, column labels on top) and the rows × buckets grid. */
import type { HeatmapCell, HeatmapData } from "./heatmap-data.ts";
import type { AxisLabel, HeatmapLayout, HeatmapLayoutOptions, LayoutCell } from "./heatmap-layout.ts";
import { heatmapLegend, rateColour } from "./heatmap-palette.ts";
import { estimateTextWidth, LABEL_GAP, labelStep, truncateText } from "./heatmap-text-width.ts";

/** Where the grid starts once the row labels (left) and column labels (top) have room. */
export interface Frame {
  fontSize: number;
  rowLabelWidth: number;
  gridX: number;
  gridY: number;
}

export function frameFor(rowTexts: string[], options: HeatmapLayoutOptions): Frame {
  const fontSize = options.fontSize ?? 11;
  const rowLabelMax = options.rowLabelMax ?? 160;
  let widest = 0;
  for (const t of rowTexts) widest = Math.max(widest, estimateTextWidth(t, fontSize));
  const rowLabelWidth = Math.min(rowLabelMax, widest);
  // A 2 px margin on the left: an estimate that falls a little short of the real text is not clipped.
  return { fontSize, rowLabelWidth, gridX: 2 + rowLabelWidth + LABEL_GAP, gridY: fontSize + LABEL_GAP + 2 };
}

export function rowLabelsFor(texts: string[], frame: Frame, pitchY: number, cellH: number): AxisLabel[] {
  // Rows shorter than the text would overprint each other: label every k-th.
  const step = Math.max(1, Math.ceil((frame.fontSize + 2) / pitchY));
  const labels: AxisLabel[] = [];
  for (let r = 0; r < texts.length; r += step) {
    const full = texts[r] as string;
    labels.push({
      text: truncateText(full, frame.rowLabelWidth, frame.fontSize),
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
export function gapFor(pitch: number): number {
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
    legend: heatmapLegend(),
  };
}
