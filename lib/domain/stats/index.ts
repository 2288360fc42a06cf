/**
 * Statistics for the analytics pages. Invalid arguments (empty samples, NaN, counts
 * outside 0 <= x <= n) are caller bugs and throw a RangeError; a statistic that is
 * undefined for valid data (no spread to divide by) comes back as NaN.
 */
export { flagAnomalies } from "./flag-anomalies.ts";
export type { Alternative } from "./p-value.ts";
export { robustZScores } from "./robust-z-scores.ts";
export { type TwoProportionZTestResult, twoProportionZTest } from "./two-proportion-z-test.ts";
export { type WelchTTestResult, welchTTest } from "./welch-t-test.ts";
export { type WilsonInterval, wilsonInterval } from "./wilson-interval.ts";
export { zScores } from "./z-scores.ts";
