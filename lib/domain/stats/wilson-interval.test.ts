import { describe, expect, it } from "vitest";
import { mismatch } from "./fixtures/tolerance.ts";
import fixture from "./fixtures/wilson-interval.json";
import { wilsonInterval } from "./wilson-interval.ts";

describe("wilsonInterval", () => {
  it("matches the Wilson score interval of the fixtures at 90%, 95% and 99% confidence", () => {
    expect(fixture.cases).toHaveLength(39);
    const misses = fixture.cases.flatMap((c) => {
      const r = wilsonInterval(c.x, c.n, c.confidence);
      const at = `${c.x}/${c.n} at ${c.confidence}:`;
      return [
        mismatch(`${at} lo`, r.lo, c.lo),
        mismatch(`${at} hi`, r.hi, c.hi),
        mismatch(`${at} estimate`, r.estimate, c.estimate),
      ];
    });
    expect(misses.filter((m) => m !== null)).toEqual([]);
  });

  it("defaults to 95% confidence", () => {
    expect(wilsonInterval(5, 12)).toEqual(wilsonInterval(5, 12, 0.95));
  });

  it("starts at exactly 0 for x = 0 and ends at exactly 1 for x = n, with a non-zero width", () => {
    const none = wilsonInterval(0, 10);
    expect(none.lo).toBe(0);
    expect(none.hi).toBeGreaterThan(0.2);
    const all = wilsonInterval(10, 10);
    expect(all.hi).toBe(1);
    expect(all.lo).toBeLessThan(0.8);
  });

  it("throws a RangeError for n < 1, x outside [0, n] or a confidence outside (0, 1)", () => {
    expect(() => wilsonInterval(0, 0)).toThrow(/n must be an integer >= 1, got 0/);
    expect(() => wilsonInterval(11, 10)).toThrow(/x must be an integer in \[0, n=10\], got 11/);
    expect(() => wilsonInterval(-1, 10)).toThrow(RangeError);
    expect(() => wilsonInterval(Number.NaN, 10)).toThrow(RangeError);
    for (const confidence of [0, 1, 95, Number.NaN]) {
      expect(() => wilsonInterval(1, 10, confidence)).toThrow(/confidence must be in \(0, 1\)/);
    }
  });
});
