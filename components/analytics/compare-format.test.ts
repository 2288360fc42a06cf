import { describe, expect, it } from "vitest";
import { formatInterval, formatP, formatPoints } from "./compare-format";
import { type CompareForm, compareQuery } from "./compare-query";

describe("compare formatting", () => {
  it("writes p-values as people read them", () => {
    expect(formatP(0.0004)).toBe("p < 0.001");
    expect(formatP(0.04213)).toBe("p = 0.042");
    expect(formatP(Number.NaN)).toBe("p not available");
  });

  it("signs differences in percentage points and never shows a signed zero", () => {
    expect(formatPoints(0.0423)).toBe("+4.2 pp");
    expect(formatPoints(-0.008)).toBe("\u22120.8 pp");
    expect(formatPoints(-0.0001)).toBe("0.0 pp");
    expect(formatInterval([-0.01, 0.074], "diff")).toBe("95% CI \u22121.0 to +7.4 pp");
    expect(formatInterval([0.281, 0.359], "rate")).toBe("95% CI 28.1% to 35.9%");
    expect(formatInterval(null, "rate")).toBe("95% CI not available");
  });
});

describe("compareQuery", () => {
  const form: CompareForm = {
    mode: "programs",
    programA: "p1",
    programB: "p2",
    program: "",
    channelA: "classic",
    channelB: "fast-track",
    from: "2026-01-01",
    to: "2026-03-31",
    fromA: "2025-01-01",
    toA: "2025-03-31",
    fromB: "2026-01-01",
    toB: "2026-03-31",
  };

  it("compares two programs over one period", () => {
    expect(Object.fromEntries(compareQuery(form, "Europe/Berlin"))).toEqual({
      aPrograms: "p1",
      aFrom: "2026-01-01",
      aTo: "2026-03-31",
      bPrograms: "p2",
      bFrom: "2026-01-01",
      bTo: "2026-03-31",
      tz: "Europe/Berlin",
    });
  });

  it("compares two periods of all programs, and two channels of one program", () => {
    expect(Object.fromEntries(compareQuery({ ...form, mode: "periods" }, ""))).toEqual({
      aFrom: "2025-01-01",
      aTo: "2025-03-31",
      bFrom: "2026-01-01",
      bTo: "2026-03-31",
    });
    expect(Object.fromEntries(compareQuery({ ...form, mode: "channels", program: "p1" }, "UTC"))).toMatchObject({
      aPrograms: "p1",
      aChannel: "classic",
      bPrograms: "p1",
      bChannel: "fast-track",
      aFrom: "2026-01-01",
      bTo: "2026-03-31",
    });
  });
});
