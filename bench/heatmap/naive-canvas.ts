/**
 * The raw baseline for bench/heatmap: what a first canvas heatmap does. No
 * shared layout and no pixel buffer: geometry worked out inline and one
 * fillStyle + fillRect per cell (the colour string from the same d3 scale),
 * then the anomaly outlines and the row labels.
 */
import { scaleSequential } from "d3-scale";
import { interpolateViridis } from "d3-scale-chromatic";
import type { HeatmapCell, HeatmapData } from "../../lib/domain/heatmap-data.ts";

const colour = scaleSequential(interpolateViridis).domain([0, 1]);

export function drawNaiveHeatmap(canvas: HTMLCanvasElement, data: HeatmapData, width: number, dpr: number): void {
  const cols = data.buckets.length;
  const labelWidth = 80;
  const top = 19;
  const pitchX = Math.max(2, Math.min(40, Math.floor((width - labelWidth) / cols)));
  const pitchY = 20;
  const cssWidth = labelWidth + cols * pitchX;
  const cssHeight = top + data.rows.length * pitchY;
  canvas.width = Math.ceil(cssWidth * dpr);
  canvas.height = Math.ceil(cssHeight * dpr);
  canvas.style.width = `${cssWidth}px`;
  canvas.style.height = `${cssHeight}px`;
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2d context");
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const gap = pitchX >= 8 ? 1 : 0;
  const byPosition: (HeatmapCell | undefined)[] = new Array(data.rows.length * cols);
  for (const cell of data.cells) byPosition[cell.row * cols + cell.bucket] = cell;
  for (let r = 0; r < data.rows.length; r++) {
    for (let b = 0; b < cols; b++) {
      const rate = byPosition[r * cols + b]?.rate ?? null;
      ctx.fillStyle = rate === null ? "#d4d4d8" : colour(rate);
      ctx.fillRect(labelWidth + b * pitchX, top + r * pitchY, pitchX - gap, pitchY - 1);
    }
  }
  ctx.strokeStyle = "#111827";
  ctx.lineWidth = 2;
  for (const cell of data.cells) {
    if (cell.anomaly)
      ctx.strokeRect(labelWidth + cell.bucket * pitchX, top + cell.row * pitchY, pitchX - gap, pitchY - 1);
  }
  ctx.fillStyle = "#64748b";
  ctx.font = "11px sans-serif";
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  data.rows.forEach((row, r) => {
    ctx.fillText(row.label, labelWidth - 6, top + r * pitchY + pitchY / 2);
  });
}
