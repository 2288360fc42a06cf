import { median } from "./summary.ts";
import { assertFiniteValues } from "./validate.ts";

/** Makes the MAD estimate the SD of normal data, so robust and standard z-scores share a scale. */
const MAD_TO_SD = 1.4826;

/**
 * (x − median) / (1.4826 × MAD) for each value: the modified z-score. The median and MAD
 * ignore a few extreme values, so one huge outlier cannot inflate the scale and hide a
 * smaller anomaly the way it does with zScores. When more than half the values are equal
 * (MAD = 0) or there are fewer than 2, every entry is NaN, as with zScores.
 * Values must be finite (RangeError otherwise).
 */
export function robustZScores(values: readonly number[]): number[] {
  assertFiniteValues("robustZScores", "values", values);
  if (values.length < 2) return values.map(() => Number.NaN);
  const center = median(values);
  const scale = MAD_TO_SD * median(values.map((v) => Math.abs(v - center)));
  if (scale === 0) return values.map(() => Number.NaN);
  return values.map((v) => (v - center) / scale);
}
