import { describe, expect, it } from "vitest";
import { mismatch } from "./fixtures/tolerance.ts";
import fixture from "./fixtures/welch-t-test.json";
import type { Alternative } from "./p-value.ts";
import { welchTTest } from "./welch-t-test.ts";

describe("welchTTest", () => {
  it("matches scipy.stats.ttest_ind(equal_var=False) on every fixture case and alternative", () => {
    expect(fixture.cases).toHaveLength(24);
    const misses = fixture.cases.flatMap((c) => {
      const { t, df, p } = welchTTest(c.a, c.b, c.alternative as Alternative);
      const at = `${c.name}, ${c.alternative}:`;
      // p with no absolute floor: the incomplete-beta tail stays relatively exact even at 1e-48.
      return [mismatch(`${at} t`, t, c.t), mismatch(`${at} df`, df, c.df), mismatch(`${at} p`, p, c.p, 0)];
    });
    expect(misses.filter((m) => m !== null)).toEqual([]);
  });

  it("defaults to the two-sided test", () => {
    const a = [3.1, 4.7];
    const b = [5, 6.2, 9.9];
    expect(welchTTest(a, b)).toEqual(welchTTest(a, b, "two-sided"));
  });

  it("gives NaN for t, df and p when neither sample has any spread", () => {
    expect(welchTTest([2, 2, 2], [5, 5])).toEqual({ t: Number.NaN, df: Number.NaN, p: Number.NaN });
  });

  it("throws a RangeError for a sample under 2 values, a non-finite value or an unknown alternative", () => {
    expect(() => welchTTest([], [1, 2])).toThrow(RangeError);
    expect(() => welchTTest([1, 2], [3])).toThrow(/b needs at least 2 values, got 1/);
    expect(() => welchTTest([1, Number.NaN], [3, 4])).toThrow(/a\[1\] is NaN/);
    expect(() => welchTTest([1, 2], [3, Number.POSITIVE_INFINITY])).toThrow(RangeError);
    expect(() => welchTTest([1, 2], [3, 4], "both" as Alternative)).toThrow(/alternative must be/);
  });
});
