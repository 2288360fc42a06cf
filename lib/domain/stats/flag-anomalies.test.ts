import { describe, expect, it } from "vitest";
import fixture from "./fixtures/z-scores.json";
import { flagAnomalies } from "./flag-anomalies.ts";
import { robustZScores } from "./robust-z-scores.ts";
import { zScores } from "./z-scores.ts";

describe("flagAnomalies", () => {
  it("flags the same values as numpy.abs(z) > 3 for both kinds of score", () => {
    for (const c of fixture.cases) {
      expect(flagAnomalies(zScores(c.values), c.threshold), c.name).toEqual(c.flags);
      expect(flagAnomalies(robustZScores(c.values), c.threshold), c.name).toEqual(c.robustFlags);
    }
  });

  it("flags |z| strictly above the threshold, on either side, with 3 by default", () => {
    const z = [-3.5, -3, 0, 2.9, 3, 3.01];
    expect(flagAnomalies(z)).toEqual([true, false, false, false, false, true]);
    expect(flagAnomalies(z, 2.5)).toEqual([true, true, false, true, true, true]);
  });

  it("never flags a NaN score", () => {
    expect(flagAnomalies([Number.NaN, 10], 0)).toEqual([false, true]);
  });

  it("throws a RangeError for a negative or non-finite threshold", () => {
    for (const threshold of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => flagAnomalies([1], threshold)).toThrow(/threshold must be a finite number >= 0/);
    }
  });
});
