import type { HeatmapCell, HeatmapData } from "@/lib/domain/heatmap-data";
// Relative, not "@/": vitest (which runs this file's test) has no path alias.
import { wilsonInterval } from "../../lib/domain/stats";

/** One row's figures in one bucket. */
export interface TrendValue {
  applications: number;
  admitted: number;
  decided: number;
  /** admitted / decided, null when nothing was decided (the line breaks there). */
  rate: number | null;
  /** 95% Wilson interval of the rate, null with the rate. */
  ci: [number, number] | null;
}

/**
 * One bucket of the trend charts. Series are keyed by position in the
 * chosen rows (`rate0`, `ci0`, `applications0`, …) because row keys are
 * program ids or free-text channel labels, neither safe as recharts data keys.
 */
export interface TrendPoint {
  bucket: number;
  label: string;
  values: TrendValue[];
  [series: string]: unknown;
}

const NOTHING: TrendValue = { applications: 0, admitted: 0, decided: 0, rate: null, ci: null };

/** The rate of each bucket for the given rows, with its 95% Wilson interval, from the heatmap's own counts. */
export function trendSeries(data: HeatmapData, rows: readonly number[]): TrendPoint[] {
  const cols = data.buckets.length;
  const byPosition = new Map<number, HeatmapCell>();
  for (const c of data.cells) byPosition.set(c.row * cols + c.bucket, c);
  return data.bucketLabels.map((label, bucket) => {
    const point: TrendPoint = { bucket, label, values: [] };
    rows.forEach((row, i) => {
      const c = byPosition.get(row * cols + bucket);
      let value = NOTHING;
      if (c) {
        const interval = c.decided > 0 ? wilsonInterval(c.admitted, c.decided, 0.95) : null;
        value = {
          applications: c.applications,
          admitted: c.admitted,
          decided: c.decided,
          rate: interval ? interval.estimate : null,
          ci: interval ? [interval.lo, interval.hi] : null,
        };
      }
      point.values.push(value);
      point[`rate${i}`] = value.rate;
      point[`ci${i}`] = value.ci;
      point[`applications${i}`] = value.applications;
    });
    return point;
  });
}

/**
 * Okabe–Ito colours, told apart with the common colour-vision deficiencies;
 * ordered so the first few also differ in lightness, and yellow (too pale on
 * white for a line) is left out. Each series also gets its own dash pattern.
 */
export const SERIES_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000"] as const;
export const SERIES_DASHES = ["", "6 3", "2 2", "8 3 2 3", "1 3", "10 4", "4 2 1 2"] as const;

export function seriesColour(i: number): string {
  return SERIES_COLOURS[i % SERIES_COLOURS.length] as string;
}

export function seriesDash(i: number): string {
  return SERIES_DASHES[i % SERIES_DASHES.length] as string;
}

/** "42.0%" with one decimal, for charts and tables that compare nearby rates. */
export function formatPercent(rate: number | null | undefined, digits = 1): string {
  return rate === null || rate === undefined || Number.isNaN(rate) ? "–" : `${(rate * 100).toFixed(digits)}%`;
}
