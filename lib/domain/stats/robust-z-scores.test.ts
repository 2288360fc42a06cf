import { describe, expect, it } from "vitest";
import { mismatch } from "./fixtures/tolerance.ts";
import fixture from "./fixtures/z-scores.json";
import { flagAnomalies } from "./flag-anomalies.ts";
import { robustZScores } from "./robust-z-scores.ts";
import { zScores } from "./z-scores.ts";

describe("robustZScores", () => {
  it("matches (x - median) / (1.4826 * MAD) from SciPy on every fixture vector", () => {
    expect(fixture.cases).toHaveLength(6);
    const misses = fixture.cases.flatMap((c) =>
      robustZScores(c.values).map((z, i) => mismatch(`${c.name} [${i}]`, z, c.robust[i] ?? Number.NaN)),
    );
    expect(misses.filter((m) => m !== null)).toEqual([]);
  });

  it("flags a moderate anomaly next to an extreme outlier, which the standard z-score misses", () => {
    // Daily admission rates near 0.50; 0.62 is off, 0.98 is far off and inflates the SD.
    const rates = [0.5, 0.52, 0.49, 0.51, 0.48, 0.5, 0.53, 0.47, 0.51, 0.5, 0.49, 0.52, 0.62, 0.98];
    const moderate = 12;
    const extreme = 13;
    expect(flagAnomalies(zScores(rates))).toEqual(rates.map((_, i) => i === extreme));
    expect(flagAnomalies(robustZScores(rates))).toEqual(rates.map((_, i) => i === moderate || i === extreme));
  });

  it("gives NaN for every value when more than half are equal (MAD = 0) or there are fewer than 2", () => {
    expect(robustZScores([5, 5, 5, 6, 100])).toEqual(Array(5).fill(Number.NaN));
    expect(robustZScores([5])).toEqual([Number.NaN]);
    expect(robustZScores([])).toEqual([]);
  });

  it("throws a RangeError for a non-finite value", () => {
    expect(() => robustZScores([1, 2, Number.NaN])).toThrow(/values\[2\] is NaN/);
  });
});
