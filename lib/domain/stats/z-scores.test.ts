import { describe, expect, it } from "vitest";
import { mismatch } from "./fixtures/tolerance.ts";
import fixture from "./fixtures/z-scores.json";
import { zScores } from "./z-scores.ts";

describe("zScores", () => {
  it("matches scipy.stats.zscore(ddof=1) on every fixture vector", () => {
    expect(fixture.cases).toHaveLength(6);
    const misses = fixture.cases.flatMap((c) =>
      zScores(c.values).map((z, i) => mismatch(`${c.name} [${i}]`, z, c.z[i] ?? Number.NaN)),
    );
    expect(misses.filter((m) => m !== null)).toEqual([]);
  });

  it("gives NaN for every value when there is no spread or fewer than 2 values", () => {
    expect(zScores([4, 4, 4])).toEqual([Number.NaN, Number.NaN, Number.NaN]);
    expect(zScores([4])).toEqual([Number.NaN]);
    expect(zScores([])).toEqual([]);
  });

  it("throws a RangeError for a non-finite value", () => {
    expect(() => zScores([1, Number.NaN, 3])).toThrow(/values\[1\] is NaN/);
    expect(() => zScores([1, Number.NEGATIVE_INFINITY])).toThrow(RangeError);
  });
});
