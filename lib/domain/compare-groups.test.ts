import { describe, expect, it } from "vitest";
import { compareGroups } from "./compare-groups.ts";

const group = (label: string, admitted: number, decided: number) => ({
  label,
  applications: decided + 5,
  admitted,
  decided,
});

describe("compareGroups", () => {
  it("calls a large gap between large groups significant and says which is higher", () => {
    const c = compareGroups(group("Fast track", 600, 1000), group("Classic", 400, 1000));
    expect(c.significant).toBe(true);
    expect(c.diff).toBeCloseTo(0.2, 10);
    expect(c.p).toBeLessThan(0.0001);
    expect(c.ci95?.[0]).toBeGreaterThan(0);
    expect(c.verdict).toContain("Fast track admits 20.0 percentage points higher than Classic");
    expect(c.verdict).toContain("(p < 0.0001 < 0.05)");
    expect(c.warning).toBeNull();
    expect(c.a.ci95?.[0]).toBeLessThan(0.6);
    expect(c.a.ci95?.[1]).toBeGreaterThan(0.6);
  });

  it("does not call a small gap significant, and its interval spans zero", () => {
    const c = compareGroups(group("A", 52, 100), group("B", 48, 100));
    expect(c.significant).toBe(false);
    expect(c.p).toBeGreaterThan(0.05);
    expect(c.ci95?.[0]).toBeLessThan(0);
    expect(c.ci95?.[1]).toBeGreaterThan(0);
    expect(c.verdict).toMatch(/^No clear difference/);
    expect(c.verdict).toMatch(/\(p = 0\.\d{4} ≥ 0\.05\)/);
  });

  it("warns when a group has too few admitted or not admitted for the approximation", () => {
    const c = compareGroups(group("Tiny", 3, 5), group("Big", 400, 1000));
    expect(c.warning).toMatch(/Small sample: Tiny has fewer than 10/);
  });

  it("refuses to compare a group without decisions, with a plain reason", () => {
    const c = compareGroups(group("Empty", 0, 0), group("Big", 400, 1000));
    expect(c).toMatchObject({ diff: null, p: null, significant: false });
    expect(c.verdict).toContain("Empty has no decided applications");
  });
});
