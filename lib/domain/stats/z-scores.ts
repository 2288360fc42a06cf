import { mean, sampleVariance } from "./summary.ts";
import { assertFiniteValues } from "./validate.ts";

/**
 * (x − mean) / sample SD for each value, as scipy.stats.zscore(values, ddof=1).
 * With fewer than 2 values or no spread a z-score is undefined: every entry is NaN,
 * which flagAnomalies never flags. Values must be finite (RangeError otherwise).
 */
export function zScores(values: readonly number[]): number[] {
  assertFiniteValues("zScores", "values", values);
  const sd = values.length < 2 ? 0 : Math.sqrt(sampleVariance(values));
  if (sd === 0) return values.map(() => Number.NaN);
  const m = mean(values);
  return values.map((v) => (v - m) / sd);
}
