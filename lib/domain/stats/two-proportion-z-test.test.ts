import { describe, expect, it } from "vitest";
import { mismatch } from "./fixtures/tolerance.ts";
import fixture from "./fixtures/two-proportion-z-test.json";
import type { Alternative } from "./p-value.ts";
import { twoProportionZTest } from "./two-proportion-z-test.ts";

describe("twoProportionZTest", () => {
  it("matches the pooled z-test and unpooled Wald interval of the fixtures for every alternative", () => {
    expect(fixture.cases).toHaveLength(27);
    const misses = fixture.cases.flatMap((c) => {
      const r = twoProportionZTest(c.x1, c.n1, c.x2, c.n2, c.alternative as Alternative);
      const at = `${c.x1}/${c.n1} vs ${c.x2}/${c.n2}, ${c.alternative}:`;
      return [
        mismatch(`${at} z`, r.z, c.z),
        mismatch(`${at} p`, r.p, c.p),
        mismatch(`${at} diff`, r.diff, c.diff),
        mismatch(`${at} ci95 lo`, r.ci95[0], c.ci95[0] ?? Number.NaN),
        mismatch(`${at} ci95 hi`, r.ci95[1], c.ci95[1] ?? Number.NaN),
      ];
    });
    expect(misses.filter((m) => m !== null)).toEqual([]);
  });

  it("gives NaN for z and p when both groups are all 0 or all 1, but still the difference and interval", () => {
    expect(twoProportionZTest(0, 40, 0, 60)).toEqual({ z: Number.NaN, p: Number.NaN, diff: 0, ci95: [0, 0] });
    expect(twoProportionZTest(40, 40, 60, 60)).toEqual({ z: Number.NaN, p: Number.NaN, diff: 0, ci95: [0, 0] });
  });

  it("throws a RangeError for n < 1, x outside [0, n], non-integer counts or an unknown alternative", () => {
    expect(() => twoProportionZTest(0, 0, 1, 2)).toThrow(/n1 must be an integer >= 1, got 0/);
    expect(() => twoProportionZTest(1, 2, 3, 2)).toThrow(/x2 must be an integer in \[0, n2=2\], got 3/);
    expect(() => twoProportionZTest(-1, 2, 1, 2)).toThrow(RangeError);
    expect(() => twoProportionZTest(1.5, 2, 1, 2)).toThrow(RangeError);
    expect(() => twoProportionZTest(1, Number.NaN, 1, 2)).toThrow(RangeError);
    expect(() => twoProportionZTest(1, 2, 1, 2, "larger" as Alternative)).toThrow(/alternative must be/);
  });
});
