import { normalQuantile, normalUpperTail } from "./distributions.ts";
import { type Alternative, pValue } from "./p-value.ts";
import { assertAlternative, assertCounts } from "./validate.ts";

export interface TwoProportionZTestResult {
  z: number;
  p: number;
  /** p1 − p2, where p1 = x1 / n1 and p2 = x2 / n2. */
  diff: number;
  /** 95% unpooled Wald interval for diff; not clipped, so tiny samples can reach past ±1. */
  ci95: [lo: number, hi: number];
}

const Z_975 = normalQuantile(0.975);

/**
 * Two-proportion z-test of p1 − p2 = 0.
 *
 * z uses the pooled proportion, as statsmodels proportions_ztest: under the null the two
 * rates are one rate, so its standard error comes from the pooled estimate. The interval
 * has no null to lean on, so it uses each group's own rate (unpooled Wald). When both
 * groups are all-0 or all-1 the pooled SE is 0 and z and p are NaN.
 * Counts must be integers with 0 <= x <= n and n >= 1 (RangeError otherwise).
 */
export function twoProportionZTest(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
  alternative: Alternative = "two-sided",
): TwoProportionZTestResult {
  assertCounts("twoProportionZTest", x1, n1, "x1", "n1");
  assertCounts("twoProportionZTest", x2, n2, "x2", "n2");
  assertAlternative("twoProportionZTest", alternative);

  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const diff = p1 - p2;
  const pooled = (x1 + x2) / (n1 + n2);
  const pooledSe = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const z = pooledSe === 0 ? Number.NaN : diff / pooledSe;
  const p = Number.isNaN(z) ? Number.NaN : pValue(z, alternative, normalUpperTail);

  const halfWidth = Z_975 * Math.sqrt((p1 * (1 - p1)) / n1 + (p2 * (1 - p2)) / n2);
  return { z, p, diff, ci95: [diff - halfWidth, diff + halfWidth] };
}
