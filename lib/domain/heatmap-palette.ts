/** The heatmap's colours: viridis for the admission rate, the empty grey, axis text, anomaly rings and the legend. */
import { scaleSequential } from "d3-scale";
import { interpolateViridis } from "d3-scale-chromatic";
import type { LayoutCell } from "./heatmap-layout.ts";

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

const LUT_SIZE = 256;

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

/** The legend every layout carries: eleven stops along the rate bar, five ticks, and the empty grey. */
export function heatmapLegend(): HeatmapLegend {
  const stops: LegendStop[] = [];
  for (let i = 0; i <= 10; i++) stops.push({ offset: i / 10, fill: rateColour(i / 10).fill });
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((rate) => ({ rate, label: `${rate * 100}%` }));
  return { stops, ticks, emptyFill: EMPTY_FILL };
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
