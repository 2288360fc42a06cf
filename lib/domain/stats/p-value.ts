/** The alternative hypothesis, named as in scipy.stats. */
export type Alternative = "two-sided" | "less" | "greater";

/** The p-value of a statistic whose null distribution is symmetric about 0 with upper tail `upperTail`. */
export function pValue(statistic: number, alternative: Alternative, upperTail: (x: number) => number): number {
  switch (alternative) {
    case "two-sided":
      return 2 * upperTail(Math.abs(statistic));
    case "less":
      return upperTail(-statistic);
    case "greater":
      return upperTail(statistic);
  }
}
