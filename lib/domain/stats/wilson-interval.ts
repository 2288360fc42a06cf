import { normalQuantile } from "./distributions.ts";
import { assertCounts } from "./validate.ts";

export interface WilsonInterval {
  lo: number;
  hi: number;
  /** x / n. */
  estimate: number;
}

/**
 * Wilson score interval for a proportion, as statsmodels proportion_confint(method="wilson").
 * Unlike the Wald interval it stays inside [0, 1] and is not zero-width at x = 0 or x = n.
 * Counts must be integers with 0 <= x <= n and n >= 1, confidence in (0, 1) (RangeError otherwise).
 */
export function wilsonInterval(x: number, n: number, confidence = 0.95): WilsonInterval {
  assertCounts("wilsonInterval", x, n);
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`wilsonInterval: confidence must be in (0, 1), got ${confidence}`);
  }

  const estimate = x / n;
  const z = -normalQuantile((1 - confidence) / 2);
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (estimate + z2 / (2 * n)) / denom;
  const halfWidth = (z * Math.sqrt((estimate * (1 - estimate)) / n + z2 / (4 * n * n))) / denom;
  // At x = 0 or x = n a bound is 0 or 1 exactly; clamp the last-bit rounding that can cross it.
  return { lo: Math.max(0, center - halfWidth), hi: Math.min(1, center + halfWidth), estimate };
}
