import { describe, expect, it } from "vitest";
import type { HeatmapData } from "@/lib/domain/heatmap-data";
import { wilsonInterval } from "../../lib/domain/stats";
import { formatPercent, trendSeries } from "./trend-series";

const data: HeatmapData = {
  granularity: "month",
  tz: "UTC",
  weekStart: "monday",
  groupBy: "program",
  from: "2026-01-01T00:00:00.000Z",
  to: "2026-03-01T00:00:00.000Z",
  rows: [
    { key: "a", label: "A" },
    { key: "b", label: "B" },
  ],
  buckets: ["2026-01-01T00:00:00.000Z", "2026-02-01T00:00:00.000Z"],
  bucketLabels: ["2026-01", "2026-02"],
  cells: [
    { row: 0, bucket: 0, applications: 30, admitted: 8, decided: 20, rate: 0.4, z: null, anomaly: false },
    { row: 1, bucket: 1, applications: 5, admitted: 0, decided: 0, rate: null, z: null, anomaly: false },
  ],
  anomaly: { method: "robust", threshold: 3 },
};

describe("trendSeries", () => {
  it("gives each chosen row its rate and 95% Wilson interval per bucket, keyed by position", () => {
    const points = trendSeries(data, [1, 0]);
    expect(points.map((p) => p.label)).toEqual(["2026-01", "2026-02"]);
    const w = wilsonInterval(8, 20, 0.95);
    expect(points[0]).toMatchObject({ rate0: null, ci0: null, applications0: 0, rate1: 0.4, ci1: [w.lo, w.hi] });
    expect(points[0]?.values[1]).toEqual({ applications: 30, admitted: 8, decided: 20, rate: 0.4, ci: [w.lo, w.hi] });
  });

  it("leaves a gap where applications came in but none was decided", () => {
    const [, feb] = trendSeries(data, [1]);
    expect(feb).toMatchObject({ rate0: null, ci0: null, applications0: 5 });
  });

  it("formats rates with one decimal and a dash for none", () => {
    expect(formatPercent(0.4234)).toBe("42.3%");
    expect(formatPercent(null)).toBe("–");
  });
});
