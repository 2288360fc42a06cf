/**
 * The canvas renderer: the layout drawn onto a 2D context. Plain functions
 * over the few context members they use, so tests pass a recording fake
 * (Excalidraw style) instead of comparing pixels. Imports of lib/ are relative
 * because vitest does not resolve the "@/" alias.
 */
import { exportLegendPlacement } from "../../../lib/domain/heatmap-export-legend";
import type { HeatmapLayout, LayoutCell } from "../../../lib/domain/heatmap-layout";
import { anomalyRings, FONT_FAMILY, LABEL_FILL, rgbToHex } from "../../../lib/domain/heatmap-palette";

export interface PixelBuffer {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

/** Where the one-pixel-per-cell image is put before it is scaled onto the chart. */
export interface CellImageTarget {
  source: CanvasImageSource;
  ctx: {
    createImageData(width: number, height: number): PixelBuffer;
    putImageData(image: PixelBuffer, dx: number, dy: number): void;
  };
}

/** The part of CanvasRenderingContext2D the renderer uses. */
export interface HeatmapContext2D {
  fillStyle: string | CanvasGradient | CanvasPattern;
  strokeStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  imageSmoothingEnabled: boolean;
  setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  strokeRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number): void;
  drawImage(
    image: CanvasImageSource,
    sx: number,
    sy: number,
    sw: number,
    sh: number,
    dx: number,
    dy: number,
    dw: number,
    dh: number,
  ): void;
}

export interface DrawOptions {
  /** devicePixelRatio: the backing store is this many device pixels per CSS pixel. */
  dpr: number;
  /** Opaque colour (0xRRGGBB) under the cells and in their gaps; transparent when absent. */
  background?: number;
  /** Kept between draws so a redraw of the same grid reuses its cell image. */
  scratch?: { target?: CellImageTarget; image?: PixelBuffer };
  /** Makes the cell image's canvas (default: an OffscreenCanvas). */
  createCellImage?: (width: number, height: number) => CellImageTarget;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** 0xRRGGBB as one opaque RGBA pixel in a Uint32Array over ImageData bytes. */
export function pixelOf(rgb: number): number {
  const r = (rgb >> 16) & 0xff;
  const g = (rgb >> 8) & 0xff;
  const b = rgb & 0xff;
  return LITTLE_ENDIAN
    ? (0xff000000 | (b << 16) | (g << 8) | r) >>> 0
    : ((r << 24) | (g << 16) | (b << 8) | 0xff) >>> 0;
}

/** Backing-store size in device pixels for a layout at a devicePixelRatio. */
export function backingSize(width: number, height: number, dpr: number): { width: number; height: number } {
  return { width: Math.max(1, Math.ceil(width * dpr)), height: Math.max(1, Math.ceil(height * dpr)) };
}

function offscreenCellImage(width: number, height: number): CellImageTarget {
  const canvas = new OffscreenCanvas(width, height);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2d context on an OffscreenCanvas");
  return { source: canvas, ctx };
}

/**
 * Cells as pixels: one pixel per grid slot written into an ImageData (blank
 * calendar slots stay transparent), put on a small canvas and scaled onto the
 * chart once with smoothing off, so each pixel becomes a crisp cell; then the
 * gaps between cells are cleared. At 100,000 cells this is one 400 kB buffer
 * and one drawImage instead of 100,000 fillRects, or a 17 MB chart-sized
 * ImageData (measured slower in bench/heatmap).
 */
export function drawCells(ctx: HeatmapContext2D, layout: HeatmapLayout, options: DrawOptions): void {
  const { grid, cells, slots } = layout;
  const { dpr } = options;
  const { cols, rows } = grid;
  if (cols === 0 || rows === 0) return;
  const scratch = options.scratch ?? {};
  let target = scratch.target;
  let image = scratch.image;
  if (!target || !image || image.width !== cols || image.height !== rows) {
    target = (options.createCellImage ?? offscreenCellImage)(cols, rows);
    image = target.ctx.createImageData(cols, rows);
    scratch.target = target;
    scratch.image = image;
  }
  const px = new Uint32Array(image.data.buffer, image.data.byteOffset, cols * rows);
  for (let i = 0; i < px.length; i++) {
    const index = slots[i] ?? -1;
    px[i] = index < 0 ? 0 : pixelOf((cells[index] as LayoutCell).rgb);
  }
  target.ctx.putImageData(image, 0, 0);

  const gridW = cols * grid.pitchX;
  const gridH = rows * grid.pitchY;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  const gapFill = options.background === undefined ? null : rgbToHex(options.background);
  if (gapFill) {
    ctx.fillStyle = gapFill;
    ctx.fillRect(grid.x, grid.y, gridW, gridH);
  }
  ctx.imageSmoothingEnabled = false;
  ctx.drawImage(target.source, 0, 0, cols, rows, grid.x, grid.y, gridW, gridH);
  // The scaled image fills whole pitches; cut the gaps back out (at most one per column and row).
  const clearGap = (x: number, y: number, w: number, h: number) =>
    gapFill ? ctx.fillRect(x, y, w, h) : ctx.clearRect(x, y, w, h);
  const gapX = grid.pitchX - grid.cellW;
  const gapY = grid.pitchY - grid.cellH;
  if (gapX > 0) for (let c = 0; c < cols; c++) clearGap(grid.x + c * grid.pitchX + grid.cellW, grid.y, gapX, gridH);
  if (gapY > 0) for (let r = 0; r < rows; r++) clearGap(grid.x, grid.y + r * grid.pitchY + grid.cellH, gridW, gapY);
}

export function drawAnomalies(ctx: HeatmapContext2D, layout: HeatmapLayout): void {
  for (const cell of layout.cells) {
    if (!cell.anomaly) continue;
    for (const ring of anomalyRings(cell)) {
      ctx.strokeStyle = ring.stroke;
      ctx.lineWidth = ring.lineWidth;
      ctx.strokeRect(ring.x, ring.y, ring.w, ring.h);
    }
  }
}

export function drawLabels(ctx: HeatmapContext2D, layout: HeatmapLayout): void {
  ctx.font = `${layout.fontSize}px ${FONT_FAMILY}`;
  ctx.fillStyle = LABEL_FILL;
  ctx.textBaseline = "middle";
  for (const label of [...layout.rowLabels, ...layout.columnLabels]) {
    ctx.textAlign = label.anchor === "end" ? "right" : "left";
    ctx.fillText(label.text, label.x, label.y);
  }
}

/**
 * The whole chart onto a canvas whose backing store is
 * backingSize(layout.width, layout.height, dpr): clear, cells, then anomaly
 * rings and labels over them, all in CSS px under a dpr scale.
 */
export function drawHeatmap(ctx: HeatmapContext2D, layout: HeatmapLayout, options: DrawOptions): void {
  const size = backingSize(layout.width, layout.height, options.dpr);
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, size.width, size.height);
  drawCells(ctx, layout, options);
  drawAnomalies(ctx, layout);
  drawLabels(ctx, layout);
}

export interface GradientContext2D extends HeatmapContext2D {
  createLinearGradient(x0: number, y0: number, x1: number, y1: number): CanvasGradient;
}

/** The legend band under the chart in a PNG export, matching heatmapToSvg's. */
export function drawExportLegend(ctx: GradientContext2D, layout: HeatmapLayout): void {
  const place = exportLegendPlacement(layout);
  const { bar, empty, anomaly } = place;
  const gradient = ctx.createLinearGradient(bar.x, 0, bar.x + bar.w, 0);
  for (const stop of layout.legend.stops) gradient.addColorStop(stop.offset, stop.fill);
  ctx.fillStyle = gradient;
  ctx.fillRect(bar.x, bar.y, bar.w, bar.h);
  ctx.font = `${layout.fontSize}px ${FONT_FAMILY}`;
  ctx.textBaseline = "middle";
  ctx.fillStyle = LABEL_FILL;
  layout.legend.ticks.forEach((tick, i, all) => {
    ctx.textAlign = i === 0 ? "left" : i === all.length - 1 ? "right" : "center";
    ctx.fillText(tick.label, bar.x + tick.rate * bar.w, place.tickY);
  });
  ctx.textAlign = "left";
  ctx.fillStyle = layout.legend.emptyFill;
  ctx.fillRect(empty.x, empty.y, empty.size, empty.size);
  ctx.fillStyle = layout.legend.stops[5]?.fill ?? LABEL_FILL;
  ctx.fillRect(anomaly.x, anomaly.y, anomaly.size, anomaly.size);
  const swatch = { x: anomaly.x, y: anomaly.y, w: anomaly.size, h: anomaly.size } as LayoutCell;
  for (const ring of anomalyRings(swatch)) {
    ctx.strokeStyle = ring.stroke;
    ctx.lineWidth = ring.lineWidth;
    ctx.strokeRect(ring.x, ring.y, ring.w, ring.h);
  }
  ctx.fillStyle = LABEL_FILL;
  ctx.fillText("no decisions", empty.labelX, place.labelY);
  ctx.fillText("unusual for its row", anomaly.labelX, place.labelY);
}
