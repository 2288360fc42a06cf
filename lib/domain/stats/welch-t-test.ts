import { studentTUpperTail } from "./distributions.ts";
import { type Alternative, pValue } from "./p-value.ts";
import { mean, sampleVariance } from "./summary.ts";
import { assertAlternative, assertFiniteValues } from "./validate.ts";

export interface WelchTTestResult {
  t: number;
  /** Welch–Satterthwaite degrees of freedom (not an integer in general). */
  df: number;
  p: number;
}

/**
 * Welch's two-sample t-test of mean(a) − mean(b), as scipy.stats.ttest_ind(a, b,
 * equal_var=False, alternative). Each sample needs 2+ finite values (RangeError otherwise).
 * When neither sample has any spread the test is undefined and t, df and p are NaN
 * (SciPy returns ±inf, p = 0 and a placeholder df = 1 there).
 */
export function welchTTest(
  a: readonly number[],
  b: readonly number[],
  alternative: Alternative = "two-sided",
): WelchTTestResult {
  assertFiniteValues("welchTTest", "a", a, 2);
  assertFiniteValues("welchTTest", "b", b, 2);
  assertAlternative("welchTTest", alternative);

  const va = sampleVariance(a) / a.length;
  const vb = sampleVariance(b) / b.length;
  const se2 = va + vb;
  if (se2 === 0) return { t: Number.NaN, df: Number.NaN, p: Number.NaN };

  const t = (mean(a) - mean(b)) / Math.sqrt(se2);
  const df = se2 ** 2 / (va ** 2 / (a.length - 1) + vb ** 2 / (b.length - 1));
  return { t, df, p: pValue(t, alternative, (x) => studentTUpperTail(x, df)) };
}
