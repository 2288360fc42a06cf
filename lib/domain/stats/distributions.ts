import jStat from "jstat";

/** P(T > t) for Student's t with `df` degrees of freedom. */
export function studentTUpperTail(t: number, df: number): number {
  // Not 1 - jStat.studentt.cdf(t, df): that subtraction loses every digit below ~1e-16 and, at
  // df near 1e6, even 3% near t = 0. The tail as an incomplete beta keeps its relative precision.
  const tail = 0.5 * jStat.ibeta(df / (df + t * t), df / 2, 0.5);
  return t >= 0 ? tail : 1 - tail;
}

/**
 * P(Z > z) for the standard normal. jStat builds it from erf, so it is exact to ~1e-16
 * absolute: far-tail values (|z| beyond ~7) are tiny but not relatively precise.
 */
export function normalUpperTail(z: number): number {
  return jStat.normal.cdf(-z, 0, 1);
}

/** The z with P(Z < z) = p for the standard normal. */
export function normalQuantile(p: number): number {
  return jStat.normal.inv(p, 0, 1);
}
