/**
 * Text widths estimated from the font size, because a pure layout cannot
 * measure text, and the label steps that keep axis labels from overlapping.
 */
import type { Granularity } from "./heatmap-data.ts";

/** Space between a label and the grid, and between two labels. */
export const LABEL_GAP = 6;

/** Average glyph advance as a share of the font size; generous, so estimated labels never collide. */
const CHAR_WIDTH = 0.62;
const WIDE_CHAR_WIDTH = 0.85;

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

/** `text` cut with "…" to fit `maxWidth` px (by estimate). */
export function truncateText(text: string, maxWidth: number, fontSize: number): string {
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
